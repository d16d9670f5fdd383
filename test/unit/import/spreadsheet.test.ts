/**
 * Workbooks through importPayoutFile (docs/spreadsheets.md): real .xlsx, .ods and .xls bytes
 * written by SheetJS, read into the records the CSV path makes and through the same rules.
 */
import { describe, expect, it } from 'vitest';
import { createRandom } from '../../../electron/simulator/random';
import {
  importPayoutFile,
  type ImportOptions,
  type ImportProblemCode,
  type ImportResult,
} from '../../../shared/import';
import { readWithRecall } from '../../../shared/import/read-with-recall';
import {
  dated,
  formatted,
  formula,
  text,
  workbookBytes,
  type BookType,
  type Cell,
  type SheetSpec,
} from '../../support/workbooks';
import { A } from './corpus-builder';

const HEADER: Cell[] = ['address', 'amount', 'currency', 'comment'];
const JUNE_30 = new Date(Date.UTC(2024, 5, 30));

/** One of each kind of cell a payout sheet holds, on the sheet row its comment names. */
const MIXED: Cell[][] = [
  HEADER,
  /* 2 */ [A.tron(1), formatted(1234.5, '#,##0.00'), 'USDT_TRX', 'June payroll'],
  /* 3 */ [A.eth(2), text('0.123456789012345678'), 'ETH', dated(JUNE_30)],
  /* 4 */ [],
  /* 5 */ [A.eth(3), formatted(1234567.8900000001, '#,##0.00'), 'ETH', 12345],
  /* 6 */ [A.tron(4), formula('B2*2', 2469), 'USDT_TRX', true],
  /* 7 */ [A.eth(5), 1e-7, 'ETH', formatted(0.25, '0%')],
  /* 8 */ [A.eth(6), 1.234, 'ETH', ''],
  /* 9 */ [A.tron(7), dated(JUNE_30), 'USDT_TRX', ''],
  /* 10 */ [A.tron(8), formatted(0.30000000000000004, '0.00'), 'USDT_TRX', ''],
];

function importBook(
  sheets: readonly SheetSpec[],
  bookType: BookType = 'xlsx',
  options: ImportOptions = {},
): ImportResult {
  return importPayoutFile(workbookBytes(sheets, bookType), options);
}

type Seen = { line: number; amount: string; comment: string; codes: ImportProblemCode[] };
const seen = (result: ImportResult): Seen[] =>
  result.rows.map((row) => ({
    line: row.line,
    amount: row.amount,
    comment: row.comment,
    codes: row.problems.map((entry) => entry.code),
  }));

const fileCodes = (result: ImportResult) => result.problems.map((entry) => entry.code);
const rowAt = (result: ImportResult, line: number) => result.rows.find((row) => row.line === line);

