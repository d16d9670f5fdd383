// Mass payouts from a spreadsheet through the composed handlers: import with the shared
// pipeline, a draft saved on every edit (and still there after a restart), review with
// exact totals and the balance, one submission per batch, tracking to PARTIAL, retry of the
// failed rows, and the reconciliation export.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDesk, type Desk } from '../../../electron/services/desk';
import { createKeytarStore } from '../../../electron/services/vault';
import type { DraftBatch, DraftRow, DraftSummary } from '../../../shared/drafts';
import { importPayoutFile } from '../../../shared/import';
import type { DraftReview } from '../../../shared/ipc';
import { testAddress } from '../../support/addresses';
import { deskCalls } from '../../support/desk-calls';

let dir: string;
let desk: Desk;
const { value } = deskCalls(() => desk);
const failing = testAddress('tron', 7_003);

async function openDesk() {
  return createDesk({
    dataDir: dir,
    secretStore: createKeytarStore('payout-desk-test'),
    simulator: {
      delays: { creationMs: 100, confirmationMs: 100, startMs: 100, completionMs: 200 },
      failAddresses: [failing],
    },
    sync: { startOnOpen: false },
  });
}

/** 130 TRX rows (two batches: 100 + 30), 3 USDT rows, and two broken rows. */
function spreadsheet(): Uint8Array {
  const lines = ['Wallet;Sum;Asset;Memo'];
  for (let n = 0; n < 130; n += 1) {
    const address = n === 3 ? failing : testAddress('tron', 7_000 + n);
    lines.push(`${address};${n + 1},5;trx;salary ${n}`);
  }
  for (let n = 0; n < 3; n += 1) lines.push(`${testAddress('ethereum', 8_000 + n)};0,1;USDT;bonus`);
  lines.push(`${testAddress('ethereum', 8_100).slice(0, -1)}x;5;USDT;typo address`);
  lines.push(`${testAddress('tron', 8_200)};1,1234567;TRX;too precise`);
  return new TextEncoder().encode(`\uFEFF${lines.join('\r\n')}\r\n\r\n`);
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'payout-desk-drafts-'));
  desk = await openDesk();
});

