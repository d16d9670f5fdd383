/**
 * Draft budgets of issue 10 ("Incremental drafts"): one cell edit, deleting 3 rows, and
 * putting them back (Undo, restoreDraftRows), on a 100,000-row draft cost at most 3x what they
 * cost on a 100-row draft (docs/drafts.md). A search of the 100,000-row draft (getDraftRows
 * with `search`: a scan, one page and its count) costs at most 2x the same two queries run
 * raw on the SQLite file in the same run.
 * Measured through the desk handlers (dispatch, the same path IPC and the browser host take),
 * on a real SQLite file in a temporary folder; medians of several runs after a warm-up.
 * One line per figure: `name: value (budget: ...) OK|OVER`; exits non-zero only on a crash.
 * Run: npx tsx bench/draft-edit-bench.ts [largeRows]
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createDesk, type Desk } from '../electron/services/desk';
import { dispatch } from '../electron/services/ipc/dispatch';
import type { SecretStore } from '../electron/services/vault';
import { encodeAddress } from '../shared/address';
import type { DraftSummary } from '../shared/drafts';
import type { DeskMethod } from '../shared/ipc';

const SMALL = 100;
const LARGE = Number(process.argv[2] ?? 100_000);
const EDITS = 9;
const DELETES = 7;
const BUDGET_RATIO = 3;
const SEARCHES = 7;
const SEARCH_BUDGET_RATIO = 2;

function report(name: string, value: string, budget: string, ok: boolean): void {
  console.log(`${name}: ${value} (budget: ${budget}) ${ok ? 'OK' : 'OVER'}`);
}

function memorySecrets(): SecretStore {
  const secrets = new Map<string, string>();
  return {
    get: (account) => Promise.resolve(secrets.get(account) ?? null),
    set: (account, value) => {
      secrets.set(account, value);
      return Promise.resolve();
    },
    delete: (account) => Promise.resolve(secrets.delete(account)),
  };
}

function tronAddress(n: number): string {
  const hash = new Uint8Array(20);
  new DataView(hash.buffer).setUint32(16, n);
  hash[0] = 0x5a;
  return encodeAddress('tron', hash);
}

async function value<T>(desk: Desk, method: DeskMethod, argument?: unknown): Promise<T> {
  const result = (await dispatch(desk.handlers, method, argument)) as
    { ok: true; value: T } | { ok: false; error: { code: string; message: string } };
  if (!result.ok) throw new Error(`${method}: ${result.error.code} ${result.error.message}`);
  return result.value;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? 0)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

/** A draft of `rows` distinct TRX recipients, with one pair of duplicates in the middle. */
async function makeDraft(desk: Desk, rows: number): Promise<DraftSummary> {
  return value<DraftSummary>(desk, 'createDraft', {
    profileId: 'simulator',
    name: `bench ${rows}`,
    decimalSeparator: '.',
    rows: Array.from({ length: rows }, (_, index) => ({
      line: index + 2,
      address: tronAddress(index === Math.floor(rows / 2) ? 0 : index),
      amount: `${(index % 97) + 1}.25`,
      currency: 'TRX',
      comment: '',
    })),
  });
}

type Timings = {
  draftId: string;
  editMs: number;
  deleteMs: number;
  restoreMs: number;
  searchMs: number;
};

async function measure(desk: Desk, rows: number): Promise<Timings> {
  const draft = await makeDraft(desk, rows);
  const middle = Math.floor(rows / 2);
  const edits: number[] = [];
  // One warm-up edit, then EDITS timed ones, each a new amount on a row in the middle.
  for (let run = 0; run <= EDITS; run += 1) {
    const started = performance.now();
    await value(desk, 'updateDraftRow', {
      draftId: draft.id,
      rowNo: middle - run,
      amount: `${run + 3}.5`,
    });
    if (run > 0) edits.push(performance.now() - started);
  }
  const deletes: number[] = [];
  for (let run = 0; run <= DELETES; run += 1) {
    const first = 10 + run * 3;
    const started = performance.now();
    await value(desk, 'deleteDraftRows', {
      draftId: draft.id,
      rowNos: [first, first + 1, first + 2],
    });
    if (run > 0) deletes.push(performance.now() - started);
  }
  const restores: number[] = [];
  for (let run = 0; run <= DELETES; run += 1) {
    const first = 10 + run * 3;
    const started = performance.now();
    await value(desk, 'restoreDraftRows', {
      draftId: draft.id,
      rowNos: [first, first + 1, first + 2],
    });
    if (run > 0) restores.push(performance.now() - started);
  }
  const searches: number[] = [];
  for (let run = 0; run <= SEARCHES; run += 1) {
    const started = performance.now();
    await value(desk, 'getDraftRows', { draftId: draft.id, search: '97.25', limit: 200 });
    if (run > 0) searches.push(performance.now() - started);
  }
  return {
    draftId: draft.id,
    editMs: median(edits),
    deleteMs: median(deletes),
    restoreMs: median(restores),
    searchMs: median(searches),
  };
}

