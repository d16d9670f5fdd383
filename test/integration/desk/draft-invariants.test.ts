// Issue 9, the drafts half: what is reviewed is what is signed (a fingerprint, checked in the
// transaction that fixes the batches, also across two desks on one data folder), retrying
// failed rows is idempotent and never pays a recipient twice, the review shows fees and the
// total debit, and absurd amounts are refused everywhere the shared rules run.
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDesk, type Desk } from '../../../electron/services/desk';
import { dispatch } from '../../../electron/services/ipc/dispatch';
import { payloadHash } from '../../../electron/services/payouts/payload-hash';
import { createKeytarStore } from '../../../electron/services/vault';
import type { DraftBatch, DraftRow, DraftSummary } from '../../../shared/drafts';
import type {
  AuditEntry,
  DeskError,
  DeskMethod,
  DeskResult,
  DraftReview,
} from '../../../shared/ipc';
import { testAddress } from '../../support/addresses';
import { confirmed } from '../../support/confirm-payout';

let dir: string;
let desk: Desk;
const failingPaid = testAddress('tron', 9_001);
const failingRetried = testAddress('tron', 9_002);

async function call<T>(on: Desk, method: DeskMethod, argument?: unknown): Promise<DeskResult<T>> {
  return (await dispatch(on.handlers, method, argument)) as DeskResult<T>;
}

async function value<T>(method: DeskMethod, argument?: unknown, on: Desk = desk): Promise<T> {
  const result = await call<T>(on, method, argument);
  if (!result.ok) throw new Error(`${method}: ${result.error.code} ${result.error.message}`);
  return result.value;
}

async function failure(method: DeskMethod, argument: unknown, on: Desk = desk): Promise<DeskError> {
  const result = await call(on, method, argument);
  if (result.ok) throw new Error(`${method} succeeded`);
  return result.error;
}

/** A second Payout Desk process on the same data folder edits one row, then exits. */
function editInChild(draftId: string, rowNo: number, amount: string): Promise<unknown> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/support/desk-process.ts'], {
    cwd: new URL('../../../', import.meta.url).pathname,
    env: {
      ...process.env,
      DESK_DATA_DIR: dir,
      MODE: 'edit',
      DRAFT_ID: draftId,
      ROW_NO: String(rowNo),
      AMOUNT: amount,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => {
    out += chunk.toString();
  });
  return new Promise((resolve, reject) => {
    child.on('close', (code) => {
      if (code !== 0) reject(new Error(`the edit process exited with ${String(code)}`));
      else resolve(JSON.parse(out.trim().split('\n').pop() ?? 'null'));
    });
  });
}

function simulatorCount(): number {
  return desk.simulator?.countPayouts() ?? 0;
}

