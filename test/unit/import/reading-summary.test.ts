/**
 * What the import screen is sent of a reading (shared/import/reading-summary.ts): its planned
 * mass payouts by currency, count and total, not the three numbers per row each batch holds
 * for the draft (issue 10 part 3: they were most of the desk's answer).
 */
import { describe, expect, it } from 'vitest';
import { importPayoutFile } from '../../../shared/import';
import { summarizeReading } from '../../../shared/import/reading-summary';
import { A } from './corpus-builder';

const file = new TextEncoder().encode(
  `address,amount,currency\n${A.tron(1)},10.5,TRX\n${A.tron(2)},2,TRX\n${A.tron(3)},1,USDT_TRX\n`,
);

describe('a reading summary', () => {
  it('plans the same mass payouts as the reading, without their rows', () => {
    const result = importPayoutFile(file);
    const summary = summarizeReading(result);
    expect(result.batches.map((batch) => batch.rows)).toEqual([[0, 1], [2]]);
    expect(summary.batches).toEqual(
      result.batches.map((batch) => ({
        currency: batch.currency,
        count: batch.count,
        total: batch.total,
      })),
    );
    expect(summary.batches).toEqual([
      { currency: 'TRX', count: 2, total: '12.5' },
      { currency: 'USDT_TRX', count: 1, total: '1' },
    ]);
    expect(Object.keys(summary.batches[0] ?? {}).sort()).toEqual(['count', 'currency', 'total']);
  });
});
