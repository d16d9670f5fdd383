import { describe, expect, it } from 'vitest';
import { amountSortKey } from '../../../electron/services/db/amount-sort';
import { compareDecimals } from '../../../shared/money';

const byKey = (a: string, b: string) => {
  const ka = amountSortKey(a);
  const kb = amountSortKey(b);
  return ka < kb ? -1 : ka > kb ? 1 : 0;
};

describe('amountSortKey', () => {
  it('orders the classic float traps numerically', () => {
    const sorted = ['10', '9.5', '0.000000000000000001', '100', '9.50000000000000001'].sort(byKey);
    expect(sorted).toEqual(['0.000000000000000001', '9.5', '9.50000000000000001', '10', '100']);
  });

  it('gives equal keys to equal numbers written differently', () => {
    expect(amountSortKey('001.500')).toBe(amountSortKey('1.5'));
    expect(amountSortKey('0.0')).toBe(amountSortKey('0'));
    expect(amountSortKey('-0')).toBe(amountSortKey('0'));
  });

  it('orders negatives below zero and by magnitude', () => {
    const sorted = ['-1', '0', '-0.5', '-1.55', '-1.5', '2', '-10'].sort(byKey);
    expect(sorted).toEqual(['-10', '-1.55', '-1.5', '-1', '-0.5', '0', '2']);
  });

  it('agrees with exact decimal comparison on random amounts', () => {
    let seed = 7;
    const next = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed;
    };
    const amounts = Array.from({ length: 400 }, () => {
      const whole = String(next() % 10 ** (next() % 8));
      const places = next() % 19;
      const fraction = String(next()).padStart(10, '0').slice(0, places);
      const sign = next() % 5 === 0 ? '-' : '';
      return places > 0 ? `${sign}${whole}.${fraction}` : `${sign}${whole}`;
    });
    const expected = [...amounts].sort((a, b) => compareDecimals(a, b));
    const actual = [...amounts].sort(byKey);
    expect(actual.map((a, i) => compareDecimals(a, expected[i] ?? 'x'))).toEqual(
      actual.map(() => 0),
    );
  });

  it('refuses what is not a plain decimal', () => {
    expect(() => amountSortKey('1e5')).toThrow(RangeError);
    expect(() => amountSortKey('1,5')).toThrow(RangeError);
    expect(() => amountSortKey('')).toThrow(RangeError);
  });
});
