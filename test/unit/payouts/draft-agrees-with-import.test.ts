/**
 * A draft row says what the import screen said about it. Every row of every file of the
 * import corpus (test/fixtures/import) goes through the rules a draft stores rows with
 * (validateStoredRow, as createDraft and a draft from a reading run them): the verdict, the
 * problem codes and the amount must be the importer's. Duplicates across rows are left out
 * (the draft finds them over the whole draft, not per row).
 *
 * It failed on the file whose amounts cannot tell their decimal separator ("1,000",
 * "2.500"): the import said "ambiguous" (an error), the draft re-read the cells with a point
 * and stored 1000 and 2.5 as OK rows, payable at an amount nobody confirmed.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { validateStoredRow } from '../../../electron/services/payouts/draft-row-rules';
import { importPayoutFile, verdictOf } from '../../../shared/import';
import { testAddress } from '../../support/addresses';
import { draftRowOf } from '../../../shared/import/draft-from-reading';
import { dated, formatted, text, workbookBytes } from '../../support/workbooks';

const DIR = fileURLToPath(new URL('../../fixtures/import/', import.meta.url));
const FILES = readdirSync(DIR).filter((name) => /\.(csv|tsv|txt)$/.test(name));

describe('a draft row and the import', () => {
  it.each(FILES)('agree on every row of %s', (name) => {
    const result = importPayoutFile(new Uint8Array(readFileSync(`${DIR}${name}`)));
    for (const row of result.rows) {
      const stored = validateStoredRow(
        { ...draftRowOf(row), rowNo: 1 },
        { decimalSeparator: result.decimalSeparator ?? '.', recentPayouts: [], isRetry: false },
      );
      const imported = row.problems
        .map((entry) => entry.code)
        .filter((code) => code !== 'DUPLICATE_ADDRESS')
        .sort();
      const where = `${name} line ${String(row.line)}`;
      expect(stored.problems.map((entry) => entry.code).sort(), where).toEqual(imported);
      const withoutDuplicates = row.problems.filter((entry) => entry.code !== 'DUPLICATE_ADDRESS');
      expect(stored.verdict, where).toBe(verdictOf(withoutDuplicates));
      expect(stored.amount, where).toBe(row.amount);
    }
  });

  // A workbook's number cells are read as the number stored (docs/spreadsheets.md): the
  // draft must read the stored decimal the same way, whatever separator the file's text
  // amounts gave it ("1.234" stays 1.234 in a draft read with commas).
  it.each([
    ['numbers and text with points', '.', text('0.123456789012345678')],
    ['numbers and text with commas', ',', text('1.234,56')],
  ])('agree on every row of a workbook of %s', (_name, separator, typed) => {
    const bytes = workbookBytes([
      {
        name: 'Payroll',
        rows: [
          ['address', 'amount', 'currency', 'comment'],
          [testAddress('ethereum', 1), typed, 'ETH', 'typed as text'],
          [testAddress('ethereum', 2), 1.234, 'ETH', 'not ambiguous'],
          [testAddress('ethereum', 3), formatted(1234567.8900000001, '#,##0.00'), 'ETH', ''],
          [testAddress('tron', 4), formatted(0.30000000000000004, '0.00'), 'USDT_TRX', ''],
          [testAddress('tron', 5), 1e-7, 'USDT_TRX', 'too precise'],
          [testAddress('tron', 6), dated(new Date(Date.UTC(2024, 5, 30))), 'USDT_TRX', ''],
          [testAddress('tron', 7), -5, 'USDT_TRX', 'negative'],
          [testAddress('tron', 8), 1e21, 'USDT_TRX', 'too large'],
        ],
      },
    ]);
    const result = importPayoutFile(bytes);
    expect(result.decimalSeparator).toBe(separator);
    expect(result.rows).toHaveLength(8);
    for (const row of result.rows) {
      const stored = validateStoredRow(
        { ...draftRowOf(row), rowNo: 1 },
        { decimalSeparator: result.decimalSeparator ?? '.', recentPayouts: [], isRetry: false },
      );
      const where = `line ${String(row.line)}`;
      expect(stored.problems.map((entry) => entry.code).sort(), where).toEqual(
        row.problems.map((entry) => entry.code).sort(),
      );
      expect(stored.verdict, where).toBe(row.verdict);
      expect(stored.amount, where).toBe(row.amount);
    }
  });

  it('keeps an ambiguous amount as written and blocked, whatever separator the draft has', () => {
    const csv = `address,amount,currency\n${testAddress('tron', 1)},"1,000",TRX\n`;
    const [row] = importPayoutFile(new TextEncoder().encode(csv)).rows;
    if (!row) throw new Error('no row');
    for (const decimalSeparator of ['.', ','] as const) {
      const stored = validateStoredRow(
        { ...draftRowOf(row), rowNo: 1 },
        { decimalSeparator, recentPayouts: [], isRetry: false },
      );
      expect(stored.amount).toBe('1,000');
      expect(stored.verdict).toBe('error');
      expect(stored.problems.map((entry) => entry.code)).toContain('AMOUNT_AMBIGUOUS');
    }
  });
});
