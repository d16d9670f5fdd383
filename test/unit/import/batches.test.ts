import { describe, expect, it } from 'vitest';
import { splitIntoBatches, type BatchCandidate } from '../../../shared/import';
import { sumAmounts } from '../../../shared/import/batches';
import { sumDecimals } from '../../../shared/money';

const row = (currency: string, amount: string, verdict: BatchCandidate['verdict'] = 'ok') => ({
  currency,
  amount,
  verdict,
});
const many = (count: number, currency: string, amount = '1') =>
  Array.from({ length: count }, () => row(currency, amount));

describe('splitIntoBatches', () => {
  it('sums exactly: 0.1 + 0.2 + 0.3 = 0.6', () => {
    const batches = splitIntoBatches([
      row('USDT_TRX', '0.1'),
      row('USDT_TRX', '0.2'),
      row('USDT_TRX', '0.3'),
    ]);
    expect(batches).toEqual([
      {
        currency: 'USDT_TRX',
        rows: [0, 1, 2],
        lines: [null, null, null],
        rowNos: [1, 2, 3],
        total: '0.6',
        count: 3,
      },
    ]);
  });

  it('keeps 18 decimals and large totals exact', () => {
    const wei = splitIntoBatches(many(3, 'ETH', '0.000000000000000001'));
    expect(wei[0]?.total).toBe('0.000000000000000003');
    const big = splitIntoBatches([
      row('ETH', '99999999999999999999.999999999999999999'),
      row('ETH', '0.000000000000000001'),
    ]);
    expect(big[0]?.total).toBe('100000000000000000000');
  });

  it('makes one mass payout per currency, currencies in code order, rows in file order', () => {
    const batches = splitIntoBatches([
      row('USDT_TRX', '1'),
      row('eth', '2'),
      row('BTC', '3'),
      row('USDT_TRX', '4'),
      row('ETH', '5'),
    ]);
    expect(batches.map((batch) => [batch.currency, batch.rows, batch.total])).toEqual([
      ['BTC', [2], '3'],
      ['ETH', [1, 4], '7'],
      ['USDT_TRX', [0, 3], '5'],
    ]);
  });

  it('leaves out rows with an error, and rows whose amount or currency cannot be paid', () => {
    const batches = splitIntoBatches([
      row('TRX', '1'),
      row('TRX', '2', 'error'),
      row('TRX', '3', 'warning'),
      row('TRX', 'abc'),
      row('TRX', '-4'),
      row('EUR', '5'),
    ]);
    expect(batches.map((batch) => [batch.rows, batch.total])).toEqual([[[0, 2], '4']]);
  });

  it('chunks within the caps: 1,000 on Ethereum, 100 elsewhere', () => {
    const counts = (rows: BatchCandidate[], limits?: Parameters<typeof splitIntoBatches>[1]) =>
      splitIntoBatches(rows, limits).map((batch) => [batch.currency, batch.count]);
    expect(counts(many(2500, 'USDT'))).toEqual([
      ['USDT', 1000],
      ['USDT', 1000],
      ['USDT', 500],
    ]);
    expect(counts(many(250, 'TRX'))).toEqual([
      ['TRX', 100],
      ['TRX', 100],
      ['TRX', 50],
    ]);
    expect(counts(many(120, 'USDT'), { ethereum: 1000, other: 100, global: 50 })).toEqual([
      ['USDT', 50],
      ['USDT', 50],
      ['USDT', 20],
    ]);
  });

  it('survives nonsense limits without looping or making empty batches', () => {
    const batches = splitIntoBatches(many(3, 'TRX'), { ethereum: 0, other: Number.NaN, global: 0 });
    expect(batches.map((batch) => batch.count)).toEqual([1, 1, 1]);
  });

  it('carries the rows’ file lines', () => {
    const batches = splitIntoBatches([
      { ...row('TRX', '1'), line: 7 },
      { ...row('TRX', '1'), line: null },
    ]);
    expect(batches[0]?.lines).toEqual([7, null]);
  });
});

describe('sumAmounts', () => {
  it('equals money.sumDecimals on random amounts', () => {
    let seed = 42;
    const next = () => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed;
    };
    for (let run = 0; run < 200; run += 1) {
      const amounts = Array.from({ length: 1 + (next() % 20) }, () => {
        const whole = String(next() % 100000);
        const places = next() % 19;
        const fraction = Array.from({ length: places }, () => String(next() % 10)).join('');
        return fraction === '' ? whole : `${whole}.${fraction}`;
      });
      expect(sumAmounts(amounts)).toBe(sumDecimals(amounts));
    }
  });
});