describe('an .xlsx payout sheet', () => {
  const result = importBook([{ name: 'Payroll', rows: MIXED }]);

  it('says what it read: the kind, the sheets and the sheet', () => {
    expect(result.fileKind).toBe('xlsx');
    expect(result.sheets).toEqual(['Payroll']);
    expect(result.sheet).toBe('Payroll');
    expect(result.hasHeader).toBe(true);
    expect(result.headers).toEqual(['address', 'amount', 'currency', 'comment']);
    expect(result.mapping).toEqual({ address: 0, amount: 1, currency: 2, comment: 3, name: null });
    expect(fileCodes(result)).toEqual([]);
  });

  it('reads each cell as the rules need it, on the row numbers Excel shows', () => {
    expect(seen(result)).toEqual([
      // A formatted number: the number stored, not "1,234.50".
      { line: 2, amount: '1234.5', comment: 'June payroll', codes: [] },
      // An amount typed as text keeps all 18 decimals; a date shows as the sheet shows it.
      { line: 3, amount: '0.123456789012345678', comment: '2024-06-30', codes: [] },
      // Row 4 is blank. A float that is not what was typed: read as stored, with a warning.
      {
        line: 5,
        amount: '1234567.8900000001',
        comment: '12345',
        codes: ['AMOUNT_STORED_AS_FLOAT'],
      },
      // A formula is its cached value; a boolean shows as the sheet shows it.
      { line: 6, amount: '2469', comment: 'TRUE', codes: [] },
      // Never an exponent; a percentage comment is the text shown.
      { line: 7, amount: '0.0000001', comment: '25%', codes: [] },
      // A stored number is not ambiguous: 1.234 is 1.234 (as text, "1.234" could be 1234).
      { line: 8, amount: '1.234', comment: '', codes: [] },
      // A date in the amount column is the date shown, which is not an amount.
      { line: 9, amount: '2024-06-30', comment: '', codes: ['AMOUNT_NOT_A_NUMBER'] },
      // 17 digits on a 6-decimal currency: the same rule as any other amount, plus the warning.
      {
        line: 10,
        amount: '0.30000000000000004',
        comment: '',
        codes: ['AMOUNT_STORED_AS_FLOAT', 'AMOUNT_TOO_PRECISE'],
      },
    ]);
    expect(result.counts).toEqual({ ok: 5, warning: 1, error: 2 });
  });

  it('names the value and what the sheet shows in the float warning', () => {
    const [warning] = rowAt(result, 5)?.problems ?? [];
    expect(warning?.severity).toBe('warning');
    expect(warning?.message).toMatch(
      /^Amount "1234567\.8900000001" is stored in the spreadsheet as a number with 17 significant digits \(the sheet shows "1,234,567\.89"\), which may not be the amount that was typed/,
    );
    expect(warning?.message).toMatch(/type it in a cell formatted as text/);
  });

  it('gives the mapping step the cells as the sheet shows them', () => {
    expect(result.sample[0]).toEqual([A.tron(1), '1,234.50', 'USDT_TRX', 'June payroll']);
  });

  it('learns the decimal separator from amounts typed as text, never from numbers', () => {
    // Row 3's text amount proves the point; the number cells prove nothing.
    expect(result.decimalSeparator).toBe('.');
    const numbers = importBook([
      { name: 'S', rows: [HEADER, [A.tron(1), 1.5, 'USDT_TRX'], [A.tron(2), 2.25, 'USDT_TRX']] },
    ]);
    expect(numbers.decimalSeparator).toBeNull();
    const german = importBook([
      {
        name: 'Tabelle1',
        rows: [
          HEADER,
          [A.tron(1), text('1.234,50'), 'USDT_TRX'],
          [A.tron(2), 2.5, 'USDT_TRX'],
          // Read with commas, the text "1.234" would be 1234: the number stays 1.234.
          [A.eth(3), 1.234, 'ETH'],
        ],
      },
    ]);
    expect(german.decimalSeparator).toBe(',');
    expect(fileCodes(german)).toEqual([]);
    expect(seen(german).map((row) => [row.amount, row.codes])).toEqual([
      ['1234.5', []],
      ['2.5', []],
      ['1.234', []],
    ]);
  });

  it('puts the batches together from the exact amounts', () => {
    const tron = result.batches.find((batch) => batch.currency === 'USDT_TRX');
    expect(tron?.total).toBe('3703.5');
    expect(tron?.lines).toEqual([2, 6]);
  });
});

