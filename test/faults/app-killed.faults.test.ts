// Fault 6: the app is killed (SIGKILL, no chance to clean up) mid-sync, mid-edit and
// mid-submission, at seeded random moments, then started again. The cache converges to the
// server, every intent is exactly one payout, every saved draft edit survives, and drafts
// read back as imported. The desk runs in a child process (support/desk-child.ts) against a
// simulator in this process, through a custom profile whose secret is in the keyring session.
import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createDraftsRepo,
  openDatabase,
  queryHistory,
  type CacheDatabase,
} from '../../electron/services/db';
import { startSimulator, type RunningSimulator } from '../../electron/simulator';
import type { DraftBatch } from '../../shared/drafts';
import type { SubmittedPayout, SyncStatus } from '../../shared/ipc';
import { childDraftRows } from './support/child-intents';
import { lastStep, runDeskChild, type ChildRun } from './support/child-runner';
import {
  clientOf,
  differences,
  expectOnePayoutPerIntent,
  FAST_DELAYS,
  finishEverything,
  seededRandom,
  serverStates,
  tempDir,
} from './support/desk-harness';
import { recordOutcome } from './support/outcome';

const dirs: string[] = [];
let sim: RunningSimulator;

beforeAll(async () => {
  sim = await startSimulator({ delays: FAST_DELAYS, faults: { latencyMs: 3 } });
});

