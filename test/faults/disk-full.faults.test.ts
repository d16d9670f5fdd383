// Fault 8: the disk fills up. Simulated with SQLite's own size cap on the desk's connection
// (PRAGMA max_page_count just above the current size), which makes every write that needs a
// new page fail with SQLITE_FULL exactly as a full disk does. createDesk gives no handle on
// its connection, so the test picks it up as better-sqlite3 opens it (see captureConnections;
// a hook such as OpenDatabaseOptions.maxPageCount would make this unnecessary). A draft edit,
// a sync and a payout fail with a DATABASE sentence; what was saved before is intact; once
// space is freed the same actions succeed and the cache converges.
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DraftRow, DraftSummary } from '../../shared/drafts';
import type { DeskError, SubmittedPayout, SyncStatus } from '../../shared/ipc';
import { testAddress } from '../support/addresses';
import {
  cachedStates,
  createDraft,
  draftRowsOf,
  expectConverged,
  expectOnePayoutPerIntent,
  freshSync,
  openFaultDesk,
  SIM_PROFILE,
  type FaultDesk,
} from './support/desk-harness';
import { describeError, recordOutcome } from './support/outcome';
import { confirmed } from '../support/confirm-payout';

/** SQLite's default cap: in effect no cap. */
const NO_CAP = 1_073_741_823;
let fd: FaultDesk;
let cache: Database.Database;
let draft: DraftSummary;

/**
 * Records every better-sqlite3 connection on which a pragma runs while `open` runs
 * (openDatabase sets its pragmas right after opening), then puts the method back.
 */
async function captureConnections<T>(open: () => Promise<T>) {
  const connections = new Set<Database.Database>();
  const proto = Database.prototype as unknown as {
    pragma: (this: Database.Database, ...args: unknown[]) => unknown;
  };
  const original = proto.pragma;
  proto.pragma = function (this: Database.Database, ...args: unknown[]) {
    connections.add(this);
    return original.apply(this, args);
  };
  try {
    return { result: await open(), connections: [...connections] };
  } finally {
    proto.pragma = original;
  }
}

function pageCount(): number {
  return cache.pragma('page_count', { simple: true }) as number;
}

/** Leaves `headroom` pages of "disk" (and whatever free space the file has inside). */
function fillTheDisk(headroom = 2) {
  cache.pragma(`max_page_count = ${pageCount() + headroom}`);
}

function freeSpace() {
  cache.pragma(`max_page_count = ${NO_CAP}`);
}

function expectDiskFull(error: DeskError | null | undefined) {
  expect(error?.code).toBe('DATABASE');
  expect(error?.message).toMatch(/^The disk is full: Payout Desk could not save\./);
}

beforeAll(async () => {
  const { result, connections } = await captureConnections(() => openFaultDesk());
  fd = result;
  const file = join(fd.dir, 'payout-desk.sqlite');
  const found = connections.find((connection) => connection.name === file && connection.open);
  if (!found) throw new Error(`the desk's connection to ${file} was not seen opening`);
  cache = found;
  fd.sim.seedPayouts(300, { kind: 'single', state: 'COMPLETED' });
  expect((await freshSync(fd)).state).toBe('idle');
  draft = await createDraft(fd, 'disk full', 60, 40);
});

afterAll(async () => {
  freeSpace();
  await fd.close();
});