afterAll(async () => {
  await desk.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('a spreadsheet becomes mass payouts', () => {
  let draftId: string;
  let fingerprint: string;

  it('imports the file into a draft with a verdict per row', async () => {
    const imported = importPayoutFile(spreadsheet());
    expect(imported.delimiter).toBe(';');
    expect(imported.decimalSeparator).toBe(',');
    const draft = await value<DraftSummary>('createDraft', {
      profileId: 'simulator',
      name: 'November payroll',
      sourceFile: 'payroll.csv',
      // As the import screen sends them: the reconciliation is written the file's way.
      encoding: imported.encoding,
      delimiter: imported.delimiter,
      bom: imported.bom,
      decimalSeparator: imported.decimalSeparator ?? '.',
      rows: imported.rows.map(({ line, address, amount, currency, comment, problems }) => ({
        line,
        address,
        amount,
        currency,
        comment,
        problems: problems.map(({ code, message }) => ({ code, message })),
      })),
    });
    draftId = draft.id;
    expect(draft.rowCount).toBe(135);
    expect(draft.counts.error).toBe(2);
    const errors = await value<{ rows: DraftRow[] }>('getDraftRows', { draftId, verdict: 'error' });
    expect(errors.rows.map((row) => row.line)).toEqual([135, 136]);
    expect(errors.rows[0]?.problems[0]?.message).toMatch(/checksum|valid/i);
  });

  it('fixes a row in place, saved at once and still there after a restart', async () => {
    const broken = await value<{ rows: DraftRow[] }>('getDraftRows', { draftId, verdict: 'error' });
    const [typo, precise] = broken.rows;
    if (!typo || !precise) throw new Error('expected two broken rows');
    const fixed = await value<{ row: DraftRow; summary: DraftSummary }>('updateDraftRow', {
      draftId,
      rowNo: typo.rowNo,
      address: testAddress('ethereum', 8_100),
    });
    // Fixed: only the warning that this account never paid the address is left (issue 12).
    expect(fixed.row.verdict).toBe('warning');
    expect(fixed.row.problems.map((entry) => entry.code)).toEqual(['ADDRESS_FIRST_PAYMENT']);
    expect(fixed.summary.counts.error).toBe(1);
    await value('updateDraftRow', { draftId, rowNo: precise.rowNo, amount: '1,123456' });

    await desk.close();
    desk = await openDesk();
    const reopened = await value<DraftSummary>('getDraft', { draftId });
    expect(reopened.counts.error).toBe(0);
    const row = await value<{ rows: DraftRow[] }>('getDraftRows', {
      draftId,
      offset: precise.rowNo - 1,
      limit: 1,
    });
    expect(row.rows[0]?.amount).toBe('1.123456');
  });

  it('reviews exact totals per currency, the batches and the balance', async () => {
    const review = await value<DraftReview>('reviewDraft', { draftId });
    expect(review.batches.map((batch) => [batch.currency, batch.rowCount])).toEqual([
      ['TRX', 100],
      ['TRX', 31],
      ['USDT', 4],
    ]);
    // 1.5 + 2.5 + ... + 130.5 = 8580, plus the fixed 1.123456.
    expect(review.totals).toContainEqual({ currency: 'TRX', total: '8581.123456', rowCount: 131 });
    expect(review.totals).toContainEqual({ currency: 'USDT', total: '5.3', rowCount: 4 });
    expect(review.balances?.every((balance) => !balance.short)).toBe(true);
    fingerprint = review.fingerprint;
  });

  it('submits each batch once, however often Submit is pressed', async () => {
    const before = desk.simulator?.countPayouts() ?? 0;
    const [first, second] = await Promise.all([
      value<DraftBatch[]>('submitDraft', { draftId, fingerprint }),
      value<DraftBatch[]>('submitDraft', { draftId, fingerprint }),
    ]);
    expect(first.map((batch) => batch.delivery)).toEqual(['done', 'done', 'done']);
    expect(second.map((batch) => batch.payoutId)).toEqual(first.map((batch) => batch.payoutId));
    expect(desk.simulator?.countPayouts()).toBe(before + 3);
    await expect(value('updateDraftRow', { draftId, rowNo: 1, comment: 'late' })).rejects.toThrow(
      /VALIDATION/,
    );
  });

  it('tracks every batch to its end, then retries just the failed recipient', async () => {
    await expect
      .poll(
        async () => {
          await value('syncNow', { profileId: 'simulator' });
          const batches = await value<DraftBatch[]>('getDraftBatches', { draftId });
          return batches.map((batch) => batch.payoutState);
        },
        { timeout: 15_000, interval: 300 },
      )
      .toEqual(['PARTIAL', 'COMPLETED', 'COMPLETED']);
    // Each batch's recipients by state, from the synced withdrawals (its stacked bar).
    const tracked = await value<DraftBatch[]>('getDraftBatches', { draftId });
    expect(tracked.map((batch) => batch.recipients)).toEqual([
      { completed: 99, inProgress: 0, failed: 1 },
      { completed: 31, inProgress: 0, failed: 0 },
      { completed: 4, inProgress: 0, failed: 0 },
    ]);
    const retry = await value<DraftSummary>('retryFailedRows', { draftId });
    expect(retry.parentDraftId).toBe(draftId);
    const rows = await value<{ rows: DraftRow[] }>('getDraftRows', { draftId: retry.id });
    expect(rows.rows.map((row) => [row.address, row.amount, row.line])).toEqual([
      [failing, '4.5', 5],
    ]);
  });

  it('exports the reconciliation: file line -> batch -> withdrawal -> hash -> outcome -> fee', async () => {
    const exported = await value<{ csv: string; rowCount: number }>('exportReconciliation', {
      draftId,
    });
    expect(exported.rowCount).toBe(135);
    // Written the way the file came: a BOM, semicolons, decimal commas (docs/reconciliation.md).
    expect(exported.csv.startsWith('\ufeff')).toBe(true);
    const [header = [], ...rows] = Papa.parse<string[]>(exported.csv.slice(1), {
      delimiter: ';',
      skipEmptyLines: true,
    }).data;
    const column = (name: string) => header.indexOf(name);
    for (const name of ['Line', 'Address', 'Label', 'Batch', 'Withdrawal id', 'Outcome', 'Fee']) {
      expect(column(name), name).toBeGreaterThanOrEqual(0);
    }
    const failedRow = rows.find((row) => row[column('Address')] === failing);
    expect(failedRow?.[column('Line')]).toBe('5');
    expect(failedRow?.[column('Outcome')]).toBe('Failed');
    // The address book's label of the address (empty here: no labels were given).
    expect(failedRow?.[column('Label')]).toBe('');
    // Its retry draft exists but was not submitted: that is where the payment stands.
    expect(failedRow?.[column('Final outcome')]).toBe('Not sent: draft not submitted');
    expect(failedRow?.[column('Retried in')]).toBe('November payroll — retry of failed rows');
    const paid = rows.filter((row) => row[column('Outcome')] === 'Paid');
    expect(paid).toHaveLength(134);
    for (const row of paid) {
      expect(row[column('Withdrawal id')]).not.toBe('');
      expect(row[column('Transaction hash')]).not.toBe('');
      expect(row[column('Fee')]).toMatch(/^\d+(,\d+)?$/);
    }
  });
});
