// Issue 10 part 3: an edit, insert or delete revalidates only the rows it touches and the
// duplicate groups of the old and new address, and keeps the counts and per-currency totals
// up to date incrementally (docs/drafts.md). Property-style: random sequences of edits on a
// real SQLite file, and after every step the incremental answer must equal a full recompute,
// both the one Review runs (which saves whatever moved: nothing may move) and one done here
// from the rows alone with the shared planner.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDesk, type Desk } from '../../../electron/services/desk';
import { createKeytarStore } from '../../../electron/services/vault';
import type { DraftRow, DraftSummary, RowVerdict } from '../../../shared/drafts';
import { splitIntoBatches } from '../../../shared/import';
import type { DraftReview } from '../../../shared/ipc';
import { sumDecimals } from '../../../shared/money';
import { massPayoutCap } from '../../../shared/networks';
import { testAddress } from '../../support/addresses';
import { deskCalls } from '../../support/desk-calls';
import { createRandom } from '../../../electron/simulator/random';

let dir: string;
let desk: Desk;
const { value } = deskCalls(() => desk);

/** mulberry32: a small seeded generator, so a failing sequence can be replayed by its seed. */
function generator(seed: number) {
  const { next } = createRandom(seed);
  const int = (below: number): number => Math.floor(next() * below);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)] as T;
  return { next, int, pick };
}

// Few addresses, so duplicate groups form, grow, split and vanish. The 0x ones also come in
// upper case: the duplicate key folds their case, never a Tron address's.
const TRON = [1, 2, 3, 4, 5].map((n) => testAddress('tron', 7_000 + n));
const ETH = [1, 2].map((n) => testAddress('ethereum', 7_100 + n));
const ADDRESSES = [
  ...TRON,
  ...ETH,
  ...ETH.map((address) => `0x${address.slice(2).toUpperCase()}`),
  ` ${TRON[0] ?? ''}`,
  'not an address',
  '',
];
const AMOUNTS = [
  '1',
  '2.5',
  '0.000001',
  '10.25',
  '1234567.891',
  '3,5',
  '-4',
  'abc',
  '0',
  '7.1234567',
];
const CURRENCIES = ['TRX', 'USDT_TRX', 'USDT', 'ETH', 'trx', 'NOPE', ''];

type Pick = ReturnType<typeof generator>['pick'];

function randomRow(pick: Pick, line: number) {
  return {
    line,
    address: pick(ADDRESSES),
    amount: pick(AMOUNTS),
    currency: pick(CURRENCIES),
    comment: pick(['', 'June', 'bonus']),
    // What only the file could show stays until the row is edited.
    ...(line % 7 === 0
      ? { problems: [{ code: 'QUOTE_UNCLOSED', message: 'A quote was not closed.' }] }
      : {}),
  };
}

async function allRows(draftId: string): Promise<DraftRow[]> {
  const rows: DraftRow[] = [];
  for (let offset = 0; ; offset += 1000) {
    const page = await value<{ rows: DraftRow[]; total: number }>('getDraftRows', {
      draftId,
      offset,
      limit: 1000,
    });
    rows.push(...page.rows);
    if (rows.length >= page.total) return rows;
  }
}

/** Counts and totals from the rows alone, planned the way Submit plans them. */
function recount(rows: readonly DraftRow[]) {
  const counts: Record<RowVerdict, number> = { ok: 0, warning: 0, error: 0 };
  for (const row of rows) counts[row.verdict] += 1;
  const batches = splitIntoBatches(rows.filter((row) => row.verdict !== 'error'));
  const byCurrency = new Map<string, { totals: string[]; rowCount: number; batchCount: number }>();
  for (const batch of batches) {
    const entry = byCurrency.get(batch.currency) ?? { totals: [], rowCount: 0, batchCount: 0 };
    entry.totals.push(batch.total);
    entry.rowCount += batch.rowNos.length;
    entry.batchCount += 1;
    byCurrency.set(batch.currency, entry);
  }
  const totals = [...byCurrency].map(([currency, entry]) => ({
    currency,
    rowCount: entry.rowCount,
    total: sumDecimals(entry.totals),
    batchCount: entry.batchCount,
    batchSize: massPayoutCap(currency),
  }));
  return { rowCount: rows.length, counts, totals };
}

/**
 * Rows with their problems in code order. Creating a draft stores a row's import-only
 * problems (spaces around an address) after the rules' own, and a later revalidation puts
 * them first: the same problems, which the incremental path does not reorder either way.
 */
function sorted(rows: readonly DraftRow[]): DraftRow[] {
  return rows.map((row) => ({
    ...row,
    problems: [...row.problems].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0)),
  }));
}

