/**
 * Draft budgets of issue 10 ("Incremental drafts"): one cell edit, and deleting 3 rows, on a
 * 100,000-row draft cost at most 3x what they cost on a 100-row draft (docs/drafts.md).
 * Measured through the desk handlers (dispatch, the same path IPC and the browser host take),
 * on a real SQLite file in a temporary folder; medians of several runs after a warm-up.
 * One line per figure: `name: value (budget: ...) OK|OVER`; exits non-zero only on a crash.
 * Run: npx tsx bench/draft-edit-bench.ts [largeRows]
 */
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

type Timings = { editMs: number; deleteMs: number };

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
  await value(desk, 'discardDraft', { draftId: draft.id });
  return { editMs: median(edits), deleteMs: median(deletes) };
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
    await measure(desk, SMALL);
    const small = await measure(desk, SMALL);
    const large = await measure(desk, LARGE);
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
  } finally {
    await desk.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
