/**
 * Whatever the bytes, importPayoutFile returns a well-formed result and never throws:
 * random bytes, and random mutations of the corpus (bytes dropped or doubled, quotes,
 * delimiters, line breaks and NULs inserted). Seeded, so a failure replays.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  importPayoutFile,
  PROBLEM_SEVERITY,
  verdictOf,
  type ImportResult,
} from '../../../shared/import';
import { isPlainDecimal } from '../../../shared/money';
import { findCurrency, massPayoutCap } from '../../../shared/networks';
import { createRandom } from '../../../electron/simulator/random';

/** A seeded mulberry32 stream (the simulator's generator), so runs are reproducible. */
const prng = (seed: number): (() => number) => createRandom(seed).next;

function wellFormed(result: ImportResult, context: string): void {
  const fail = (why: string) => expect.fail(`${context}: ${why}`);
  if (!['utf-8', 'utf-16le', 'utf-16be', 'windows-1252'].includes(result.encoding))
    fail('encoding');
  if (![',', ';', '\t'].includes(result.delimiter)) fail('delimiter');
  for (const entry of [...result.problems, ...result.rows.flatMap((row) => row.problems)]) {
    if (!Object.hasOwn(PROBLEM_SEVERITY, entry.code)) fail(`unknown code ${entry.code}`);
    if (entry.severity !== PROBLEM_SEVERITY[entry.code]) fail(`severity of ${entry.code}`);
    if (entry.message.length < 10 || entry.message.length > 2000) fail(`message of ${entry.code}`);
  }
  let previous = 0;
  const counts = { ok: 0, warning: 0, error: 0 };
  for (const row of result.rows) {
    if (!Number.isInteger(row.line) || row.line <= previous)
      fail(`line ${row.line} after ${previous}`);
    previous = row.line;
    if (row.verdict !== verdictOf(row.problems)) fail(`verdict of line ${row.line}`);
    if (row.verdict !== 'error' && !isPlainDecimal(row.amount)) fail(`amount ${row.amount}`);
    counts[row.verdict] += 1;
  }
  expect(result.counts, context).toEqual(counts);
  let batched = 0;
  for (const batch of result.batches) {
    if (!findCurrency(batch.currency)) fail(`batch currency ${batch.currency}`);
    if (batch.count < 1 || batch.count > massPayoutCap(batch.currency)) fail('batch size');
    if (!isPlainDecimal(batch.total)) fail(`batch total ${batch.total}`);
    batched += batch.count;
  }
  if (batched + result.excludedFromBatches !== result.rows.length) fail('batched + excluded');
}

const DIR = fileURLToPath(new URL('../../fixtures/import/', import.meta.url));
const SEEDS = readdirSync(DIR)
  .filter((name) => !name.endsWith('.ts') && !name.startsWith('.'))
  .map((name) => new Uint8Array(readFileSync(`${DIR}${name}`)))
  .filter((bytes) => bytes.length < 20_000);

const INSERTS = [0x22, 0x2c, 0x3b, 0x09, 0x0a, 0x0d, 0x00, 0x20, 0xef, 0xbb, 0xbf, 0xff, 0xfe];

function mutate(source: Uint8Array, random: () => number): Uint8Array {
  const bytes = [...source];
  const edits = 1 + Math.floor(random() * 6);
  for (let edit = 0; edit < edits; edit += 1) {
    const at = Math.floor(random() * (bytes.length + 1));
    const kind = Math.floor(random() * 4);
    if (kind === 0) bytes.splice(at, 1 + Math.floor(random() * 4));
    else if (kind === 1) bytes.splice(at, 0, ...bytes.slice(at, at + 1 + Math.floor(random() * 8)));
    else if (kind === 2) bytes.splice(at, 0, INSERTS[Math.floor(random() * INSERTS.length)] ?? 0);
    else bytes.splice(at, 0, Math.floor(random() * 256));
  }
  return Uint8Array.from(bytes);
}

describe('importPayoutFile on hostile input', () => {
  it('never throws on random bytes', () => {
    const random = prng(2024);
    const alphabet = Array.from(
      '0123456789abcdefTx.,;"\t\r\n -$€',
      (char) => char.charCodeAt(0) & 0xff,
    );
    for (let run = 0; run < 1500; run += 1) {
      const length = Math.floor(random() * 300);
      const textual = random() < 0.5;
      const bytes = Uint8Array.from({ length }, () =>
        textual
          ? (alphabet[Math.floor(random() * alphabet.length)] ?? 0)
          : Math.floor(random() * 256),
      );
      wellFormed(importPayoutFile(bytes), `random #${run}`);
    }
  });

  it('never throws on mutations of the corpus, with or without options', () => {
    const random = prng(7);
    for (let run = 0; run < 1500; run += 1) {
      const source = SEEDS[Math.floor(random() * SEEDS.length)] ?? new Uint8Array();
      const bytes = mutate(source, random);
      const options =
        run % 3 === 0
          ? {
              currency: 'USDT_TRX',
              decimalSeparator: run % 2 === 0 ? ('.' as const) : (',' as const),
            }
          : run % 3 === 1
            ? { mapping: { address: 0, amount: 'amount' } }
            : undefined;
      wellFormed(importPayoutFile(bytes, options), `mutation #${run}`);
    }
  });
});