describe('choosing the sheet', () => {
  const book: SheetSpec[] = [
    { name: 'Lookup', rows: [['rate'], [1.1]], hidden: true },
    { name: 'Overview', rows: [['Payroll June'], ['see the next sheet']] },
    { name: 'Payroll', rows: [HEADER, [A.tron(1), 10, 'USDT_TRX', 'first']] },
    { name: 'Empty', rows: [] },
  ];
  const names = ['Lookup', 'Overview', 'Payroll', 'Empty'];

  it('reads the first visible sheet by default and lists every sheet', () => {
    const result = importBook(book);
    expect(result.sheets).toEqual(names);
    expect(result.sheet).toBe('Overview');
    expect(result.rows).toEqual([]);
    expect(fileCodes(result)).toContain('COLUMN_MISSING');
  });

  it('reads another sheet by name (any case) or by its 0-based position', () => {
    for (const sheet of ['Payroll', ' payroll ', 2]) {
      const result = importBook(book, 'xlsx', { sheet });
      expect(result.sheet).toBe('Payroll');
      expect(seen(result)).toEqual([{ line: 2, amount: '10', comment: 'first', codes: [] }]);
    }
  });

  it('names the sheets there are when the one asked for is not there', () => {
    const byName = importBook(book, 'xlsx', { sheet: 'Juli' });
    expect(fileCodes(byName)).toEqual(['SHEET_NOT_FOUND']);
    expect(byName.problems[0]?.message).toBe(
      'The workbook has no sheet named "Juli". Its sheets are "Lookup", "Overview", "Payroll", "Empty": choose one of them.',
    );
    expect(byName.sheets).toEqual(names);
    expect(byName.sheet).toBeNull();
    const byIndex = importBook(book, 'xlsx', { sheet: 9 });
    expect(byIndex.problems[0]?.message).toMatch(
      /^The workbook has no sheet number 10; it has 4\./,
    );
  });

  it('says an empty sheet is empty, and which other sheets there are', () => {
    const result = importBook(book, 'xlsx', { sheet: 'Empty' });
    expect(fileCodes(result)).toEqual(['FILE_EMPTY']);
    expect(result.problems[0]?.message).toMatch(
      /^The file is empty\. Export the payout list again, with a header row and one row per recipient\. The workbook's other sheets are "Lookup", "Overview", "Payroll"/,
    );
  });
});

