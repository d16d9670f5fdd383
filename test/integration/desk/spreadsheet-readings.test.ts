// An .xlsx the desk reads itself (docs/spreadsheets.md, docs/import.md "Files the desk
// reads"), through the composed desk, its simulator, a real SQLite file and the keyring: the
// reading names the workbook's sheets and the one read, another sheet is read again by name
// without the file being sent again, and the draft made of the reading holds the exact
// amounts and the verdicts the reading showed, the float warning included, which a review
// does not move.
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DraftRow, DraftSummary } from '../../../shared/drafts';
import type { FileReading } from '../../../shared/ipc';
import { testAddress } from '../../support/addresses';
import { deskCalls } from '../../support/desk-calls';
import { openTestDesk, type TestDesk } from '../../support/test-desk';
import { formatted, text, workbookBytes } from '../../support/workbooks';

let opened: TestDesk;
const { value, failure } = deskCalls(() => opened.desk);

const tron = (n: number) => testAddress('tron', 9_100 + n);
const eth = (n: number) => testAddress('ethereum', 9_200 + n);

/** A cover sheet first, the payouts on the second, a third with other payouts. */
const BOOK = workbookBytes([
  { name: 'Cover', rows: [['Payouts June 2024'], ['prepared by finance']] },
  {
    name: 'Payroll',
    rows: [
      ['Wallet', 'Betrag', 'Währung', 'Kommentar'],
      [tron(1), formatted(150.25, '#,##0.00'), 'USDT_TRX', 'Gehalt'],
      [eth(2), text('0.123456789012345678'), 'ETH', 'exact as text'],
      [],
      [eth(3), formatted(1234567.8900000001, '#,##0.00'), 'ETH', 'pasted float'],
    ],
  },
  {
    name: 'Bonus',
    rows: [
      ['address', 'amount', 'currency'],
      [tron(4), 5, 'USDT_TRX'],
    ],
  },
]);

function readBook(choices: Record<string, unknown> = {}): Promise<FileReading> {
  return value<FileReading>('readPayoutFile', {
    profileId: 'simulator',
    fileName: 'payouts-june.xlsx',
    bytes: Buffer.from(BOOK).toString('base64'),
    choices,
    recall: true,
  });
}

async function allRows(draftId: string): Promise<DraftRow[]> {
  const page = await value<{ rows: DraftRow[] }>('getDraftRows', { draftId, limit: 1000 });
  return page.rows;
}

const codesOf = (row: { problems: { code: string }[] } | undefined) =>
  row?.problems.map((entry) => entry.code);

beforeAll(async () => {
  opened = await openTestDesk('sheets');
});

afterAll(async () => {
  await opened.close();
});

describe('an .xlsx the desk reads', () => {
  it('reads the first sheet, names the others, and reads the one chosen again by name', async () => {
    const first = await readBook();
    expect(first.result).toMatchObject({
      fileKind: 'xlsx',
      sheets: ['Cover', 'Payroll', 'Bonus'],
      sheet: 'Cover',
      rowCount: 0,
    });
    expect(first.result.problems.map((entry) => entry.code)).toContain('COLUMN_MISSING');

    const again = await value<FileReading>('rereadPayoutFile', {
      readingId: first.readingId,
      choices: { sheet: 'Payroll' },
    });
    expect(again.readingId).toBe(first.readingId);
    expect(again.result).toMatchObject({ sheet: 'Payroll', rowCount: 3, hasHeader: true });
    // Every valid row is also a first payment from this account (a fresh cache).
    expect(again.result.attention.map((row) => [row.line, row.amount, codesOf(row)])).toEqual([
      [2, '150.25', ['ADDRESS_FIRST_PAYMENT']],
      [3, '0.123456789012345678', ['ADDRESS_FIRST_PAYMENT']],
      [5, '1234567.8900000001', ['AMOUNT_STORED_AS_FLOAT', 'ADDRESS_FIRST_PAYMENT']],
    ]);

    const missing = await value<FileReading>('rereadPayoutFile', {
      readingId: first.readingId,
      choices: { sheet: 'July' },
    });
    expect(missing.result.problems.map((entry) => entry.message)).toEqual([
      'The workbook has no sheet named "July". Its sheets are "Cover", "Payroll", "Bonus": choose one of them.',
    ]);
  });

  it('becomes a draft with the exact amounts and verdicts its reading showed', async () => {
    const reading = await readBook({ sheet: 'Payroll' });
    const { result } = reading;
    expect(result.counts).toEqual({ ok: 0, warning: 3, error: 0 });
    const draft = await value<DraftSummary>('createDraftFromReading', {
      readingId: reading.readingId,
      profileId: 'simulator',
      name: 'June payroll',
      rememberMapping: false,
    });
    expect(draft.sourceFile).toBe('payouts-june.xlsx');
    // A workbook has no text encoding or delimiter to record.
    const sqlite = new Database(join(opened.dir, 'payout-desk.sqlite'), { readonly: true });
    try {
      expect(
        sqlite.prepare('SELECT encoding, delimiter FROM drafts WHERE id = ?').get(draft.id),
      ).toEqual({ encoding: null, delimiter: null });
    } finally {
      sqlite.close();
    }
    expect(draft.counts).toEqual(result.counts);
    const rows = await allRows(draft.id);
    expect(
      rows.map((row) => [row.line, row.address, row.amount, row.currency, row.comment]),
    ).toEqual([
      [2, tron(1), '150.25', 'USDT_TRX', 'Gehalt'],
      [3, eth(2), '0.123456789012345678', 'ETH', 'exact as text'],
      [5, eth(3), '1234567.8900000001', 'ETH', 'pasted float'],
    ]);
    // The float warning only the file could show is carried into the draft.
    expect(codesOf(rows[2])).toEqual(['AMOUNT_STORED_AS_FLOAT', 'ADDRESS_FIRST_PAYMENT']);
    // A review validates every row again with the history as it is now: nothing moves.
    await value('reviewDraft', { draftId: draft.id });
    expect(await allRows(draft.id)).toEqual(rows);
  });

  it('refuses a ZIP that is not a workbook with a sentence, and an invalid sheet argument', async () => {
    const reading = await value<FileReading>('readPayoutFile', {
      profileId: 'simulator',
      fileName: 'payouts.xlsx',
      bytes: Buffer.from(BOOK.subarray(0, 4000)).toString('base64'),
      choices: {},
      recall: true,
    });
    expect(reading.result.problems.map((entry) => entry.message)).toEqual([
      expect.stringMatching(
        /^This looks like an Excel workbook \(\.xlsx\), but the file is incomplete or damaged/,
      ),
    ]);
    const refused = await failure('rereadPayoutFile', {
      readingId: reading.readingId,
      choices: { sheet: -1 },
    });
    expect(refused.code).toBe('VALIDATION');
    expect(refused.message).toMatch(/^rereadPayoutFile: .*sheet/);
  });
});
