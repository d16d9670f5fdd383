// Fault 2: Calypso answers 30% of requests with a 5xx (simulator errorRate 0.3; the answer
// comes before any work, so nothing is written). The client retries with backoff and the
// same idempotencyKey; what still fails ends as a clear NO_NETWORK message (sync) or a
// pending outcome (submission) that a later pass resolves. After the fault clears, the cache
// equals the server and every intent is exactly one payout.
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { DraftBatch, DraftRow } from '../../shared/drafts';
import type { DraftReview, SubmittedPayout, SyncStatus } from '../../shared/ipc';
import { testAddress } from '../support/addresses';
import {
  clientOf,
  createDraft,
  draftRowsOf,
  expectConverged,
  expectOnePayoutPerIntent,
  freshSync,
  openFaultDesk,
  quiesce,
  SIM_PROFILE,
  type FaultDesk,
} from './support/desk-harness';
import { describeError, recordOutcome } from './support/outcome';
import { confirmed } from '../support/confirm-payout';

let fd: FaultDesk | undefined;

afterEach(async () => {
  await fd?.close();
  fd = undefined;
});

/** Sync passes under the fault until one succeeds: at most `maxPasses`, at most `budgetMs`. */
async function passesUnderFault(desk: FaultDesk, maxPasses: number, budgetMs: number) {
  const statuses: SyncStatus[] = [];
  const deadline = Date.now() + budgetMs;
  while (statuses.length < maxPasses && Date.now() < deadline) {
    const status = await desk.value<SyncStatus>('syncNow', { profileId: SIM_PROFILE });
    statuses.push(status);
    if (status.state === 'idle') break;
  }
  return statuses;
}

function expectOutageMessage(status: SyncStatus) {
  expect(status.state).toBe('offline');
  expect(status.lastError?.code).toBe('NO_NETWORK');
  expect(status.lastError?.message).toMatch(
    /^Calypso is not answering normally \(server error 000\)/,
  );
}

