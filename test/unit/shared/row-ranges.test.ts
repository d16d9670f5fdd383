import { describe, expect, it } from 'vitest';
import { rowCountOf, rowRangesText, toRowRanges } from '../../../shared/row-ranges';

describe('row ranges', () => {
  it('write sorted runs of the numbers, each number once', () => {
    expect(toRowRanges([9, 3, 4, 5, 4, 12, 11])).toEqual([
      [3, 5],
      [9, 9],
      [11, 12],
    ]);
    expect(toRowRanges([])).toEqual([]);
  });

  it('count and name exactly the rows they hold', () => {
    const numbers = Array.from({ length: 500 }, (_, index) => (index * 7) % 613);
    const ranges = toRowRanges(numbers);
    const back = ranges.flatMap(([first, last]) =>
      Array.from({ length: last - first + 1 }, (_, index) => first + index),
    );
    expect(back).toEqual([...new Set(numbers)].sort((a, b) => a - b));
    expect(rowCountOf(ranges)).toBe(new Set(numbers).size);
    expect(rowCountOf(toRowRanges(Array.from({ length: 1_000_000 }, (_, i) => i + 2)))).toBe(
      1_000_000,
    );
  });

  it('shorten a long list after ten runs', () => {
    const ranges = toRowRanges(Array.from({ length: 12 }, (_, index) => index * 2));
    expect(rowRangesText(ranges)).toBe('0, 2, 4, 6, 8, 10, 12, 14, 16, 18, …');
  });
});
