// Fault 7: another process holds the cache file's write lock (BEGIN EXCLUSIVE) for longer than
// the desk's busy_timeout (5 s) while the app saves a draft edit and syncs. The call fails
// with a DATABASE-coded sentence instead of hanging or crashing; everything saved before
// stays readable (WAL readers are not blocked); after the lock is released the same edit
// succeeds and the sync converges.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DraftSummary } from '../../shared/drafts';
import type { HistoryPage } from '../../shared/history';
import type { SyncStatus } from '../../shared/ipc';
import {
  createDraft,
  draftRowsOf,
  expectConverged,
  freshSync,
  openFaultDesk,
  SIM_PROFILE,
  type FaultDesk,
} from './support/desk-harness';
import { holdExclusiveLock, type LockHolder } from './support/lock-holder';
import { describeError, recordOutcome } from './support/outcome';

const BUSY_TIMEOUT_MS = 5_000;
let fd: FaultDesk;
let draft: DraftSummary;
let lock: LockHolder | undefined;

beforeAll(async () => {
  fd = await openFaultDesk();
  fd.sim.seedPayouts(200, { kind: 'single', state: 'COMPLETED' });
  expect((await freshSync(fd)).state).toBe('idle');
  draft = await createDraft(fd, 'locked file', 10, 30);
  await fd.value('updateDraftRow', { draftId: draft.id, rowNo: 1, comment: 'saved before' });
  // New on the server: the next sync has something to write.
  fd.sim.seedPayouts(300, { kind: 'single', state: 'COMPLETED', spanMs: 60_000 });
});

afterAll(async () => {
  await lock?.release();
  await fd.close();
});

describe('fault 7: the SQLite file locked by another process', () => {
  it('an edit and a sync fail clearly while locked, and succeed once it is released', async ({
    task,
  }) => {
    lock = await holdExclusiveLock(join(fd.dir, 'payout-desk.sqlite'));

    const started = Date.now();
    const edit = { draftId: draft.id, rowNo: 1, comment: 'typed while locked' };
    const refused = await fd.failure('updateDraftRow', edit);
    const waitedMs = Date.now() - started;
    expect(refused.code).toBe('DATABASE');
    expect(refused.message).toMatch(/another program holds a lock on it/);
    // It waited for the lock as long as configured, then gave up (it did not hang).
    expect(waitedMs).toBeGreaterThanOrEqual(BUSY_TIMEOUT_MS - 500);

    // Nothing already saved is lost, and reading still works during the lock.
    const rowsWhileLocked = await draftRowsOf(fd, draft.id);
    expect(rowsWhileLocked[0]?.comment).toBe('saved before');
    const page = await fd.value<HistoryPage>('queryHistory', { profileId: SIM_PROFILE, limit: 1 });
    expect(page.total).toBe(200);

    const sync = await fd.value<SyncStatus>('syncNow', { profileId: SIM_PROFILE });
    expect(sync.state).toBe('error');
    expect(sync.lastError?.code).toBe('DATABASE');
    expect(sync.lastError?.message).toMatch(/another program holds a lock on it/);
    expect(
      (await fd.value<HistoryPage>('queryHistory', { profileId: SIM_PROFILE, limit: 1 })).total,
    ).toBe(200);

    expect(await lock.release()).toBe(0);
    lock = undefined;
    await fd.value('updateDraftRow', edit);
    const rows = await draftRowsOf(fd, draft.id);
    expect(rows[0]?.comment).toBe('typed while locked');
    expect(rows.slice(1).map((row) => row.comment)).toEqual(
      rowsWhileLocked.slice(1).map((row) => row.comment),
    );
    const { items } = await expectConverged(fd);
    expect(items).toBe(500);
    recordOutcome(
      task,
      `edit refused after ${(waitedMs / 1000).toFixed(1)} s with ${describeError(refused, 90)}, sync status error (DATABASE), ` +
        'saved rows readable throughout; after release the same edit saved and the cache converged',
    );
  });
});
