import { describe, expect, it } from 'vitest';
import {
  compareDecimals,
  decimalPlaces,
  isPlainDecimal,
  percentageOf,
  sumDecimals,
  toDecimalString,
} from '../../../shared/money';

describe('money', () => {
  it('adds 0.1 + 0.2 + 0.3 to exactly 0.6', () => {
    expect(sumDecimals(['0.1', '0.2', '0.3'])).toBe('0.6');
  });

  it('sums 18-decimal amounts exactly', () => {
    expect(sumDecimals(['0.000000000000000001', '1.999999999999999999'])).toBe('2');
  });

  it('compares numerically, not as text', () => {
    expect(compareDecimals('10', '9.5')).toBe(1);
    expect(compareDecimals('0.10', '0.1')).toBe(0);
  });

  it('computes a fee rounded down to the currency decimals', () => {
    expect(percentageOf('100.123457', '0.5', 6)).toBe('0.500617');
    expect(percentageOf('1', '0.5', 2)).toBe('0');
  });

  it('refuses floats and non-numbers', () => {
    expect(() => toDecimalString(0.1)).toThrow(/float/);
    expect(() => toDecimalString('12abc')).toThrow(/not a decimal/);
    expect(toDecimalString(42)).toBe('42');
  });

  it('recognises plain decimals only', () => {
    expect(isPlainDecimal('1.5')).toBe(true);
    expect(isPlainDecimal('1e5')).toBe(false);
    expect(isPlainDecimal('1,5')).toBe(false);
    expect(decimalPlaces('1.500')).toBe(3);
  });
});
