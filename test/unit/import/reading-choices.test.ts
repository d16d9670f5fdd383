/** What a person can change on the import screen's preview: the delimiter, over detection. */
import { describe, expect, it } from 'vitest';
import { importPayoutFile } from '../../../shared/import';
import { summarizeReading } from '../../../shared/import/reading-summary';
import { A } from './corpus-builder';

const file = new TextEncoder().encode(
  `address;amount;currency\n${A.tron(1)};10,5;TRX\n${A.tron(2)};2;TRX\n`,
);

describe('the reading a person can steer', () => {
  it('reads with a chosen delimiter over the detected one', () => {
    expect(importPayoutFile(file).delimiter).toBe(';');
    const forced = importPayoutFile(file, { delimiter: ',' });
    expect(forced.delimiter).toBe(',');
    expect(forced.problems.map((entry) => entry.code)).toContain('COLUMN_MISSING');
  });

  it('previews the first rows as read, aligned with the cells as written', () => {
    const summary = summarizeReading(importPayoutFile(file));
    expect(summary.preview.map((row) => [row.line, row.amount])).toEqual([
      [2, '10.5'],
      [3, '2'],
    ]);
    expect(summary.sample.map((cells) => cells[1])).toEqual(['10,5', '2']);
  });
});

describe('the rows a large file has checked so far', () => {
  it('are told every 5,000 rows and at the end, for the page’s progress bar', () => {
    const lines = ['address,amount,currency'];
    for (let row = 0; row < 12_000; row += 1) lines.push(`${A.tron(row % 50)},1,TRX`);
    const told: [number, number][] = [];
    importPayoutFile(
      new TextEncoder().encode(lines.join('\n')),
      {},
      {
        onRows: (checked, total) => {
          told.push([checked, total]);
        },
      },
    );
    expect(told).toEqual([
      [0, 12_000],
      [5_000, 12_000],
      [10_000, 12_000],
      [12_000, 12_000],
    ]);
  });
});
