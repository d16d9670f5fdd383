/**
 * Row numbers written as runs ("2-1,000,001" rather than a million numbers): the audit
 * entry of a select-all delete on a large draft stays a few bytes and still names every row
 * exactly. Ranges are inclusive, sorted, and never touch one another.
 */
export type RowRange = readonly [first: number, last: number];

export function toRowRanges(rowNos: Iterable<number>): RowRange[] {
  const sorted = [...new Set(rowNos)].sort((a, b) => a - b);
  const ranges: [number, number][] = [];
  for (const rowNo of sorted) {
    const last = ranges.at(-1);
    if (last !== undefined && rowNo === last[1] + 1) last[1] = rowNo;
    else ranges.push([rowNo, rowNo]);
  }
  return ranges;
}

export function rowCountOf(ranges: readonly RowRange[]): number {
  return ranges.reduce((sum, [first, last]) => sum + last - first + 1, 0);
}

const grouped = (n: number) => n.toLocaleString('en-US');

/** "3-5, 9, 12-40" with at most `shown` runs, then "…". */
export function rowRangesText(ranges: readonly RowRange[], shown = 10): string {
  const runs = ranges
    .slice(0, shown)
    .map(([first, last]) =>
      first === last ? grouped(first) : `${grouped(first)}-${grouped(last)}`,
    );
  return `${runs.join(', ')}${ranges.length > shown ? ', …' : ''}`;
}