/** The incremental summary must be what both full recomputes say. */
async function expectExact(summary: DraftSummary, step: string): Promise<void> {
  const rows = await allRows(summary.id);
  expect(
    { rowCount: summary.rowCount, counts: summary.counts, totals: summary.totals },
    step,
  ).toEqual(recount(rows));
  // A page's total under a verdict filter comes from the same counts.
  for (const verdict of ['ok', 'warning', 'error'] as const) {
    const page = await value<{ rows: DraftRow[]; total: number }>('getDraftRows', {
      draftId: summary.id,
      verdict,
      limit: 1000,
    });
    expect(page.total, `${step}: ${verdict} rows`).toBe(page.rows.length);
    expect(page.total, `${step}: ${verdict} rows`).toBe(summary.counts[verdict]);
  }
  // Review revalidates every row with the shared rules and duplicates over the whole draft,
  // saving what moved: after incremental edits nothing may move.
  const review = await value<DraftReview>('reviewDraft', { draftId: summary.id });
  expect(sorted(await allRows(summary.id)), step).toEqual(sorted(rows));
  expect(review.summary.counts, step).toEqual(summary.counts);
  expect(review.summary.totals, step).toEqual(summary.totals);
  expect(review.totals, step).toEqual(
    summary.totals.map(({ currency, total, rowCount }) => ({ currency, total, rowCount })),
  );
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'payout-desk-incremental-'));
  desk = await createDesk({
    dataDir: dir,
    secretStore: createKeytarStore('payout-desk-test'),
    simulator: { seed: 'none' },
    sync: { startOnOpen: false },
  });
});

afterAll(async () => {
  await desk.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('incremental drafts', () => {
  for (const seed of [1, 2, 3, 4]) {
    it(`keeps verdicts, counts and exact totals equal to a full recompute (seed ${seed})`, async () => {
      const { int, next, pick } = generator(seed);
      let summary = await value<DraftSummary>('createDraft', {
        profileId: 'simulator',
        name: `incremental ${seed}`,
        decimalSeparator: '.',
        rows: Array.from({ length: 40 }, (_, index) => randomRow(pick, index + 2)),
      });
      await expectExact(summary, 'created');
      for (let step = 0; step < 60; step += 1) {
        const rows = await allRows(summary.id);
        const roll = next();
        let label: string;
        if (roll < 0.65 && rows.length > 0) {
          const target = pick(rows);
          const patch = randomRow(pick, 1);
          const edit = {
            ...(next() < 0.6 ? { address: patch.address } : {}),
            ...(next() < 0.5 ? { amount: patch.amount } : {}),
            ...(next() < 0.4 ? { currency: patch.currency } : {}),
            ...(next() < 0.2 ? { comment: patch.comment } : {}),
          };
          label = `step ${step}: edit row ${target.rowNo} ${JSON.stringify(edit)}`;
          const answer = await value<{ row: DraftRow; summary: DraftSummary }>('updateDraftRow', {
            draftId: summary.id,
            rowNo: target.rowNo,
            ...edit,
          });
          expect(
            (await allRows(summary.id)).find((row) => row.rowNo === target.rowNo),
            label,
          ).toEqual(answer.row);
          summary = answer.summary;
        } else if (roll < 0.8) {
          label = `step ${step}: add a row`;
          summary = (await value<{ summary: DraftSummary }>('addDraftRow', { draftId: summary.id }))
            .summary;
        } else {
          // 1 to 3 rows, sometimes one that is not (or no longer) in the draft.
          const rowNos = Array.from({ length: 1 + int(3) }, () =>
            rows.length > 0 && next() < 0.9 ? pick(rows).rowNo : 10_000 + int(5),
          );
          label = `step ${step}: delete rows ${rowNos.join(', ')}`;
          summary = await value<DraftSummary>('deleteDraftRows', {
            draftId: summary.id,
            rowNos,
          });
        }
        await expectExact(summary, label);
      }
      // The walk must have seen what it is meant to check.
      expect(summary.rowCount).toBeGreaterThan(0);
    });
  }

  it('counts the batches of a currency beyond one mass payout as the review plans them', async () => {
    let summary = await value<DraftSummary>('createDraft', {
      profileId: 'simulator',
      name: 'three TRX batches',
      decimalSeparator: '.',
      rows: Array.from({ length: 250 }, (_, index) => ({
        line: index + 2,
        address: testAddress('tron', 7_500 + index),
        amount: `${index}.000001`,
        currency: 'TRX',
        comment: '',
      })),
    });
    expect(summary.totals).toEqual([
      { currency: 'TRX', rowCount: 250, total: '31125.00025', batchCount: 3, batchSize: 100 },
    ]);
    await expectExact(summary, '250 rows');
    const review = await value<DraftReview>('reviewDraft', { draftId: summary.id });
    expect(review.batches.map((batch) => batch.rowCount)).toEqual([100, 100, 50]);
    summary = await value<DraftSummary>('deleteDraftRows', {
      draftId: summary.id,
      rowNos: Array.from({ length: 50 }, (_, index) => index + 1),
    });
    expect(summary.totals).toMatchObject([{ rowCount: 200, batchCount: 2 }]);
    await expectExact(summary, '200 rows');
  });

  it('a list of drafts carries the same tallies as each draft', async () => {
    const profileDrafts = await value<DraftSummary[]>('listDrafts', { profileId: 'simulator' });
    expect(profileDrafts.length).toBeGreaterThan(0);
    for (const listed of profileDrafts) {
      const one = await value<DraftSummary>('getDraft', { draftId: listed.id });
      expect(listed.totals).toEqual(one.totals);
      expect(listed.counts).toEqual(one.counts);
    }
  });
});