async function control(path: string, body: unknown): Promise<void> {
  const response = await fetch(`${desk.simulator?.baseUrl ?? ''}/__simulator/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(response.status).toBe(200);
}

function draftOf(rows: { address: string; amount: string; currency: string }[], name: string) {
  return value<DraftSummary>('createDraft', {
    profileId: 'simulator',
    name,
    decimalSeparator: '.',
    rows: rows.map((row, index) => ({ line: index + 2, comment: '', ...row })),
  });
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'payout-desk-invariants-'));
  desk = await createDesk({
    dataDir: dir,
    secretStore: createKeytarStore('payout-desk-test'),
    simulator: {
      seed: 'none',
      delays: { creationMs: 50, confirmationMs: 50, startMs: 50, completionMs: 100 },
      failAddresses: [failingPaid, failingRetried],
    },
    sync: { startOnOpen: false },
  });
});

afterAll(async () => {
  await desk.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the review is bound to the send', () => {
  it('refuses, sending nothing, a draft that changed after its review (3 rows / 7.5 reviewed, 4 rows / 62,351 on disk)', async () => {
    const draft = await draftOf(
      [1, 2, 3].map((n) => ({
        address: testAddress('tron', 9_100 + n),
        amount: '2.5',
        currency: 'TRX',
      })),
      'Reviewed then changed',
    );
    const review = await value<DraftReview>('reviewDraft', { draftId: draft.id });
    expect(review.totals).toEqual([{ currency: 'TRX', total: '7.5', rowCount: 3 }]);
    expect(review.fingerprint).toMatch(/^[0-9a-f]{64}$/);

    // Edited after the review (by this window or another one).
    await value('updateDraftRow', { draftId: draft.id, rowNo: 1, amount: '62343.5' });
    const added = await value<{ row: DraftRow }>('addDraftRow', { draftId: draft.id });
    await value('updateDraftRow', {
      draftId: draft.id,
      rowNo: added.row.rowNo,
      address: testAddress('tron', 9_104),
      amount: '2.5',
      currency: 'TRX',
    });

    const before = simulatorCount();
    const refused = await failure('submitDraft', {
      draftId: draft.id,
      fingerprint: review.fingerprint,
    });
    expect(refused.code).toBe('VALIDATION');
    expect(refused.message).toBe(
      'The draft changed since you reviewed it: review it again before submitting.',
    );
    expect(simulatorCount()).toBe(before);
    expect((await value<DraftSummary>('getDraft', { draftId: draft.id })).state).toBe('editing');

    // Reviewed again, it is sent as now reviewed, with the fingerprint in the audit entry.
    const again = await value<DraftReview>('reviewDraft', { draftId: draft.id });
    expect(again.totals).toEqual([{ currency: 'TRX', total: '62351', rowCount: 4 }]);
    expect(again.fingerprint).not.toBe(review.fingerprint);
    const batches = await value<DraftBatch[]>('submitDraft', {
      draftId: draft.id,
      fingerprint: again.fingerprint,
    });
    expect(batches.map((batch) => [batch.delivery, batch.total])).toEqual([['done', '62351']]);
    expect(simulatorCount()).toBe(before + 1);
    const entries = await value<AuditEntry[]>('listAudit', { limit: 20 });
    const submitted = entries.find(
      (entry) => entry.action === 'draft.submitted' && entry.detail.draftId === draft.id,
    );
    expect(submitted?.detail.fingerprint).toBe(again.fingerprint);
    // The audited hash is the hash of the payload text the outbox stores (and signs).
    const cache = new Database(join(dir, 'payout-desk.sqlite'), { readonly: true });
    const stored = cache
      .prepare<[string], { payload_json: string; target_base_url: string; target_account: string }>(
        'SELECT payload_json, target_base_url, target_account FROM outbox WHERE request_id = ?',
      )
      .get(batches[0]?.requestId ?? '');
    cache.close();
    // ... and the audited target is the one stored on the intent.
    expect(submitted?.detail.intents).toEqual([
      {
        requestId: batches[0]?.requestId,
        payloadHash: payloadHash(stored?.payload_json ?? ''),
        target: { baseUrl: stored?.target_base_url, account: stored?.target_account },
      },
    ]);
    // A second Submit of the same review delivers what was fixed; a stale one is refused.
    await expect(
      value('submitDraft', { draftId: draft.id, fingerprint: again.fingerprint }),
    ).resolves.toHaveLength(1);
    expect(
      (await failure('submitDraft', { draftId: draft.id, fingerprint: review.fingerprint }))
        .message,
    ).toMatch(/changed since you reviewed it/);
    expect(simulatorCount()).toBe(before + 1);
  });

  it('two desks on one data folder: an edit made by the other one after the review is not signed, and no edit is saved after signing', async () => {
    const other = await createDesk({
      dataDir: dir,
      secretStore: createKeytarStore('payout-desk-test'),
      simulator: false,
      sync: { startOnOpen: false },
    });
    try {
      const draft = await draftOf(
        [1, 2].map((n) => ({
          address: testAddress('tron', 9_200 + n),
          amount: '1',
          currency: 'TRX',
        })),
        'Two windows',
      );
      const review = await value<DraftReview>('reviewDraft', { draftId: draft.id });
      await value('updateDraftRow', { draftId: draft.id, rowNo: 2, amount: '1000' }, other);
      const before = simulatorCount();
      expect(
        (await failure('submitDraft', { draftId: draft.id, fingerprint: review.fingerprint }))
          .message,
      ).toMatch(/changed since you reviewed it/);
      expect(simulatorCount()).toBe(before);

      const current = await value<DraftReview>('reviewDraft', { draftId: draft.id });
      expect(current.totals[0]?.total).toBe('1001');
      await value('submitDraft', { draftId: draft.id, fingerprint: current.fingerprint });
      const late = await failure(
        'updateDraftRow',
        { draftId: draft.id, rowNo: 1, amount: '5' },
        other,
      );
      expect(late.message).toMatch(/can no longer be edited/);
      const rows = await value<{ rows: DraftRow[] }>('getDraftRows', { draftId: draft.id });
      expect(rows.rows.map((row) => row.amount)).toEqual(['1', '1000']);
    } finally {
      await other.close();
    }
  });

  it('a second desk process on the data folder: its edit after the review is refused at Submit, its edit after Submit is refused', async () => {
    const draft = await draftOf(
      [1, 2].map((n) => ({
        address: testAddress('tron', 9_250 + n),
        amount: '3',
        currency: 'TRX',
      })),
      'Two processes',
    );
    const review = await value<DraftReview>('reviewDraft', { draftId: draft.id });
    expect(await editInChild(draft.id, 1, '300')).toEqual({ step: 'edited', data: {} });
    const before = simulatorCount();
    expect(
      (await failure('submitDraft', { draftId: draft.id, fingerprint: review.fingerprint }))
        .message,
    ).toMatch(/changed since you reviewed it/);
    expect(simulatorCount()).toBe(before);
    const current = await value<DraftReview>('reviewDraft', { draftId: draft.id });
    await value('submitDraft', { draftId: draft.id, fingerprint: current.fingerprint });
    expect(await editInChild(draft.id, 2, '999')).toEqual({
      step: 'refused',
      data: { message: 'This draft was submitted: it can no longer be edited.' },
    });
    const rows = await value<{ rows: DraftRow[] }>('getDraftRows', { draftId: draft.id });
    expect(rows.rows.map((row) => row.amount)).toEqual(['300', '3']);
  });
});

describe('retrying failed rows', () => {
  it('makes one retry draft however often it is asked, and pays the failed recipient once', async () => {
    const original = await draftOf(
      [
        { address: testAddress('tron', 9_300), amount: '3', currency: 'TRX' },
        { address: failingPaid, amount: '4.5', currency: 'TRX' },
        { address: failingRetried, amount: '5.5', currency: 'TRX' },
      ],
      'With failures',
    );
    const reviewed = await value<DraftReview>('reviewDraft', { draftId: original.id });
    await value('submitDraft', { draftId: original.id, fingerprint: reviewed.fingerprint });
    await expect
      .poll(
        async () => {
          await value('syncNow', { profileId: 'simulator' });
          const batches = await value<DraftBatch[]>('getDraftBatches', { draftId: original.id });
          return batches.map((batch) => batch.payoutState);
        },
        { timeout: 15_000, interval: 200 },
      )
      .toEqual(['PARTIAL']);

    const first = await value<DraftSummary>('retryFailedRows', { draftId: original.id });
    const second = await value<DraftSummary>('retryFailedRows', { draftId: original.id });
    const third = await value<DraftSummary>('retryFailedRows', { draftId: original.id });
    expect([second.id, third.id]).toEqual([first.id, first.id]);
    const drafts = await value<DraftSummary[]>('listDrafts', { profileId: 'simulator' });
    expect(drafts.filter((entry) => entry.parentDraftId === original.id)).toHaveLength(1);
    const reopened = await value<DraftSummary>('getDraft', { draftId: original.id });
    expect(reopened.retries).toEqual([{ id: first.id, name: first.name, state: 'editing' }]);

    // One of the two failed recipients is paid meanwhile by hand: in the retry it is an error.
    await control('fail-addresses', { remove: [failingPaid, failingRetried] });
    await value(
      'createPayout',
      await confirmed(value, {
        profileId: 'simulator',
        requestId: randomUUID(),
        depositAddress: failingPaid,
        amount: '4.5',
        currency: 'TRX',
      }),
    );
    const review = await value<DraftReview>('reviewDraft', { draftId: first.id });
    const rows = await value<{ rows: DraftRow[] }>('getDraftRows', { draftId: first.id });
    const paid = rows.rows.find((row) => row.address === failingPaid);
    expect(paid?.verdict).toBe('error');
    expect(paid?.problems.map((entry) => entry.code)).toContain('RETRY_ALREADY_PAID');
    expect(review.totals).toEqual([{ currency: 'TRX', total: '5.5', rowCount: 1 }]);

    const before = simulatorCount();
    await value('submitDraft', { draftId: first.id, fingerprint: review.fingerprint });
    await value('submitDraft', { draftId: first.id, fingerprint: review.fingerprint });
    const fourth = await value<DraftSummary>('retryFailedRows', { draftId: original.id });
    expect(fourth.id).toBe(first.id);
    expect(simulatorCount()).toBe(before + 1);
    expect((await value<DraftSummary>('getDraft', { draftId: original.id })).retries).toEqual([
      { id: first.id, name: first.name, state: 'submitted' },
    ]);
  });
});

describe('fees and what leaves the account', () => {
  it('is short when the amount plus the estimated fee exceeds the balance (2 x 21.09 BTC against 42.187 BTC)', async () => {
    // One BTC payout in the cache tells what Calypso charges this account (0.5 %).
    await control('seed', { count: 1, kind: 'single', currency: 'BTC', amount: '0.01' });
    // syncNow may join a pass that started before the seed: ask until the cache has it.
    await expect
      .poll(
        async () => {
          await value('syncNow', { profileId: 'simulator' });
          return (
            await value<{ total: number }>('queryHistory', {
              profileId: 'simulator',
              currencies: ['BTC'],
            })
          ).total;
        },
        { timeout: 10_000, interval: 100 },
      )
      .toBe(1);
    const draft = await draftOf(
      [1, 2].map((n) => ({
        address: testAddress('bitcoin', 9_400 + n),
        amount: '21.09',
        currency: 'BTC',
      })),
      'Nearly all the bitcoin',
    );
    const review = await value<DraftReview>('reviewDraft', { draftId: draft.id });
    expect(review.balances?.[0]).toMatchObject({ currency: 'BTC', short: true });
    expect(review.debits).toEqual([
      {
        currency: 'BTC',
        amount: '42.18',
        feePercentage: '0.5',
        estimatedFee: '0.2109',
        totalDebit: '42.3909',
        balance: '42.18734905',
        balanceAfter: '-0.20355095',
        short: true,
        nativeCoin: null,
      },
    ]);
  });

  it('estimates the debit of a single payout, with the native coin of a token', async () => {
    const estimate = await value<{ debit: { nativeCoin: unknown; feePercentage: unknown } }>(
      'estimateDebit',
      { profileId: 'simulator', currency: 'USDT_MATIC', amount: '10' },
    );
    expect(estimate.debit).toMatchObject({
      feePercentage: null,
      nativeCoin: { currency: 'MATIC', balance: '750000.5', empty: false },
    });
    expect(
      (await failure('estimateDebit', { profileId: 'simulator', currency: 'XYZ', amount: '1' }))
        .message,
    ).toMatch(/not a currency/);
  });
});

describe('amounts above the sane maximum', () => {
  const huge = `1${'0'.repeat(79)}`;

  it('refuses 10^79 in a single payout, sending nothing', async () => {
    const before = simulatorCount();
    const request = {
      profileId: 'simulator',
      requestId: randomUUID(),
      depositAddress: testAddress('tron', 9_500),
      amount: huge,
      currency: 'TRX',
    };
    // Refused at the confirmation's preview, and by createPayout whatever hash it is given.
    for (const refused of [
      await failure('previewPayout', request),
      await failure('createPayout', { ...request, payloadHash: 'a'.repeat(64) }),
    ]) {
      expect(refused.code).toBe('VALIDATION');
      expect(refused.message).toMatch(/significant digits|largest payout/);
    }
    expect(simulatorCount()).toBe(before);
  });

  it('marks an import row and a draft edit above the cap as errors', async () => {
    const draft = await draftOf(
      [
        { address: testAddress('tron', 9_501), amount: `1${'0'.repeat(40)}`, currency: 'TRX' },
        { address: testAddress('bitcoin', 9_502), amount: '21000000.00000001', currency: 'BTC' },
        { address: testAddress('tron', 9_503), amount: '1', currency: 'TRX' },
      ],
      'Absurd amounts',
    );
    const rows = await value<{ rows: DraftRow[] }>('getDraftRows', { draftId: draft.id });
    expect(rows.rows.map((row) => [row.verdict, row.problems.map((entry) => entry.code)])).toEqual([
      // Addresses this account never paid also carry the first-payment warning (issue 12).
      ['error', ['AMOUNT_TOO_LARGE', 'ADDRESS_FIRST_PAYMENT']],
      ['error', ['AMOUNT_TOO_LARGE', 'ADDRESS_FIRST_PAYMENT']],
      ['warning', ['ADDRESS_FIRST_PAYMENT']],
    ]);
    const edited = await value<{ row: DraftRow }>('updateDraftRow', {
      draftId: draft.id,
      rowNo: 3,
      amount: '123456789012345678901.123456',
    });
    expect(edited.row.verdict).toBe('error');
    expect(edited.row.problems[0]?.message).toMatch(/27 significant digits|largest payout/);
  });
});