describe('fault 2: 30% 5xx answers (errorRate 0.3)', () => {
  it('a first sync of 3,000 payouts converges; failed passes say so clearly', async ({ task }) => {
    fd = await openFaultDesk({ simulator: { randomSeed: 2026 } });
    fd.sim.seedPayouts(2_800, { kind: 'single', state: 'COMPLETED' });
    fd.sim.seedPayouts(150, { kind: 'single', state: 'FAILED', currency: 'BTC' });
    fd.sim.seedPayouts(30, { kind: 'mass', state: 'PARTIAL', currency: 'USDT', recipients: 3 });
    fd.sim.seedPayouts(20, { kind: 'single', state: 'IN_PROGRESS', currency: 'ETH' });
    const draft = await createDraft(fd, 'payroll', 10, 1);

    fd.sim.setFaults({ errorRate: 0.3 });
    // A draft edit is local: the outage must not touch it.
    await fd.value('updateDraftRow', { draftId: draft.id, rowNo: 3, comment: 'edited offline' });
    const statuses = await passesUnderFault(fd, 3, 60_000);
    const failed = statuses.filter((status) => status.state !== 'idle');
    for (const status of failed) expectOutageMessage(status);

    const { items } = await expectConverged(fd);
    expect(items).toBe(3_000);
    const rows = await draftRowsOf(fd, draft.id);
    expect(rows.find((row: DraftRow) => row.rowNo === 3)?.comment).toBe('edited offline');
    const firstError = failed[0]?.lastError;
    recordOutcome(
      task,
      `sync of 3,000: ${statuses.length} pass(es) under fault, ${failed.length} failed` +
        (firstError ? ` with ${describeError(firstError)}` : ' (retries absorbed every 5xx)') +
        ', cache converged, draft edit kept',
    );
  });

  it('a later sync cut short after its first page still reads every new payout', async ({
    task,
  }) => {
    fd = await openFaultDesk();
    fd.sim.seedPayouts(300, { kind: 'single', state: 'COMPLETED' });
    expect((await freshSync(fd)).state).toBe('idle');
    // 1,500 payouts made elsewhere (dashboard, the merchant's backend) while the app was closed.
    fd.sim.seedPayouts(1_500, { kind: 'single', state: 'COMPLETED', spanMs: 60_000 });
    let armed = true;
    const stop = fd.onEvent((event) => {
      if (armed && event.event === 'syncProgress') {
        // Page 1 is stored; every try of page 2 gets a 500.
        armed = false;
        fd?.sim.setFaults({ failNext: 4 });
      }
    });
    const cut = await fd.value<SyncStatus>('syncNow', { profileId: SIM_PROFILE });
    stop();
    expect(armed).toBe(false);
    expectOutageMessage(cut);
    const { items } = await expectConverged(fd);
    expect(items).toBe(1_800);
    recordOutcome(
      task,
      `later sync cut after page 1: ${describeError(cut.lastError)}, then all 1,800 cached`,
    );
  });

  it('a mass submission of 12 batches: one mass payout per batch, pending ones resolved later', async ({
    task,
  }) => {
    fd = await openFaultDesk({ simulator: { randomSeed: 99 } });
    const draft = await createDraft(fd, 'mass under 5xx', 1_200, 2);
    await fd.value('updateDraftRow', { draftId: draft.id, rowNo: 7, amount: '77.77' });
    const { fingerprint } = await fd.value<DraftReview>('reviewDraft', { draftId: draft.id });
    fd.sim.setFaults({ errorRate: 0.3 });
    const submitted = await fd.value<DraftBatch[]>('submitDraft', {
      draftId: draft.id,
      fingerprint,
    });
    expect(submitted).toHaveLength(12);
    const pendingAfterSubmit = submitted.filter((batch) => batch.delivery === 'pending').length;
    for (const batch of submitted) expect(['done', 'pending']).toContain(batch.delivery);

    // A second Submit while the fault lasts (the person clicks again): no new batches.
    const again = await fd.value<DraftBatch[]>('submitDraft', { draftId: draft.id, fingerprint });
    expect(again.map((batch) => batch.requestId)).toEqual(submitted.map((b) => b.requestId));

    await expectConverged(fd);
    const batches = await fd.value<DraftBatch[]>('getDraftBatches', { draftId: draft.id });
    for (const batch of batches) expect(batch.delivery, JSON.stringify(batch)).toBe('done');
    expect(new Set(batches.map((batch) => batch.payoutId)).size).toBe(12);
    await expectOnePayoutPerIntent(
      fd.sim,
      batches.map((batch) => batch.requestId),
    );
    expect(fd.sim.countPayouts()).toBe(12);
    const rows = await draftRowsOf(fd, draft.id);
    expect(rows.find((row) => row.rowNo === 7)?.amount).toBe('77.77');
    recordOutcome(
      task,
      `mass submission: ${pendingAfterSubmit}/12 batches pending after Submit, all 12 delivered once after recovery`,
    );
  });

  it('a single payout whose every try gets a 5xx is pending, then paid exactly once', async ({
    task,
  }) => {
    fd = await openFaultDesk();
    const requestId = randomUUID();
    const request = {
      profileId: SIM_PROFILE,
      requestId,
      depositAddress: testAddress('tron', 4242),
      amount: '12.5',
      currency: 'USDT_TRX',
    };
    await quiesce(fd);
    fd.sim.setFaults({ failNext: 4 });
    const first = await fd.value<SubmittedPayout>(
      'createPayout',
      await confirmed(fd.value, request),
    );
    expect(first.state).toBe('pending');
    if (first.state !== 'pending') return;
    expect(first.message).toMatch(/cannot be paid twice/);

    await expectConverged(fd);
    const second = await fd.value<SubmittedPayout>(
      'createPayout',
      await confirmed(fd.value, request),
    );
    expect(second.state).toBe('done');
    await expectOnePayoutPerIntent(fd.sim, [requestId]);
    const lookedUp = await clientOf(fd.sim).getPayout({ idempotencyKey: requestId });
    if (second.state === 'done') expect(second.item.id).toBe(lookedUp.id);
    recordOutcome(task, `single payout: pending "${first.message.slice(0, 60)}…", then one payout`);
  });
});