describe('fault 8: the disk full (SQLITE_FULL)', () => {
  it('draft edits fail clearly once full; every saved edit is intact; they succeed after space is freed', async ({
    task,
  }) => {
    fillTheDisk(16);
    // Long comments need new pages: save edits until the cap is hit (bounded: 60 rows).
    const saved = new Map<number, string>();
    let refused: { rowNo: number; comment: string; error: DeskError } | undefined;
    for (let rowNo = 1; rowNo <= 60 && !refused; rowNo += 1) {
      const comment = `${rowNo}:`.padEnd(4_900, String.fromCharCode(97 + (rowNo % 26)));
      const result = await fd.call('updateDraftRow', { draftId: draft.id, rowNo, comment });
      if (result.ok) saved.set(rowNo, comment);
      else refused = { rowNo, comment, error: result.error };
    }
    if (!refused) throw new Error('the capped database never filled up');
    expectDiskFull(refused.error);

    const rows = await draftRowsOf(fd, draft.id);
    const byRow = new Map<number, DraftRow>(rows.map((row) => [row.rowNo, row]));
    for (const [rowNo, comment] of saved) expect(byRow.get(rowNo)?.comment).toBe(comment);
    expect(byRow.get(refused.rowNo)?.comment).toBe(`row ${refused.rowNo}`);
    expect(cache.pragma('integrity_check', { simple: true })).toBe('ok');

    freeSpace();
    await fd.value('updateDraftRow', {
      draftId: draft.id,
      rowNo: refused.rowNo,
      comment: refused.comment,
    });
    const after = await draftRowsOf(fd, draft.id);
    expect(after.find((row) => row.rowNo === refused.rowNo)?.comment).toBe(refused.comment);
    recordOutcome(
      task,
      `edit: ${saved.size} edits saved, edit ${saved.size + 1} refused with ${describeError(refused.error, 80)}; saved edits intact, same edit saved after freeing space`,
    );
  });

  it('a sync fails clearly while full and keeps the cache as it was, then converges', async ({
    task,
  }) => {
    const before = await cachedStates(fd);
    fd.sim.seedPayouts(2_000, { kind: 'single', state: 'COMPLETED', spanMs: 60_000 });
    fillTheDisk();
    const status = await fd.value<SyncStatus>('syncNow', { profileId: SIM_PROFILE });
    expect(status.state).toBe('error');
    expectDiskFull(status.lastError);
    const during = await cachedStates(fd);
    // Whatever pages fitted are stored; nothing stored before changed or vanished.
    for (const [key, state] of before) expect(during.get(key), key).toBe(state);
    expect(during.size).toBeLessThan(2_300);
    expect(cache.pragma('integrity_check', { simple: true })).toBe('ok');

    freeSpace();
    const { items } = await expectConverged(fd);
    expect(items).toBe(2_300);
    recordOutcome(
      task,
      `sync: status error ${describeError(status.lastError, 60)}, ${during.size - before.size} of 2,000 new stored, nothing lost; converged (${items}) after freeing space`,
    );
  });

  it("a payout refused for lack of space is not sent later behind the person's back", async ({
    task,
  }) => {
    const request = {
      profileId: SIM_PROFILE,
      requestId: randomUUID(),
      depositAddress: testAddress('tron', 8080),
      amount: '5',
      currency: 'USDT_TRX',
    };
    const payoutsBefore = fd.sim.countPayouts();
    // Use up the last free space with small writes (a rename appends one audit entry).
    fillTheDisk(0);
    let renames = 0;
    while (renames < 5_000) {
      const renamed = await fd.call('updateProfile', { id: SIM_PROFILE, name: `Sim ${renames}` });
      if (!renamed.ok) break;
      renames += 1;
    }
    const refused = await fd.failure('createPayout', await confirmed(fd.value, request));
    expectDiskFull(refused);
    expect(fd.sim.countPayouts()).toBe(payoutsBefore);

    // Space comes back and the app syncs: what the person was told failed stays unsent...
    freeSpace();
    expect((await freshSync(fd)).state).toBe('idle');
    expect(fd.sim.countPayouts()).toBe(payoutsBefore);
    // ...so entering it again pays it once.
    const retry = { ...request, requestId: randomUUID() };
    expect(
      (await fd.value<SubmittedPayout>('createPayout', await confirmed(fd.value, retry))).state,
    ).toBe('done');
    await freshSync(fd);
    expect(fd.sim.countPayouts()).toBe(payoutsBefore + 1);
    await expectOnePayoutPerIntent(fd.sim, [retry.requestId]);
    recordOutcome(
      task,
      `payout: ${describeError(refused, 40)} after ${renames} small writes, nothing sent later; entered again, paid once`,
    );
  });
});
