/**
 * The progress a sync pass reports (history-sync.ts onProgress, the `syncProgress` event):
 * against the simulator over HTTP and a real SQLite cache, a first sync counts the pages the
 * API's answers say there are, up to all of them, and the mass payouts whose recipients it
 * reads; a later pass says it is not a first sync (the page total is then only a bound).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCalypsoClient } from '../../../electron/services/calypso';
import {
  createPayoutsRepo,
  createProfilesRepo,
  createSyncStateRepo,
  openDatabase,
  type CacheDatabase,
} from '../../../electron/services/db';
import { createHistorySync } from '../../../electron/services/sync';
import { startSimulator, type RunningSimulator } from '../../../electron/simulator';
import type { SyncProgress } from '../../../shared/ipc';

const PROFILE = 'p1';
let dir: string;
let sim: RunningSimulator;
let db: CacheDatabase;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'payout-desk-sync-progress-'));
  sim = await startSimulator({});
  sim.seedPayouts(250, { kind: 'single', state: 'COMPLETED', currency: 'USDT_TRX' });
  sim.seedPayouts(120, { kind: 'mass', state: 'COMPLETED', currency: 'USDT', recipients: 2 });
  db = openDatabase(join(dir, 'cache.sqlite'));
  createProfilesRepo(db).insert({
    id: PROFILE,
    name: 'Progress merchant',
    environment: 'custom',
    baseUrl: sim.baseUrl,
    account: sim.merchant.account,
    keyHint: null,
    createdAt: Date.now(),
  });
});

afterAll(async () => {
  db.close();
  await sim.close();
  rmSync(dir, { recursive: true, force: true });
});

async function passReporting(): Promise<SyncProgress[]> {
  const events: SyncProgress[] = [];
  const sync = createHistorySync({
    payouts: createPayoutsRepo(db),
    syncState: createSyncStateRepo(db),
    now: () => sim.clock.now(),
    onProgress: (progress) => events.push(progress),
  });
  await sync.syncProfile(createCalypsoClient({ baseUrl: sim.baseUrl, ...sim.merchant }), PROFILE);
  return events;
}

const steps = (events: SyncProgress[], phase: string) =>
  events.filter((event) => event.phase === phase && event.firstSync).map((event) => event.step);

describe('sync progress', () => {
  it('a first sync counts every page of the total the API answers, then the recipients', async () => {
    const events = await passReporting();
    expect(steps(events, 'single payouts')).toEqual([
      { unit: 'pages', done: 1, total: 3 },
      { unit: 'pages', done: 2, total: 3 },
      { unit: 'pages', done: 3, total: 3 },
    ]);
    expect(steps(events, 'mass payouts')).toEqual([
      { unit: 'pages', done: 1, total: 2 },
      { unit: 'pages', done: 2, total: 2 },
    ]);
    const recipients = steps(events, 'recipients');
    expect(recipients).toHaveLength(120);
    expect(recipients.at(-1)).toEqual({ unit: 'mass payouts', done: 120, total: 120 });
    expect(events.every((event) => event.profileId === PROFILE)).toBe(true);
    // `fetched` still counts the items read, as before the pages were added: 250 singles,
    // their page 1 again (the catch-up read after a first pass), then a first mass page.
    expect(events.find((event) => event.phase === 'mass payouts')?.fetched).toBe(450);
  });

  it('a later pass is not reported as a first sync', async () => {
    const events = await passReporting();
    expect(events.length).toBeGreaterThan(0);
    expect(events.some((event) => event.firstSync)).toBe(false);
  });
});
