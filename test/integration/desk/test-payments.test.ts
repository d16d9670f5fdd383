// Test payments before a mass payout (docs/test-payments.md), through the composed handlers
// against the built-in simulator and a real SQLite file: a hold keeps its address's rows out
// of the review and of Submit (and the fingerprint names them), a hold is released only once
// its test is COMPLETED in the synced history AND the address is trusted, a failed test keeps
// its rows held, and the released rows go out in one follow-up batch of the same draft, each
// paid exactly once however often "Send the held rows" is pressed.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDesk, type Desk } from '../../../electron/services/desk';
import { createKeytarStore } from '../../../electron/services/vault';
import type { DraftBatch, DraftRow, DraftSummary } from '../../../shared/drafts';
import type { DraftReview, HeldRowsReview } from '../../../shared/ipc';
import type { TestPaymentHold } from '../../../shared/test-payments';
import { testAddress } from '../../support/addresses';
import { deskCalls } from '../../support/desk-calls';

let dir: string;
let desk: Desk;
const { value, failure } = deskCalls(() => desk);

// A: two rows, tested, trusted only after its test COMPLETED (sent in the follow-up).
// B: trusted before its test completed (released with the draft's own Submit).
// F: its test fails (stays held). C1..C3: never tested (sent with Submit).
const A = testAddress('tron', 9_001);
const B = testAddress('tron', 9_002);
const F = testAddress('tron', 9_003);
const C = [9_010, 9_011, 9_012].map((n) => testAddress('tron', n));

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'payout-desk-test-payments-'));
  desk = await createDesk({
    dataDir: dir,
    secretStore: createKeytarStore('payout-desk-test'),
    simulator: {
      delays: { creationMs: 100, confirmationMs: 100, startMs: 100, completionMs: 200 },
      failAddresses: [F],
    },
    sync: { startOnOpen: false },
  });
});

