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
