/** The columns a payout does not use, kept with each row (docs/import.md). */
import { describe, expect, it } from 'vitest';
import { importPayoutFile } from '../../../shared/import';
import { A } from './corpus-builder';

const bytes = (lines: readonly string[]) => new TextEncoder().encode(`${lines.join('\n')}\n`);

describe('columns the payout does not use', () => {
  it('shortens a kept cell over 500 characters with one warning, and never blocks the row', () => {
    const long = 'x'.repeat(800);
    const result = importPayoutFile(
      bytes([
        'address,amount,currency,Long text,Invoice',
        `${A.tron(1)},1,TRX,${long},R-1`,
        `${A.tron(2)},2,TRX,short,R-2`,
        `${A.tron(3)},3,TRX,${long},R-3`,
      ]),
    );
    expect(result.extraColumns).toEqual(['Long text', 'Invoice']);
    expect(result.rows.map((row) => [row.verdict, row.extra[0]?.length, row.extra[1]])).toEqual([
      ['ok', 500, 'R-1'],
      ['ok', 5, 'R-2'],
      ['ok', 500, 'R-3'],
    ]);
    expect(result.problems.map((entry) => [entry.code, entry.message])).toEqual([
      [
        'COLUMN_CELLS_SHORTENED',
        'Column "Long text" has cells longer than 500 characters (lines 2, 4): the draft and the reconciliation keep their first 500 characters. The payout is not affected.',
      ],
    ]);
  });

  it('keeps at most 50 columns beside the payout, and says how many are not kept', () => {
    const extra = Array.from({ length: 53 }, (_, index) => `c${index}`);
    const result = importPayoutFile(
      bytes([
        ['address', 'amount', 'currency', ...extra].join(','),
        [A.tron(4), '1', 'TRX', ...extra].join(','),
      ]),
    );
    expect(result.extraColumns).toHaveLength(50);
    expect(result.rows[0]?.extra.at(-1)).toBe('c49');
    expect(result.problems.map((entry) => entry.code)).toEqual(['COLUMNS_NOT_KEPT']);
    expect(result.problems[0]?.message).toMatch(
      /^The file has 3 more columns than Payout Desk keeps/,
    );
  });

  it('keeps the cells of a column without a name, unless it is empty in every row', () => {
    const result = importPayoutFile(
      bytes(['address,amount,currency,,', `${A.tron(5)},1,TRX,kept,`, `${A.tron(6)},2,TRX,,`]),
    );
    expect(result.extraColumns).toEqual(['Column 4']);
    expect(result.rows.map((row) => row.extra)).toEqual([['kept'], ['']]);
  });
});
