// Fault 5: the Calypso peer dies while a sync of thousands of payouts is paging (the built-in
// simulator, which keeps its state in a SQLite file, is closed mid-sync) and comes back on the
// same port with the same file. The pass ends as NO_NETWORK (status offline) with a sentence a
// person understands, the cache stays readable and editable, and the next pass after the
// restart makes the cache equal to the server: a first sync as well as a later one.
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startSimulator } from '../../electron/simulator';
import type { HistoryPage } from '../../shared/history';
import type { SyncStatus } from '../../shared/ipc';
import {
  createDraft,
  draftRowsOf,
  expectConverged,
  FAST_DELAYS,
  freshSync,
  openFaultDesk,
  SIM_PROFILE,
  type FaultDesk,
} from './support/desk-harness';
import { describeError, recordOutcome } from './support/outcome';

let fd: FaultDesk | undefined;

afterEach(async () => {
  await fd?.close();
  fd = undefined;
});

/** Closes the simulator once the pass has stored at least `afterFetched` payouts. */
function killWhenPaging(desk: FaultDesk, afterFetched: number) {
  const killed: { at: number | null; closing: Promise<void> | null } = { at: null, closing: null };
  const stop = desk.onEvent((event) => {
    if (killed.at !== null || event.event !== 'syncProgress') return;
    if (event.payload.fetched < afterFetched) return;
    killed.at = event.payload.fetched;
    killed.closing = desk.sim.close();
  });
  return { killed, stop };
}

async function restart(desk: FaultDesk) {
  desk.sim = await startSimulator({
    dbFile: join(desk.dir, 'simulator.sqlite'),
    port: desk.sim.port,
    seed: 'none',
    delays: FAST_DELAYS,
  });
}

async function syncCutByKill(desk: FaultDesk, afterFetched: number) {
  const { killed, stop } = killWhenPaging(desk, afterFetched);
  const status = await desk.value<SyncStatus>('syncNow', { profileId: SIM_PROFILE });
  stop();
  await killed.closing;
  expect(killed.at, 'the simulator was closed mid-sync').not.toBeNull();
  expect(status.state).toBe('offline');
  expect(status.lastError?.code).toBe('NO_NETWORK');
  expect(status.lastError?.message).toMatch(/^Calypso cannot be reached\./);
  const published = desk.events.filter((event) => event.event === 'syncStatus').at(-1);
  expect(published?.payload).toMatchObject({ state: 'offline' });
  return { status, killedAt: killed.at ?? 0 };
}

describe('fault 5: simulator killed and restarted mid-sync', () => {
  it('a first sync of 4,000 payouts goes offline, then converges after the restart', async ({
    task,
  }) => {
    fd = await openFaultDesk();
    fd.sim.seedPayouts(3_900, { kind: 'single', state: 'COMPLETED' });
    fd.sim.seedPayouts(60, { kind: 'mass', state: 'COMPLETED', currency: 'USDT', recipients: 2 });
    fd.sim.seedPayouts(40, { kind: 'single', state: 'IN_PROGRESS', currency: 'ETH' });
    const draft = await createDraft(fd, 'before the outage', 30, 20);

    const { status, killedAt } = await syncCutByKill(fd, 1_000);
    // Offline: what was stored stays readable, and drafts stay editable.
    const offlinePage = await fd.value<HistoryPage>('queryHistory', {
      profileId: SIM_PROFILE,
      limit: 10,
    });
    expect(offlinePage.total).toBeGreaterThanOrEqual(killedAt);
    await fd.value('updateDraftRow', { draftId: draft.id, rowNo: 2, comment: 'while offline' });

    await restart(fd);
    const { items } = await expectConverged(fd);
    expect(items).toBe(4_000);
    const rows = await draftRowsOf(fd, draft.id);
    expect(rows.find((row) => row.rowNo === 2)?.comment).toBe('while offline');
    recordOutcome(
      task,
      `first sync killed after ${killedAt} payouts: offline ${describeError(status.lastError)}` +
        `, history readable (${offlinePage.total}), draft edited offline, all 4,000 cached after restart`,
    );
  });

  it('a later sync killed mid-paging converges after the restart', async ({ task }) => {
    fd = await openFaultDesk();
    fd.sim.seedPayouts(500, { kind: 'single', state: 'COMPLETED' });
    expect((await freshSync(fd)).state).toBe('idle');
    fd.sim.seedPayouts(2_500, { kind: 'single', state: 'COMPLETED', spanMs: 60_000 });

    const { killedAt } = await syncCutByKill(fd, 300);
    await restart(fd);
    const { items } = await expectConverged(fd);
    expect(items).toBe(3_000);
    recordOutcome(
      task,
      `later sync killed after ${killedAt} new payouts: all 3,000 cached after restart`,
    );
  });
});