/** The search's two queries (a page and its count) run raw on the desk's SQLite file. */
function rawSearchMs(dataDir: string, draftId: string): number {
  const raw = new Database(join(dataDir, 'payout-desk.sqlite'), { readonly: true });
  try {
    const where = `draft_id = ? AND (address LIKE ? ESCAPE '\\' OR recipient_name LIKE ? ESCAPE '\\'
      OR comment LIKE ? ESCAPE '\\' OR amount LIKE ? ESCAPE '\\' OR amount LIKE ? ESCAPE '\\')`;
    const page = raw.prepare(
      `SELECT * FROM draft_rows WHERE ${where} ORDER BY row_no LIMIT 200 OFFSET 0`,
    );
    const count = raw.prepare(`SELECT count(*) FROM draft_rows WHERE ${where}`);
    const pattern = Array.from({ length: 5 }, () => '%97.25%');
    const times: number[] = [];
    for (let run = 0; run <= SEARCHES; run += 1) {
      const started = performance.now();
      page.all(draftId, ...pattern);
      count.get(draftId, ...pattern);
      if (run > 0) times.push(performance.now() - started);
    }
    return median(times);
  } finally {
    raw.close();
  }
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'payout-desk-bench-drafts-'));
  const desk = await createDesk({
    dataDir,
    secretStore: memorySecrets(),
    simulator: { seed: 'none' },
    sync: { startOnOpen: false },
  });
  try {
    // A throw-away round first: the first calls of a process pay for compiling its code.
    await value(desk, 'discardDraft', { draftId: (await measure(desk, SMALL)).draftId });
    const small = await measure(desk, SMALL);
    await value(desk, 'discardDraft', { draftId: small.draftId });
    const large = await measure(desk, LARGE);
    const rawMs = rawSearchMs(dataDir, large.draftId);
    await value(desk, 'discardDraft', { draftId: large.draftId });
    const rows = `${LARGE.toLocaleString('en-US')} rows`;
    console.log(
      `draft edit: ${small.editMs.toFixed(2)} ms on ${SMALL} rows, ${large.editMs.toFixed(2)} ms on ${rows}; delete 3 rows: ${small.deleteMs.toFixed(2)} ms / ${large.deleteMs.toFixed(2)} ms (medians)`,
    );
    const editRatio = large.editMs / small.editMs;
    report(
      `draft edit on ${rows} vs ${SMALL} rows`,
      `${editRatio.toFixed(2)}x`,
      `<= ${BUDGET_RATIO}x`,
      editRatio <= BUDGET_RATIO,
    );
    const deleteRatio = large.deleteMs / small.deleteMs;
    report(
      `delete 3 draft rows on ${rows} vs ${SMALL} rows`,
      `${deleteRatio.toFixed(2)}x`,
      `<= ${BUDGET_RATIO}x`,
      deleteRatio <= BUDGET_RATIO,
    );
    console.log(
      `restore 3 deleted rows: ${small.restoreMs.toFixed(2)} ms / ${large.restoreMs.toFixed(2)} ms; search of ${rows}: ${large.searchMs.toFixed(2)} ms, raw SQLite ${rawMs.toFixed(2)} ms (medians)`,
    );
    const restoreRatio = large.restoreMs / small.restoreMs;
    report(
      `restore 3 deleted draft rows on ${rows} vs ${SMALL} rows`,
      `${restoreRatio.toFixed(2)}x`,
      `<= ${BUDGET_RATIO}x`,
      restoreRatio <= BUDGET_RATIO,
    );
    const searchRatio = large.searchMs / rawMs;
    report(
      `search of ${rows} vs the same queries raw`,
      `${searchRatio.toFixed(2)}x`,
      `<= ${SEARCH_BUDGET_RATIO}x`,
      searchRatio <= SEARCH_BUDGET_RATIO,
    );
  } finally {
    await desk.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
