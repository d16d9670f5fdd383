// Fault 3: Calypso commits a write and the answer is lost on the way back (simulator dropNext /
// dropRate destroy the socket after the commit). The client cannot know the payout exists;
// the same idempotencyKey on the retry gets 016, the lookup adopts what exists, and nothing
// is paid twice. When even the lookup cannot get through, the outcome stays pending and is
// resolved later, still exactly once.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DraftBatch } from '../../shared/drafts';
import type { HistoryItem } from '../../shared/history';
import type { DraftReview, SubmittedPayout } from '../../shared/ipc';
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
import { recordOutcome } from './support/outcome';
import { confirmed } from '../support/confirm-payout';

let fd: FaultDesk;

beforeAll(async () => {
  fd = await openFaultDesk({ simulator: { randomSeed: 31 } });
});

afterAll(async () => {
  await fd.close();
});

function payoutRequest(n: number, extra: Record<string, unknown> = {}) {
  return {
    profileId: SIM_PROFILE,
    requestId: randomUUID(),
    depositAddress: testAddress('tron', 7000 + n),
    amount: `${n}.5`,
    currency: 'USDT_TRX',
    ...extra,
  };
}

describe('fault 3: answers dropped after the write', () => {
  it('a single payout whose answer is lost is adopted, not paid again', async ({ task }) => {
    const request = payoutRequest(1);
    await quiesce(fd);
    fd.sim.setFaults({ dropNext: 1 });
    const result = await fd.value<SubmittedPayout>(
      'createPayout',
      await confirmed(fd.value, request),
    );
    expect(fd.sim.faults.dropNext).toBe(0);
    expect(result.state).toBe('done');
    await expectOnePayoutPerIntent(fd.sim, [request.requestId]);
    recordOutcome(task, 'single: dropped answer adopted through its idempotencyKey (one payout)');
  });

  it('a single payout with an unknown outcome stays pending, then resolves to the one payout', async ({
    task,
  }) => {
    const request = payoutRequest(2);
    // Three 500s, then the fourth try is committed and its answer lost: the client gives up
    // not knowing that the payout exists.
    await quiesce(fd);
    fd.sim.setFaults({ failNext: 3, dropNext: 1 });
    const first = await fd.value<SubmittedPayout>(
      'createPayout',
      await confirmed(fd.value, request),
    );
    expect(first.state).toBe('pending');
    expect(fd.sim.faults.dropNext).toBe(0);
    const exists = await clientOf(fd.sim).getPayout({ idempotencyKey: request.requestId });
    // The person clicks again while the outcome is unknown: looked up, adopted, not re-sent.
    const second = await fd.value<SubmittedPayout>(
      'createPayout',
      await confirmed(fd.value, request),
    );
    expect(second.state).toBe('done');
    if (second.state === 'done') expect(second.item.id).toBe(exists.id);
    await freshSync(fd);
    await expectOnePayoutPerIntent(fd.sim, [request.requestId]);
    const message = first.state === 'pending' ? first.message : '';
    recordOutcome(task, `unknown outcome: pending "${message.slice(0, 50)}…", then adopted once`);
  });

  it('a mass submission with its answers dropped holds one mass payout per batch', async ({
    task,
  }) => {
    const draft = await createDraft(fd, 'dropped answers', 500, 5);
    await fd.value('updateDraftRow', { draftId: draft.id, rowNo: 42, comment: 'kept' });
    // Reviewed before the faults start: Submit sends the plan this fingerprint names.
    const { fingerprint } = await fd.value<DraftReview>('reviewDraft', { draftId: draft.id });
    const before = fd.sim.countPayouts();
    await quiesce(fd);
    // The first two answers are lost for sure, each later one with probability 1/2.
    fd.sim.setFaults({ dropNext: 2, dropRate: 0.5 });
    const batches = await fd.value<DraftBatch[]>('submitDraft', { draftId: draft.id, fingerprint });
    expect(fd.sim.faults.dropNext).toBe(0);
    fd.sim.setFaults({ dropRate: 0 });
    expect(batches).toHaveLength(5);
    for (const batch of batches) expect(batch.delivery, JSON.stringify(batch)).toBe('done');
    expect(fd.sim.countPayouts() - before).toBe(5);
    await expectOnePayoutPerIntent(
      fd.sim,
      batches.map((batch) => batch.requestId),
    );
    const rows = await draftRowsOf(fd, draft.id);
    expect(rows.find((row) => row.rowNo === 42)?.comment).toBe('kept');
    recordOutcome(
      task,
      'mass: 5 batches, first 2 answers lost then dropRate 0.5, all adopted, one mass payout each',
    );
  });

  it('a mass submission with an unknown outcome resumes later, still once per batch', async ({
    task,
  }) => {
    const draft = await createDraft(fd, 'dropped then down', 300, 6);
    const { fingerprint } = await fd.value<DraftReview>('reviewDraft', { draftId: draft.id });
    const before = fd.sim.countPayouts();
    // Batch 1: three 500s, then a committed write whose answer is lost (unknown outcome).
    await quiesce(fd);
    fd.sim.setFaults({ failNext: 3, dropNext: 1 });
    const batches = await fd.value<DraftBatch[]>('submitDraft', { draftId: draft.id, fingerprint });
    fd.sim.setFaults({ failNext: 0, dropNext: 0 });
    expect(batches[0]?.delivery).toBe('pending');
    // Recovery: the sync pass resolves the outbox and resumes the draft.
    await expectConverged(fd);
    const after = await fd.value<DraftBatch[]>('getDraftBatches', { draftId: draft.id });
    for (const batch of after) expect(batch.delivery, JSON.stringify(batch)).toBe('done');
    expect(fd.sim.countPayouts() - before).toBe(3);
    await expectOnePayoutPerIntent(
      fd.sim,
      after.map((batch) => batch.requestId),
    );
    recordOutcome(
      task,
      `mass: ${batches.filter((b) => b.delivery === 'pending').length}/3 pending after Submit, resumed once each, cache converged`,
    );
  });

  it('a cancel whose answer is lost reports the cancelled payout, not a refusal', async ({
    task,
  }) => {
    const request = payoutRequest(9, {
      executionDate: new Date(Date.now() + 3_600_000).toISOString(),
    });
    const created = await fd.value<SubmittedPayout>(
      'createPayout',
      await confirmed(fd.value, request),
    );
    if (created.state !== 'done') throw new Error('the scheduled payout was not created');
    await quiesce(fd);
    fd.sim.setFaults({ dropNext: 1 });
    const cancelled = await fd.value<HistoryItem>('cancelPayout', {
      profileId: SIM_PROFILE,
      kind: 'single',
      id: created.item.id,
      message: 'wrong recipient',
    });
    expect(fd.sim.faults.dropNext).toBe(0);
    expect(cancelled.state).toBe('CANCELED');
    const details = await fd.value<{ item: HistoryItem }>('getPayoutDetails', {
      profileId: SIM_PROFILE,
      kind: 'single',
      id: created.item.id,
    });
    expect(details.item.state).toBe('CANCELED');
    recordOutcome(task, 'cancel: lost answer then 012 on the retry read back as CANCELED');
  });
});