describe('other workbook formats and layouts', () => {
  const rows: Cell[][] = [
    HEADER,
    [A.tron(1), 150.25, 'USDT_TRX', 'one'],
    [A.eth(2), text('0.123456789012345678'), 'ETH', 'two'],
    [A.eth(3), 0.30000000000000004, 'ETH', 'three'],
  ];
  const expected: Seen[] = [
    { line: 2, amount: '150.25', comment: 'one', codes: [] },
    { line: 3, amount: '0.123456789012345678', comment: 'two', codes: [] },
    { line: 4, amount: '0.30000000000000004', comment: 'three', codes: ['AMOUNT_STORED_AS_FLOAT'] },
  ];

  it.each<BookType>(['ods', 'xls'])('reads a .%s workbook the same way', (bookType) => {
    const result = importBook(
      [
        { name: 'Notes', rows: [['nothing here']] },
        { name: 'Payouts', rows },
      ],
      bookType,
      { sheet: 'Payouts' },
    );
    expect(result.fileKind).toBe(bookType);
    expect(result.sheets).toEqual(['Notes', 'Payouts']);
    expect(seen(result)).toEqual(expected);
  });

  it('reads German column names from an .xlsx as from the CSV export of the same sheet', () => {
    const header = ['Empfänger', 'Betrag', 'Währung', 'Verwendungszweck'];
    const bytes = workbookBytes([
      {
        name: 'Auszahlungen',
        rows: [
          header,
          [A.tron(1), formatted(1500, '#,##0.00 "€"'), 'USDT_TRX', 'Gehalt Juni'],
          [A.tron(2), text('2.500,75'), 'usdt_trx', 'Bonus'],
        ],
      },
    ]);
    const csv = new TextEncoder().encode(
      `${header.join(';')}\n${A.tron(1)};1500;USDT_TRX;Gehalt Juni\n${A.tron(2)};2.500,75;usdt_trx;Bonus\n`,
    );
    // "Empfänger" is the recipient's name, not an address (column-mapping.test.ts): the same
    // sentence either way.
    const detected = importPayoutFile(bytes);
    expect(fileCodes(detected)).toEqual(['COLUMN_MISSING']);
    expect(detected.problems[0]?.message).toBe(importPayoutFile(csv).problems[0]?.message);
    expect(detected.mapping).toEqual({
      address: null,
      amount: 1,
      currency: 2,
      comment: 3,
      name: 0,
    });

    const chosen = { mapping: { address: 'empfanger' } };
    const result = importPayoutFile(bytes, chosen);
    expect(result.mapping).toEqual({ address: 0, amount: 1, currency: 2, comment: 3, name: null });
    expect(seen(result)).toEqual([
      { line: 2, amount: '1500', comment: 'Gehalt Juni', codes: [] },
      { line: 3, amount: '2500.75', comment: 'Bonus', codes: [] },
    ]);
    expect(result.rows.map((row) => row.currency)).toEqual(['USDT_TRX', 'USDT_TRX']);
    const fromCsv = importPayoutFile(csv, chosen);
    expect(result.rows.map(({ line: _line, ...row }) => row)).toEqual(
      fromCsv.rows.map(({ line: _line, ...row }) => row),
    );
  });

  it('keeps row numbers across blank and merged rows, and skips a title above the header', () => {
    const result = importBook([
      {
        name: 'Payroll',
        rows: [
          ['Payroll June 2024'],
          [],
          HEADER,
          [A.tron(1), 1, 'USDT_TRX', 'merged'],
          [A.tron(2), 2, 'USDT_TRX'],
          [],
          [],
          [A.tron(3), 3, 'USDT_TRX', 'last'],
        ],
        merges: ['D4:D5'],
      },
    ]);
    expect(fileCodes(result)).toEqual(['ROWS_BEFORE_HEADER']);
    expect(result.problems[0]?.line).toBe(1);
    expect(result.rows.map((row) => [row.line, row.comment])).toEqual([
      [4, 'merged'],
      [5, ''],
      [8, 'last'],
    ]);
  });

  it('maps a sheet without a header by what its cells hold', () => {
    const result = importBook([
      {
        name: 'S',
        rows: [
          [A.tron(1), 12.5, 'USDT_TRX'],
          [A.tron(2), 7, 'USDT_TRX'],
        ],
      },
    ]);
    expect(result.hasHeader).toBe(false);
    expect(fileCodes(result)).toEqual(['HEADER_MISSING']);
    expect(result.rows.map((row) => [row.line, row.amount, row.verdict])).toEqual([
      [1, '12.5', 'ok'],
      [2, '7', 'ok'],
    ]);
  });

  it('finds the header of a workbook for a remembered mapping, and applies it', async () => {
    const bytes = workbookBytes([
      {
        name: 'S',
        rows: [
          ['Wallet', 'Sum', 'Coin'],
          [A.tron(1), 5, 'USDT_TRX'],
        ],
      },
    ]);
    const asked: string[] = [];
    const reading = await readWithRecall(bytes, {}, (signature) => {
      asked.push(signature);
      return { address: 0, amount: 1, currency: 2 };
    });
    const csv = await readWithRecall(new TextEncoder().encode('Wallet,Sum,Coin\n'), {}, (s) => {
      asked.push(s);
      return null;
    });
    // The same header has the same signature in either kind of file.
    expect(asked[0]).toBe(asked[1]);
    expect(csv.signature).toBe(asked[0]);
    expect(reading.recalled).toEqual({ address: 0, amount: 1, currency: 2 });
    expect(reading.result.rows.map((row) => [row.amount, row.verdict])).toEqual([['5', 'ok']]);
  });
});

describe('damaged workbooks', () => {
  it('never throw: bytes changed, dropped or cut anywhere give a result with a sentence', () => {
    const random = createRandom(11).next;
    for (const bookType of ['xlsx', 'ods', 'xls'] as const) {
      const whole = workbookBytes([{ name: 'Payroll', rows: MIXED }], bookType);
      for (let trial = 0; trial < 40; trial += 1) {
        const bytes = new Uint8Array(whole);
        const at = Math.floor(random() * bytes.length);
        if (trial % 2 === 0) bytes[at] = Math.floor(random() * 256);
        const mutated = trial % 3 === 0 ? bytes.subarray(0, at) : bytes;
        const context = `${bookType} trial ${trial} at ${at}`;
        let result: ImportResult | null = null;
        expect(() => {
          result = importPayoutFile(mutated);
        }, context).not.toThrow();
        const read = result as ImportResult | null;
        expect(
          read?.problems.every((entry) => entry.message.length > 20),
          context,
        ).toBe(true);
        // Whatever was read is read by the same rules: an amount without an error is exact.
        for (const row of read?.rows ?? []) {
          if (row.verdict !== 'error') expect(row.amount, context).toMatch(/^\d+(\.\d+)?$/);
        }
      }
    }
  });
});
