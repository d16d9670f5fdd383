import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { detectDelimiter } from '../../../shared/import/delimiter';
import { normalizeLineBreaks, parseRecords } from '../../../shared/import/records';
import { createRandom } from '../../../electron/simulator/random';

/** A seeded mulberry32 stream (the simulator's generator), so runs are reproducible. */
const prng = (seed: number): (() => number) => createRandom(seed).next;

/** Line of every record according to papaparse's own cursor (step mode), blank ones left out. */
function linesByCursor(text: string): number[] {
  const lines: number[] = [];
  let start = 0;
  Papa.parse<string[]>(text, {
    delimiter: ',',
    newline: '\n',
    step: (result) => {
      const blank = result.data.every((cell) => cell.trim() === '');
      if (!blank) lines.push(1 + (text.slice(0, start).match(/\n/g)?.length ?? 0));
      start = result.meta.cursor;
    },
  });
  return lines;
}

describe('records and their line numbers', () => {
  it('counts lines inside quoted cells, blank rows and every kind of line break', () => {
    const text = normalizeLineBreaks('h1,h2\r\n"a\r\nb",1\r\rc,2\n\n,,\n"x""y\nz",3\r\n\r\n');
    const parsed = parseRecords(text, ',');
    expect(parsed.records.map((record) => [record.line, record.cells])).toEqual([
      [1, ['h1', 'h2']],
      [2, ['a\nb', '1']],
      [5, ['c', '2']],
      [8, ['x"y\nz', '3']],
    ]);
    expect(parsed.unclosedQuoteLine).toBeNull();
  });

  it('finds where an unclosed quote starts', () => {
    const parsed = parseRecords('a,b\nc,"d\ne,f\n', ',');
    expect(parsed.unclosedQuoteLine).toBe(2);
  });

  it('agrees with papaparse’s own cursor on random quoted, multi-line input', () => {
    const random = prng(11);
    const pieces = ['a', 'b', ',', '"', '\n', ' ', '""', 'x\ny'];
    for (let run = 0; run < 300; run += 1) {
      let text = '';
      const length = Math.floor(random() * 60);
      for (let index = 0; index < length; index += 1) {
        text += pieces[Math.floor(random() * pieces.length)] ?? '';
      }
      const ours = parseRecords(text, ',').records.map((record) => record.line);
      expect(ours, JSON.stringify(text)).toEqual(linesByCursor(text));
    }
  });
});

describe('delimiter detection', () => {
  it.each([
    ['address,amount,currency\nx,1.5,ETH\n', ','],
    ['address;amount;currency\nx;1,5;ETH\ny;2,25;ETH\n', ';'],
    ['address\tamount\tcurrency\nx\t1,234.5\tETH\n', '\t'],
    ['address,amount,comment\nx,1,"a; b"\ny,2,c; d; e\n', ','],
    ['address;amount;comment\nx;1;a, b\ny;2;c, d\n', ';'],
    ['Payroll June\n\naddress;amount;currency\nx;1;ETH\ny;2;ETH\n', ';'],
    ['just one column\nvalue\n', ','],
    ['', ','],
  ] as const)('%j -> %j', (text, delimiter) => {
    expect(detectDelimiter(text)).toBe(delimiter);
  });

  it('looks only at the head of a large file', () => {
    const rows = Array.from({ length: 5000 }, (_, index) => `x${index};${index},5;ETH`);
    expect(detectDelimiter(`address;amount;currency\n${rows.join('\n')}`)).toBe(';');
  });
});
