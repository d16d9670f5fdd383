// Fault 1: every API request takes 300 ms more (simulator latencyMs). Sync and submission are
// slower, never wrong: a double click during the slow request joins it, draft edits stay
// instant (they are local), and nothing surfaces as an error.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DraftBatch } from '../../shared/drafts';
import type { DraftReview, SubmittedPayout, SyncStatus } from '../../shared/ipc';
import { testAddress } from '../support/addresses';
import {
  createDraft,
  draftRowsOf,
  expectConverged,
  expectOnePayoutPerIntent,
  openFaultDesk,
  SIM_PROFILE,
  type FaultDesk,
} from './support/desk-harness';
import { recordOutcome } from './support/outcome';
import { confirmed } from '../support/confirm-payout';

const LATENCY_MS = 300;
let fd: FaultDesk;

beforeAll(async () => {
  fd = await openFaultDesk();
  fd.sim.seedPayouts(400, { kind: 'single', state: 'COMPLETED' });
  fd.sim.seedPayouts(5, { kind: 'mass', state: 'PARTIAL', currency: 'USDT', recipients: 3 });
  fd.sim.seedPayouts(10, { kind: 'single', state: 'IN_PROGRESS', currency: 'ETH' });
  fd.sim.setFaults({ latencyMs: LATENCY_MS });
});

afterAll(async () => {
  await fd.close();
});

describe('fault 1: 300 ms latency per request', () => {
  it('sync completes while a draft edit made meanwhile is saved at once', async ({ task }) => {
    const draft = await createDraft(fd, 'latency draft', 20, 3);
    const started = Date.now();
    const syncing = fd.value<SyncStatus>('syncNow', { profileId: SIM_PROFILE });
    const editStarted = Date.now();
    await fd.value('updateDraftRow', { draftId: draft.id, rowNo: 5, comment: 'typed during sync' });
    const editMs = Date.now() - editStarted;
    const status = await syncing;
    const syncMs = Date.now() - started;
    expect(status.state, JSON.stringify(status.lastError)).toBe('idle');
    // Several requests, each at least the injected latency.
    expect(syncMs).toBeGreaterThan(3 * LATENCY_MS);
    expect(editMs).toBeLessThan(syncMs);
    const rows = await draftRowsOf(fd, draft.id);
    expect(rows.find((row) => row.rowNo === 5)?.comment).toBe('typed during sync');
    recordOutcome(
      task,
      `sync of 415 payouts idle after ${(syncMs / 1000).toFixed(1)} s, draft edit saved in ${editMs} ms`,
    );
  });

  it('a single payout with a double click during the slow request is paid once', async ({
    task,
  }) => {
    const request = {
      profileId: SIM_PROFILE,
      requestId: randomUUID(),
      depositAddress: testAddress('tron', 3001),
      amount: '250.000001',
      currency: 'USDT_TRX',
    };
    const started = Date.now();
    const [first, second] = await Promise.all([
      fd.value<SubmittedPayout>('createPayout', await confirmed(fd.value, request)),
      fd.value<SubmittedPayout>('createPayout', await confirmed(fd.value, request)),
    ]);
    const tookMs = Date.now() - started;
    expect(first.state).toBe('done');
    expect(second.state).toBe('done');
    if (first.state === 'done' && second.state === 'done') {
      expect(second.item.id).toBe(first.item.id);
      expect(first.item.amount).toBe('250.000001');
    }
    expect(tookMs).toBeGreaterThanOrEqual(LATENCY_MS);
    await expectOnePayoutPerIntent(fd.sim, [request.requestId]);
    recordOutcome(task, `single payout done in ${tookMs} ms, double click joined it (one payout)`);
  });

  it('a mass submission of 3 batches delivers each once', async ({ task }) => {
    const draft = await createDraft(fd, 'latency mass', 250, 4);
    await fd.value('updateDraftRow', { draftId: draft.id, rowNo: 250, amount: '9.99' });
    const { fingerprint } = await fd.value<DraftReview>('reviewDraft', { draftId: draft.id });
    const started = Date.now();
    const batches = await fd.value<DraftBatch[]>('submitDraft', { draftId: draft.id, fingerprint });
    const tookMs = Date.now() - started;
    expect(batches.map((batch) => batch.delivery)).toEqual(['done', 'done', 'done']);
    await expectOnePayoutPerIntent(
      fd.sim,
      batches.map((batch) => batch.requestId),
    );
    const { items } = await expectConverged(fd);
    const rows = await draftRowsOf(fd, draft.id);
    expect(rows.find((row) => row.rowNo === 250)?.amount).toBe('9.99');
    recordOutcome(
      task,
      `3 batches done in ${(tookMs / 1000).toFixed(1)} s, cache converged (${items} items), no error surfaced`,
    );
  });
});
