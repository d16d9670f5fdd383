/**
 * shared/money.ts compares and normalises non-negative plain decimals by their digits instead
 * of through big.js (an import does it for every row). Exactness is the point, so the string
 * path is held to big.js itself on random and edge-case values, signs and exponents included
 * (those still go through big.js).
 */
import BigConstructor from 'big.js';
import { describe, expect, it } from 'vitest';
import {
  compareDecimals,
  isPlainDecimal,
  isPositiveDecimal,
  normalizeDecimal,
  significantDigits,
} from '../../../shared/money';
import { createRandom } from '../../../electron/simulator/random';

const Big = BigConstructor();
Big.NE = -1_000_000;
Big.PE = 1_000_000;

const random = createRandom(11).next;
const int = (n: number) => Math.floor(random() * n);
const digits = (count: number, zeros = 0.3) =>
  Array.from({ length: count }, () => (random() < zeros ? '0' : String(int(10)))).join('');

/** Plain decimals with leading and trailing zeros, long fractions and zero values. */
function plainDecimal(): string {
  const integer = digits(1 + int(14), 0.4);
  if (random() < 0.3) return integer;
  return `${integer}.${digits(1 + int(20), 0.4)}`;
}

const EDGES = ['0', '00', '0.0', '000.000', '1', '01', '1.0', '1.00', '10', '0.1', '0.10', '0.01'];
const OTHERS = ['-0', '-1', '-0.5', '-007.10', '1e3', '2.5e-3', '-1e2', '0e0'];

/** The significant digits as money.ts counted them before (split and regular expressions). */
function referenceSignificantDigits(text: string): number {
  const [integer = '', fraction = ''] = text.split('.');
  const whole = integer.replace(/^0+/, '');
  const tail = fraction.replace(/0+$/, '');
  if (whole !== '') return whole.length + tail.length;
  return tail.replace(/^0+/, '').length;
}

describe('money on plain decimals, without big.js', () => {
  const values = [...EDGES, ...Array.from({ length: 3000 }, plainDecimal)];

  it('compares exactly as big.js does', () => {
    for (let round = 0; round < 6000; round += 1) {
      const a = values[int(values.length)] ?? '0';
      // Half the pairs share their integer part, so fractions decide.
      const b =
        random() < 0.5
          ? (values[int(values.length)] ?? '0')
          : `${a.split('.')[0] ?? '0'}.${digits(int(6))}`;
      expect(compareDecimals(a, b), `${a} vs ${b}`).toBe(new Big(a).cmp(b));
    }
    for (const a of [...EDGES, ...OTHERS]) {
      for (const b of [...EDGES, ...OTHERS]) {
        expect(compareDecimals(a, b), `${a} vs ${b}`).toBe(new Big(a).cmp(b));
      }
    }
  });

  it('normalises and tells a positive amount exactly as big.js does', () => {
    for (const value of [...values, ...OTHERS]) {
      expect(normalizeDecimal(value), value).toBe(new Big(value).toFixed());
      expect(isPositiveDecimal(value), value).toBe(new Big(value).gt(0));
    }
  });

  it('counts significant digits as before, whatever the text', () => {
    const odd = ['', '.', '..', '1.2.3', '0.0.5', '-12', '-0.05', '100.', '.500', 'abc'];
    for (const value of [...values, ...OTHERS, ...odd]) {
      expect(significantDigits(value), value).toBe(referenceSignificantDigits(value));
    }
  });

  it('tells a plain decimal by its characters as the RegExp it replaced does', () => {
    const pattern = /^-?\d+(\.\d+)?$/;
    const odd = ['', '-', '.', '-.', '1.', '.5', '-.5', '--1', '1..2', '1.2.3', ' 1', '1 ', '1\n'];
    const more = ['+1', '1e5', '0x1a', '١٢', '１', '1,5', '-0', '-007.10', '12a', 'a12'];
    const noisy = Array.from({ length: 3000 }, () =>
      Array.from({ length: 1 + int(8) }, () => '0123456789.-e '.charAt(int(14))).join(''),
    );
    for (const value of [...values, ...OTHERS, ...odd, ...more, ...noisy]) {
      expect(isPlainDecimal(value), JSON.stringify(value)).toBe(pattern.test(value));
    }
  });
});
