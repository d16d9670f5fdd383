/**
 * A large file is read in two streaming passes (shared/import/import-file.ts, docs/import.md
 * "Large files"); a small one in one whole parse. These hold the two together: every file of
 * the import corpus, under the options the corpus uses, and random quoted multi-line files,
 * give the same result both ways. Also the row limit: a file over it is refused with one
 * sentence naming its row count and the limit, before any row is validated.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { importPayoutFile, type ImportOptions } from '../../../shared/import';
import {
  crlfBreaks,
  normalizeLineBreaks,
  parseRecords,
  walkRecords,
} from '../../../shared/import/records';
import { A } from './corpus-builder';
import { createRandom } from '../../../electron/simulator/random';

const DIR = fileURLToPath(new URL('../../fixtures/import/', import.meta.url));
// Pieces of three records: a streamed UTF-8 file's rows are read again from its bytes in
// pieces (import-file.ts, readHead), so every file below is cut in many places.
const STREAM = { streamAboveChars: 0, pieceRecords: 3 };

const OPTIONS: ImportOptions[] = [
  {},
  { currency: 'usdt_trx' },
  { mapping: { address: 0, amount: 1, currency: 2 } },
  { mapping: { amount: 'Betrag' } },
  { mapping: { address: 7 } },
  { decimalSeparator: ',' },
  { decimalSeparator: '.' },
  { limits: { ethereum: 1000, other: 2, global: 10_000 } },
];

/** A seeded mulberry32 stream (the simulator's generator), so runs are reproducible. */
const prng = (seed: number): (() => number) => createRandom(seed).next;

describe('streamed and whole reads agree', () => {
  const files = readdirSync(DIR).filter((name) => !name.startsWith('.'));

  it.each(files)('%s, under every option the corpus uses', (name) => {
    const bytes = new Uint8Array(readFileSync(`${DIR}${name}`));
    for (const options of OPTIONS) {
      expect(importPayoutFile(bytes, options, STREAM)).toEqual(importPayoutFile(bytes, options));
    }
  });

  it('random quoted, multi-line and blank-line files: same records, lines and unclosed quote', () => {
    const random = prng(5);
    const pieces = ['a', 'b,c', '"x"', '"y\nz"', '', ' ', '"', '""', '1,5', A.tron(1)];
    for (let round = 0; round < 300; round += 1) {
      const lines: string[] = [];
      for (let line = 0; line < 1 + Math.floor(random() * 12); line += 1) {
        const cells = Array.from(
          { length: 1 + Math.floor(random() * 4) },
          () => pieces[Math.floor(random() * pieces.length)] ?? '',
        );
        lines.push(cells.join(','));
      }
      const text = lines.join('\n');
      const whole = parseRecords(text, ',');
      const walked: { line: number; cells: string[] }[] = [];
      const walk = walkRecords(text, ',', (record) => walked.push(record));
      expect(walked).toEqual(whole.records);
      expect(walk.count).toBe(whole.records.length);
      expect(walk.unclosedQuoteLine).toBe(whole.unclosedQuoteLine);
      const bytes = new TextEncoder().encode(`address,amount,currency\n${text}`);
      expect(importPayoutFile(bytes, {}, STREAM)).toEqual(importPayoutFile(bytes));
    }
  });
});

describe('a large CRLF file is parsed on "\\r\\n" without a normalised copy', () => {
  it('crlfBreaks counts the breaks only when every one is CRLF', () => {
    expect(crlfBreaks('a\r\nb\r\n"c\r\nd"\r\n')).toBe(4);
    expect(crlfBreaks('a\nb\n')).toBeNull();
    expect(crlfBreaks('a,b')).toBeNull();
    expect(crlfBreaks('a\r\nb\nc')).toBeNull();
    expect(crlfBreaks('a\r\nb\rc')).toBeNull();
    expect(crlfBreaks('a\r\nb\r')).toBeNull();
    expect(crlfBreaks('\r\n')).toBe(1);
  });

  it('random quoted, multi-line and blank-line CRLF files: the same records, lines and result as normalised', () => {
    const random = prng(9);
    const pieces = [
      'a',
      'b,c',
      '"x"',
      '"y\r\nz"',
      '"p\r\n\r\nq"',
      '',
      ' ',
      '"',
      '""',
      '1,5',
      A.tron(1),
    ];
    for (let round = 0; round < 300; round += 1) {
      const lines: string[] = [];
      for (let line = 0; line < 1 + Math.floor(random() * 12); line += 1) {
        const cells = Array.from(
          { length: 1 + Math.floor(random() * 4) },
          () => pieces[Math.floor(random() * pieces.length)] ?? '',
        );
        lines.push(cells.join(','));
      }
      const text = `address,amount,currency\r\n${lines.join('\r\n')}`;
      expect(crlfBreaks(text)).not.toBeNull();
      const whole = parseRecords(normalizeLineBreaks(text), ',');
      const walked: { line: number; cells: string[] }[] = [];
      const walk = walkRecords(text, ',', (record) => walked.push(record), '\r\n');
      expect(walked).toEqual(whole.records);
      expect(walk.count).toBe(whole.records.length);
      expect(walk.unclosedQuoteLine).toBe(whole.unclosedQuoteLine);
      const bytes = new TextEncoder().encode(text);
      expect(importPayoutFile(bytes, {}, STREAM)).toEqual(importPayoutFile(bytes));
    }
  });
});

describe('the row limit', () => {
  const file = (rows: number): Uint8Array => {
    const lines = ['address,amount,currency'];
    for (let row = 0; row < rows; row += 1) lines.push(`${A.tron(row)},${row + 1},TRX`);
    return new TextEncoder().encode(lines.join('\n'));
  };

  it.each([
    ['whole', {}],
    ['streamed', STREAM],
  ] as const)('a file over it is refused with one sentence (%s read)', (_, tuning) => {
    const result = importPayoutFile(file(1_235), { maxRows: 1_000 }, tuning);
    expect(result.rows).toEqual([]);
    expect(result.problems.map((entry) => entry.code)).toEqual(['FILE_TOO_MANY_ROWS']);
    expect(result.problems[0]?.message).toBe(
      'This file has 1,235 rows; a draft holds at most 1,000. Split the file into parts of at most 1,000 rows and import each part as a draft of its own.',
    );
  });

  it('a file at the limit is read', () => {
    const result = importPayoutFile(file(1_000), { maxRows: 1_000 }, STREAM);
    expect(result.rows).toHaveLength(1_000);
    expect(result.problems.map((entry) => entry.code)).not.toContain('FILE_TOO_MANY_ROWS');
  });
});