afterAll(async () => {
  await desk.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Withdrawals the simulator holds for an address: what was actually paid to it. */
function paidTo(address: string): { kind: string; amount: string }[] {
  const sim = new Database(join(dir, 'simulator.sqlite'), { readonly: true, fileMustExist: true });
  try {
    return sim
      .prepare<[string], { kind: string; amount: string }>(
        `SELECT p.kind AS kind, CAST(json_extract(w.json, '$.amount') AS TEXT) AS amount
           FROM withdrawals w JOIN payouts p ON p.id = w.parent_id
          WHERE json_extract(w.json, '$.depositAddress') = ? ORDER BY w.id`,
      )
      .all(address);
  } finally {
    sim.close();
  }
}

async function holds(draftId: string): Promise<Map<string, TestPaymentHold>> {
  const list = await value<TestPaymentHold[]>('listTestPayments', { draftId });
  return new Map(list.map((hold) => [hold.address, hold]));
}

const trust = (address: string, trusted = true) =>
  value('updateAddressBookEntry', { profileId: 'simulator', network: 'tron', address, trusted });

describe('a test payment holds the rows of a new address until it is COMPLETED and trusted', () => {
  let draftId: string;
  let before: DraftReview;

  it('offers a test for each first-payment address, with the amount it would send', async () => {
    const rows = [
      { address: A, amount: '10', comment: 'a one' },
      { address: A, amount: '11', comment: 'a two' },
      { address: B, amount: '5', comment: 'b' },
      { address: F, amount: '7', comment: 'f' },
      ...C.map((address, n) => ({ address, amount: `${n + 1}`, comment: `c${n}` })),
    ];
    const draft = await value<DraftSummary>('createDraft', {
      profileId: 'simulator',
      name: 'Test first',
      sourceFile: 'test-first.csv',
      decimalSeparator: '.',
      rows: rows.map((row, index) => ({ line: index + 2, currency: 'TRX', ...row })),
    });
    draftId = draft.id;
    before = await value<DraftReview>('reviewDraft', { draftId });
    expect(before.testPayments.holds).toEqual([]);
    expect(before.testPayments.offers.map((offer) => [offer.address, offer.rowCount])).toEqual([
      [A, 2],
      [B, 1],
      [F, 1],
      ...C.map((address) => [address, 1]),
    ]);
    expect(before.testPayments.offers[0]).toMatchObject({ currency: 'TRX', amount: '1' });
  });

  it('sends one test payout however often it is asked, and holds the rows', async () => {
    const payoutsBefore = desk.simulator?.countPayouts() ?? 0;
    const [first, second] = await Promise.all([
      value<TestPaymentHold[]>('startTestPayment', { draftId, address: A }),
      value<TestPaymentHold[]>('startTestPayment', { draftId, address: A }),
    ]);
    await value('startTestPayment', { draftId, address: A, currency: 'TRX' });
    expect(desk.simulator?.countPayouts()).toBe(payoutsBefore + 1);
    expect(second.map((hold) => hold.requestId)).toEqual(first.map((hold) => hold.requestId));
    expect(paidTo(A)).toEqual([{ kind: 'single', amount: '1' }]);
    const hold = (await holds(draftId)).get(A);
    expect(hold?.rowNos).toEqual([1, 2]);
    expect(hold?.state).not.toBe('released');
  });

  it('leaves the held rows out of the review, says so per row, and changes the fingerprint', async () => {
    const review = await value<DraftReview>('reviewDraft', { draftId });
    expect(review.batches.map((batch) => batch.rowCount)).toEqual([5]);
    expect(review.totals).toEqual([{ currency: 'TRX', total: '18', rowCount: 5 }]);
    expect(review.testPayments.heldRows.map((row) => [row.rowNo, row.code])).toEqual([
      [1, 'TEST_PAYMENT_PENDING'],
      [2, 'TEST_PAYMENT_PENDING'],
    ]);
    expect(review.testPayments.offers.map((offer) => offer.address)).not.toContain(A);
    expect(review.fingerprint).not.toBe(before.fingerprint);
    // The plan reviewed before the hold would have sent A's rows: refused, nothing sent.
    const refused = await failure('submitDraft', { draftId, fingerprint: before.fingerprint });
    expect(refused.message).toMatch(/changed since you reviewed it/);
  });

  it('does not release a trusted address before its test is COMPLETED', async () => {
    await value('startTestPayment', { draftId, address: B });
    await trust(B);
    const hold = (await holds(draftId)).get(B);
    expect(hold?.trusted).toBe(true);
    expect(hold?.state).not.toBe('released');
    const review = await value<DraftReview>('reviewDraft', { draftId });
    expect(review.testPayments.heldRows.map((row) => row.rowNo)).toEqual([1, 2, 3]);
  });

  it('keeps the rows held, with a sentence, when the test fails', async () => {
    await value('startTestPayment', { draftId, address: F });
    await expect
      .poll(
        async () => {
          await value('syncNow', { profileId: 'simulator' });
          const now = await holds(draftId);
          return [A, B, F].map((address) => now.get(address)?.state);
        },
        { timeout: 15_000, interval: 300 },
      )
      .toEqual(['completed', 'released', 'failed']);
    const now = await holds(draftId);
    expect(now.get(F)?.message).toMatch(/ended FAILED: its 1 row stay held/);
    // COMPLETED but not trusted: still held.
    expect(now.get(A)?.message).toMatch(/mark the address trusted to release its 2 rows/);
  });

  it('submits the rest of the draft while rows are held, never sending them', async () => {
    const review = await value<DraftReview>('reviewDraft', { draftId });
    // B's row is released (COMPLETED and trusted): it joins the plan; A's and F's do not.
    expect(review.testPayments.heldRows.map((row) => row.rowNo)).toEqual([1, 2, 4]);
    expect(review.batches.map((batch) => batch.rowCount)).toEqual([4]);
    const batches = await value<DraftBatch[]>('submitDraft', {
      draftId,
      fingerprint: review.fingerprint,
    });
    expect(batches.map((batch) => [batch.batchNo, batch.delivery, batch.rowCount])).toEqual([
      [1, 'done', 4],
    ]);
    expect(paidTo(A)).toEqual([{ kind: 'single', amount: '1' }]);
    expect(paidTo(F)).toEqual([{ kind: 'single', amount: '1' }]);
    expect(paidTo(B).map((paid) => paid.kind)).toEqual(['single', 'mass']);
    // A submitted draft takes no new test.
    const late = await failure('startTestPayment', { draftId, address: C[0] });
    expect(late.message).toMatch(/draft was submitted/);
  });

  it('sends nothing of a hold that is COMPLETED but not trusted', async () => {
    const review = await value<HeldRowsReview>('reviewHeldRows', { draftId });
    expect(review.batches).toEqual([]);
    expect(review.stillHeld).toBe(3);
    const refused = await failure('sendHeldRows', { draftId, fingerprint: review.fingerprint });
    expect(refused.message).toMatch(/No held row is released yet/);
    expect(paidTo(A)).toHaveLength(1);
  });

  it('sends the released rows once, in a follow-up batch of the same draft', async () => {
    await trust(A);
    const review = await value<HeldRowsReview>('reviewHeldRows', { draftId });
    expect(review.batches.map((batch) => [batch.currency, batch.rowCount])).toEqual([['TRX', 2]]);
    expect(review.totals).toEqual([{ currency: 'TRX', total: '21', rowCount: 2 }]);
    expect(review.stillHeld).toBe(1);
    const payoutsBefore = desk.simulator?.countPayouts() ?? 0;
    const [first, second] = await Promise.all([
      value<DraftBatch[]>('sendHeldRows', { draftId, fingerprint: review.fingerprint }),
      value<DraftBatch[]>('sendHeldRows', { draftId, fingerprint: review.fingerprint }),
    ]);
    const again = await value<DraftBatch[]>('sendHeldRows', {
      draftId,
      fingerprint: review.fingerprint,
    });
    expect(desk.simulator?.countPayouts()).toBe(payoutsBefore + 1);
    expect(first.map((batch) => [batch.batchNo, batch.delivery, batch.rowCount])).toEqual([
      [1, 'done', 4],
      [2, 'done', 2],
    ]);
    expect(second.map((batch) => batch.requestId)).toEqual(first.map((batch) => batch.requestId));
    expect(again.map((batch) => batch.requestId)).toEqual(first.map((batch) => batch.requestId));
    // Its own idempotency key, like any batch of the draft.
    expect(new Set(first.map((batch) => batch.requestId)).size).toBe(2);
    expect(paidTo(A)).toEqual([
      { kind: 'single', amount: '1' },
      { kind: 'mass', amount: '10' },
      { kind: 'mass', amount: '11' },
    ]);
    expect((await holds(draftId)).get(A)?.message).toBe(
      "The test payment COMPLETED and the address is trusted: its 2 rows are in this draft's mass payouts.",
    );
    // Nothing is left to send: a new review plans nothing.
    const after = await value<HeldRowsReview>('reviewHeldRows', { draftId });
    expect(after.batches).toEqual([]);
    expect(after.stillHeld).toBe(1);
  });

  it('tracks the follow-up with the draft and reconciles every row once', async () => {
    await expect
      .poll(
        async () => {
          await value('syncNow', { profileId: 'simulator' });
          const batches = await value<DraftBatch[]>('getDraftBatches', { draftId });
          return batches.map((batch) => batch.payoutState);
        },
        { timeout: 15_000, interval: 300 },
      )
      .toEqual(['COMPLETED', 'COMPLETED']);
    const exported = await value<{ csv: string; rowCount: number }>('exportReconciliation', {
      draftId,
    });
    const [header = [], ...rows] = Papa.parse<string[]>(exported.csv, {
      skipEmptyLines: true,
    }).data;
    const column = (name: string) => header.indexOf(name);
    const picked = ['Address', 'Amount', 'Batch', 'Outcome'].map(column);
    expect(picked.every((index) => index >= 0)).toBe(true);
    // In file order, every line once: A's two rows paid by the follow-up batch 2, F's row
    // never sent (still held), the others paid by batch 1.
    expect(rows.map((row) => picked.map((index) => row[index]))).toEqual([
      [A, '10', '2', 'Paid'],
      [A, '11', '2', 'Paid'],
      [B, '5', '1', 'Paid'],
      [F, '7', '', 'Not sent: held for a test payment'],
      ...C.map((address, n) => [address, `${n + 1}`, '1', 'Paid']),
    ]);
    const summary = await value<DraftSummary>('getDraft', { draftId });
    expect(summary.state).toBe('submitted');
    // F's row was never sent, and says why.
    const review = await value<DraftReview>('reviewDraft', { draftId });
    expect(review.testPayments.heldRows.map((row) => row.rowNo)).toEqual([4]);
    const rows4 = await value<{ rows: DraftRow[] }>('getDraftRows', {
      draftId,
      offset: 3,
      limit: 1,
    });
    expect(rows4.rows[0]?.address).toBe(F);
    expect(paidTo(F)).toHaveLength(1);
  });
});

describe('a hold whose test payout was never stored, and the test amount', () => {
  const D = testAddress('tron', 9_101);

  async function newDraft(name: string): Promise<string> {
    const draft = await value<DraftSummary>('createDraft', {
      profileId: 'simulator',
      name,
      sourceFile: `${name}.csv`,
      decimalSeparator: '.',
      rows: [{ line: 2, address: D, amount: '2', currency: 'TRX', comment: '' }],
    });
    return draft.id;
  }

  it('uses the profile amount for the currency, checked with its decimals', async () => {
    const refused = await failure('setTestPaymentAmount', {
      profileId: 'simulator',
      currency: 'TRX',
      amount: '0.0000001',
    });
    expect(refused.message).toBe('amount: TRX allows at most 6 decimals; 0.0000001 has more.');
    const amounts = await value<{ currency: string; amount: string; isDefault: boolean }[]>(
      'setTestPaymentAmount',
      { profileId: 'simulator', currency: 'TRX', amount: '0.50' },
    );
    expect(amounts.find((entry) => entry.currency === 'TRX')).toEqual({
      currency: 'TRX',
      amount: '0.5',
      isDefault: false,
    });
    expect(amounts.find((entry) => entry.currency === 'BTC')).toMatchObject({
      amount: '0.0001',
      isDefault: true,
    });
    const draftId = await newDraft('amount');
    const review = await value<DraftReview>('reviewDraft', { draftId });
    expect(review.testPayments.offers).toMatchObject([{ address: D, amount: '0.5' }]);
    await value('setTestPaymentAmount', { profileId: 'simulator', currency: 'TRX', amount: null });
  });

  it('is sent again under the same request id, once', async () => {
    const draftId = await newDraft('crashed');
    const requestId = '0b1c2d3e-4f50-4617-8a9b-0c1d2e3f4a5b';
    // What a crash between the hold and its intent leaves: the hold alone.
    const cache = new Database(join(dir, 'payout-desk.sqlite'));
    try {
      cache
        .prepare(
          `INSERT INTO draft_test_holds
             (draft_id, network, address_key, address, currency, amount, request_id, created_ms)
           VALUES (?, 'tron', ?, ?, 'TRX', '1', ?, 0)`,
        )
        .run(draftId, D, D, requestId);
    } finally {
      cache.close();
    }
    const [crashed] = await value<TestPaymentHold[]>('listTestPayments', { draftId });
    expect(crashed?.state).toBe('failed');
    expect(crashed?.message).toMatch(/never stored, so nothing was sent: send it again/);
    const review = await value<DraftReview>('reviewDraft', { draftId });
    expect(review.testPayments.heldRows.map((row) => row.rowNo)).toEqual([1]);

    const before = desk.simulator?.countPayouts() ?? 0;
    const [sent] = await value<TestPaymentHold[]>('startTestPayment', { draftId, address: D });
    await value('startTestPayment', { draftId, address: D });
    expect(sent?.requestId).toBe(requestId);
    expect(sent?.state).not.toBe('failed');
    expect(desk.simulator?.countPayouts()).toBe(before + 1);
  });

  it('holds the rows again when the address is no longer trusted', async () => {
    const draftId = (await value<DraftSummary[]>('listDrafts', { profileId: 'simulator' })).find(
      (draft) => draft.name === 'crashed',
    )?.id;
    if (draftId === undefined) throw new Error('no draft "crashed"');
    await expect
      .poll(
        async () => {
          await value('syncNow', { profileId: 'simulator' });
          return (await holds(draftId)).get(D)?.state;
        },
        { timeout: 15_000, interval: 300 },
      )
      .toBe('completed');
    await trust(D);
    const released = await value<DraftReview>('reviewDraft', { draftId });
    expect(released.testPayments.heldRows).toEqual([]);
    expect(released.batches.map((batch) => batch.rowCount)).toEqual([1]);
    await trust(D, false);
    const heldAgain = await value<DraftReview>('reviewDraft', { draftId });
    expect(heldAgain.testPayments.heldRows.map((row) => row.rowNo)).toEqual([1]);
    expect(heldAgain.batches).toEqual([]);
    const refused = await failure('submitDraft', { draftId, fingerprint: heldAgain.fingerprint });
    expect(refused.message).toBe(
      'Every row of this draft that can be sent is held for a test payment: submit it once a test has released its rows.',
    );
    // Nor the plan released a moment ago: nothing of it is sent.
    await failure('submitDraft', { draftId, fingerprint: released.fingerprint });
    expect(await value<DraftBatch[]>('getDraftBatches', { draftId })).toEqual([]);
  });
});