afterAll(async () => {
  await sim.close();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function newDataDir(label: string): string {
  const dir = tempDir(label);
  dirs.push(dir);
  return dir;
}

/** Reads the killed app's cache file directly (the child is gone): no desk code in between. */
function withCache<T>(dataDir: string, read: (db: CacheDatabase) => T): T {
  const db = openDatabase(join(dataDir, 'payout-desk.sqlite'));
  try {
    expect(db.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    return read(db);
  } finally {
    db.close();
  }
}

function cachedStatesOf(db: CacheDatabase, profileId: string): Map<string, string> {
  const states = new Map<string, string>();
  for (let offset = 0; offset < 1_000_000; offset += 1000) {
    const page = queryHistory(db, { profileId, offset, limit: 1000 });
    for (const item of page.items) states.set(`${item.kind}:${item.id}`, item.state);
    if (page.items.length === 0 || offset + page.items.length >= page.total) break;
  }
  return states;
}

function expectCleanExit(run: ChildRun) {
  expect(run.code, run.stderr).toBe(0);
}

function killNote(run: ChildRun, cue: string): string {
  return run.killed ? `killed ${cue}` : `finished before the kill (${cue})`;
}

describe('fault 6: the app killed with SIGKILL and restarted', () => {
  it('mid-sync of 3,000 payouts: the cache converges and the draft is intact', async ({ task }) => {
    const dataDir = newDataDir('kill-sync');
    // Adding the profile syncs the (empty) history; the 3,000 arrive afterwards, so the next
    // passes page through all of them.
    const prepared = await runDeskChild(sim, dataDir, 'prepare', { rows: 12, seed: 1 });
    expectCleanExit(prepared);
    const { profileId, draftId } = lastStep(prepared, 'draft') as {
      profileId: string;
      draftId: string;
    };
    sim.seedPayouts(2_950, { kind: 'single', state: 'COMPLETED' });
    sim.seedPayouts(30, { kind: 'mass', state: 'COMPLETED', currency: 'USDT', recipients: 2 });
    sim.seedPayouts(20, { kind: 'single', state: 'IN_PROGRESS', currency: 'ETH' });
    // About 10 ms a request: paging 3,000 takes long enough for the kill to land inside it.
    sim.setFaults({ latencyMs: 10 });

    const random = seededRandom(6_001);
    const notes: string[] = [];
    let kills = 0;
    for (let trial = 0; trial < 2; trial += 1) {
      const delayMs = Math.floor(random() * 300);
      const run = await runDeskChild(sim, dataDir, 'sync', {}, { afterStep: 'progress', delayMs });
      if (run.killed) kills += 1;
      else expectCleanExit(run);
      const fetched = (run.steps.filter((step) => step.step === 'progress').at(-1)?.data ?? {
        fetched: 0,
      }) as { fetched: number };
      notes.push(killNote(run, `+${delayMs} ms into paging, ${fetched.fetched} fetched`));
    }
    sim.setFaults({ latencyMs: 3 });
    expect(kills).toBeGreaterThan(0);

    const resumed = await runDeskChild(sim, dataDir, 'sync');
    expectCleanExit(resumed);
    expect((lastStep(resumed, 'synced') as SyncStatus).state).toBe('idle');
    await finishEverything(sim);
    const final = await runDeskChild(sim, dataDir, 'sync');
    expectCleanExit(final);
    expect(lastStep(final, 'synced')).toMatchObject({ state: 'idle', pendingCount: 0 });

    const server = await serverStates(clientOf(sim));
    const { cache, rows } = withCache(dataDir, (db) => ({
      cache: cachedStatesOf(db, profileId),
      rows: createDraftsRepo(db).allRows(draftId),
    }));
    expect(differences(server, cache)).toEqual([]);
    expect(cache.size).toBe(server.size);
    expect(rows.map((row) => [row.address, row.amount, row.comment])).toEqual(
      childDraftRows(12, 1).map((row) => [row.address, row.amount, row.comment]),
    );
    recordOutcome(
      task,
      `mid-sync: ${notes.join(', ')}; restart converged (${cache.size} items), draft intact`,
    );
  });

  it('mid-edit: every draft edit that was saved survives the kill', async ({ task }) => {
    const dataDir = newDataDir('kill-edit');
    const prepared = await runDeskChild(sim, dataDir, 'prepare', { rows: 40, seed: 2 });
    expectCleanExit(prepared);
    const { draftId } = lastStep(prepared, 'draft') as { draftId: string };
    // What each row may hold: its comment as imported, then its last saved edit.
    const allowed = new Map<number, string[]>(
      childDraftRows(40, 2).map((row, index) => [index + 1, [row.comment]]),
    );
    const random = seededRandom(6_002);
    const notes: string[] = [];
    let savedInAll = 0;
    for (let trial = 0; trial < 2; trial += 1) {
      const delayMs = 150 + Math.floor(random() * 450);
      const run = await runDeskChild(
        sim,
        dataDir,
        'edit',
        { draftId, edits: 5_000 },
        { afterStep: 'started', delayMs },
      );
      expect(run.killed, run.stderr).toBe(true);
      const saved = run.steps
        .filter((step) => step.step === 'edited')
        .map((step) => step.data as { i: number; rowNo: number; comment: string });
      savedInAll += saved.length;
      for (const edit of saved) allowed.set(edit.rowNo, [edit.comment]);
      // The edit in flight when the kill landed may or may not have been committed.
      const next = (saved.at(-1)?.i ?? 0) + 1;
      const inFlightRow = ((next * 7) % 40) + 1;
      allowed.get(inFlightRow)?.push(`edit ${next} of row ${inFlightRow}`);

      const rows = withCache(dataDir, (db) => createDraftsRepo(db).allRows(draftId));
      expect(rows).toHaveLength(40);
      for (const row of rows) {
        expect(allowed.get(row.rowNo), `row ${row.rowNo}`).toContain(row.comment);
        allowed.set(row.rowNo, [row.comment]);
      }
      notes.push(`killed after ${saved.length} saved edits, all kept`);
    }
    expect(savedInAll).toBeGreaterThan(0);
    recordOutcome(task, `mid-edit: ${notes.join('; ')}`);
  });

  it('mid-submission: one payout per intent and every batch delivered once', async ({ task }) => {
    const dataDir = newDataDir('kill-submit');
    const before = sim.countPayouts();
    // Slower requests widen the windows in which a kill lands mid-request.
    sim.setFaults({ latencyMs: 40 });
    const random = seededRandom(6_003);
    const intents: { requestId: string; seed: number }[] = [];
    const notes: string[] = [];
    let recovered: {
      singles: SubmittedPayout[];
      drafts: { draftId: string; name: string; batches: DraftBatch[] }[];
    } = { singles: [], drafts: [] };
    for (let trial = 1; trial <= 4; trial += 1) {
      const intent = { requestId: randomUUID(), seed: 100 + trial };
      intents.push(intent);
      const delayMs = Math.floor(random() * 300);
      const run = await runDeskChild(
        sim,
        dataDir,
        'submit',
        { rows: 150, seed: intent.seed, requestId: intent.requestId },
        { afterStep: 'draft', delayMs },
      );
      if (!run.killed) expectCleanExit(run);
      const reached = run.steps.at(-1)?.step ?? 'nothing';
      notes.push(killNote(run, `+${delayMs} ms, after "${reached}"`));
      const recover = await runDeskChild(sim, dataDir, 'recover', { intents });
      expectCleanExit(recover);
      recovered = lastStep(recover, 'recovered') as typeof recovered;
    }
    sim.setFaults({ latencyMs: 3 });
    for (const single of recovered.singles) expect(single.state).toBe('done');
    const batches = recovered.drafts.flatMap((draft) => draft.batches);
    for (const batch of batches) expect(batch.delivery, JSON.stringify(batch)).toBe('done');
    await expectOnePayoutPerIntent(sim, [
      ...intents.map((intent) => intent.requestId),
      ...batches.map((batch) => batch.requestId),
    ]);
    expect(sim.countPayouts() - before).toBe(intents.length + batches.length);
    // Drafts read back exactly as imported (150 rows: 2 mass payouts each).
    expect(recovered.drafts.length).toBeGreaterThan(0);
    const stored = withCache(dataDir, (db) => {
      const repo = createDraftsRepo(db);
      return recovered.drafts.map((draft) => ({
        seed: Number(/^Trial (\d+)$/.exec(draft.name)?.[1]),
        rows: repo.allRows(draft.draftId),
      }));
    });
    for (const { seed, rows } of stored) {
      expect(rows.map((row) => [row.address, row.amount, row.comment])).toEqual(
        childDraftRows(150, seed).map((row) => [row.address, row.amount, row.comment]),
      );
    }
    for (const draft of recovered.drafts) expect(draft.batches).toHaveLength(2);
    recordOutcome(
      task,
      `mid-submission: ${notes.join(', ')}; ${intents.length} payouts + ${batches.length} mass payouts, each exactly once, drafts intact`,
    );
  });
});
