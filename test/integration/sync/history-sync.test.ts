import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCalypsoClient, type CalypsoClient } from '../../../electron/services/calypso';
import {
  createPayoutsRepo,
  createProfilesRepo,
  createSyncStateRepo,
  openDatabase,
  queryHistory,
  type CacheDatabase,
} from '../../../electron/services/db';
import { createHistorySync, createSyncScheduler } from '../../../electron/services/sync';
import { startSimulator, type RunningSimulator } from '../../../electron/simulator';
import type { HistoryItem } from '../../../shared/history';
import type { SyncStatus } from '../../../shared/ipc';
import { testAddress } from '../../support/addresses';
import { recordingFetch } from '../../support/recording-fetch';

const PROFILE = 'p1';
let dir: string;
let sim: RunningSimulator;
let db: CacheDatabase;

function openCache(file = join(dir, 'cache.sqlite')): CacheDatabase {
  const cache = openDatabase(file);
  const profiles = createProfilesRepo(cache);
  if (!profiles.get(PROFILE)) {
    profiles.insert({
      id: PROFILE,
      name: 'Test merchant',
      environment: 'custom',
      baseUrl: sim.baseUrl,
      account: sim.merchant.account,
      keyHint: null,
      createdAt: Date.now(),
    });
  }
  return cache;
}

function syncerFor(cache: CacheDatabase) {
  return createHistorySync({
    payouts: createPayoutsRepo(cache),
    syncState: createSyncStateRepo(cache),
    now: () => sim.clock.now(),
  });
}

function clientFor(overrides: Partial<Parameters<typeof createCalypsoClient>[0]> = {}) {
  return createCalypsoClient({ baseUrl: sim.baseUrl, ...sim.merchant, ...overrides });
}

/** Every item the cache holds for the profile, through the same query the UI uses. */
function cachedItems(cache: CacheDatabase): HistoryItem[] {
  const items: HistoryItem[] = [];
  for (let offset = 0; ; offset += 1000) {
    const page = queryHistory(cache, { profileId: PROFILE, offset, limit: 1000 });
    items.push(...page.items);
    if (items.length >= page.total) return items;
  }
}

/** Every payout and mass payout the server holds, read page by page. */
async function serverItems(client: CalypsoClient): Promise<Map<string, string>> {
  const states = new Map<string, string>();
  for (const kind of ['single', 'mass'] as const) {
    for (let pageNumber = 1; ; pageNumber += 1) {
      const page =
        kind === 'single'
          ? await client.listPayouts({ pageNumber, size: 100 })
          : await client.listMassPayouts({ pageNumber, size: 100 });
      for (const item of page.result) states.set(`${kind}:${item.id}`, item.state);
      if (page.result.length < 100) break;
    }
  }
  return states;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'payout-desk-sync-'));
  // Long delays: nothing moves on its own while the test compares cache and server; the
  // test moves the simulator clock when it wants states to change.
  sim = await startSimulator({
    delays: {
      creationMs: 600_000,
      confirmationMs: 600_000,
      startMs: 600_000,
      completionMs: 600_000,
    },
  });
  sim.seedPayouts(9_500, { kind: 'single', state: 'COMPLETED', currency: 'USDT_TRX' });
  sim.seedPayouts(300, { kind: 'single', state: 'FAILED', currency: 'BTC' });
  sim.seedPayouts(150, { kind: 'mass', state: 'PARTIAL', currency: 'USDT', recipients: 3 });
  sim.seedPayouts(50, { kind: 'single', state: 'IN_PROGRESS', currency: 'ETH' });
  db = openCache();
});

afterAll(async () => {
  db.close();
  await sim.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('history sync against the simulator seeded with 10,000 payouts', () => {
  it('the first sync makes the cache equal to the server', async () => {
    const client = clientFor();
    const outcome = await syncerFor(db).syncProfile(client, PROFILE);
    expect(outcome.full).toBe(true);
    expect(outcome.newCount).toBe(10_000);

    const server = await serverItems(client);
    const cache = cachedItems(db);
    expect(server.size).toBe(10_000);
    expect(cache).toHaveLength(10_000);
    expect(new Map(cache.map((item) => [`${item.kind}:${item.id}`, item.state]))).toEqual(server);
    // The 50 in progress were seeded to move on; they are exactly what stays pending.
    expect(outcome.pendingCount).toBe(50);
  });

  it('reads the recipients of every mass payout', () => {
    const page = queryHistory(db, { profileId: PROFILE, kinds: ['mass'], limit: 5 });
    for (const item of page.items) {
      const details = createPayoutsRepo(db).getDetails(PROFILE, 'mass', item.id);
      expect(details?.withdrawals).toHaveLength(3);
    }
  });

  it('a later sync stops paging at the first page that is known and final', async () => {
    const { fetch, sent } = recordingFetch();
    await syncerFor(db).syncProfile(clientFor({ fetch }), PROFILE);
    const listCalls = sent.filter((request) => request.url.endsWith('/payout/all'));
    // Page 1 (known and final) plus the pages of items still moving; never the 96 pages.
    expect(listCalls.length).toBeLessThanOrEqual(4);
  });

  it('picks up states changed on the server', async () => {
    const client = clientFor();
    const created = await client.createPayout({
      depositAddress: testAddress('tron', 500),
      amount: '42.000001',
      currency: 'USDT_TRX',
    });
    const syncer = syncerFor(db);
    await syncer.syncProfile(client, PROFILE);
    expect(createPayoutsRepo(db).getDetails(PROFILE, 'single', created.id)?.item.state).toBe(
      'CONFIRMED',
    );

    sim.clock.advance(60 * 60_000);
    const outcome = await syncer.syncProfile(client, PROFILE);
    expect(outcome.changes).toContainEqual({
      kind: 'single',
      id: created.id,
      state: 'COMPLETED',
      previousState: 'CONFIRMED',
      sentFromApp: false,
    });
    const details = createPayoutsRepo(db).getDetails(PROFILE, 'single', created.id);
    expect(details?.item.state).toBe('COMPLETED');
    expect(details?.item.amount).toBe('42.000001');
    expect(outcome.pendingCount).toBe(0);
  });

  it('payouts created while a sync is paging are neither lost nor duplicated', async () => {
    // A fresh cache pages through all 100 pages; five payouts appear while it reads page 3.
    const freshDir = mkdtempSync(join(tmpdir(), 'payout-desk-sync-new-'));
    const fresh = openCache(join(freshDir, 'cache.sqlite'));
    try {
      const real = clientFor();
      const created: string[] = [];
      const pagingClient: CalypsoClient = {
        ...real,
        listPayouts: async (request) => {
          if (request?.pageNumber === 3 && created.length === 0) {
            for (let n = 0; n < 5; n += 1) {
              const payout = await real.createPayout({
                depositAddress: testAddress('ethereum', 600 + n),
                amount: '1',
                currency: 'USDC',
              });
              created.push(payout.id);
            }
          }
          return real.listPayouts(request);
        },
      };
      await createHistorySync({
        payouts: createPayoutsRepo(fresh),
        syncState: createSyncStateRepo(fresh),
        now: () => sim.clock.now(),
      }).syncProfile(pagingClient, PROFILE);

      const server = await serverItems(real);
      const cached = cachedItems(fresh);
      expect(cached).toHaveLength(server.size);
      expect(new Set(cached.map((item) => `${item.kind}:${item.id}`))).toEqual(
        new Set(server.keys()),
      );
      for (const id of created) expect(server.has(`single:${id}`)).toBe(true);
    } finally {
      fresh.close();
      rmSync(freshDir, { recursive: true, force: true });
    }
  });

  it('with the simulator stopped the full history stays readable and sync reports NO_NETWORK', async () => {
    const client = clientFor({ retry: { attempts: 1 } });
    const before = cachedItems(db).length;
    const stopped = await startSimulator();
    const offlineClient = createCalypsoClient({
      baseUrl: stopped.baseUrl,
      ...sim.merchant,
      retry: { attempts: 1 },
    });
    await stopped.close();

    const statuses: SyncStatus[] = [];
    const scheduler = createSyncScheduler({
      now: Date.now,
      lastSyncedAt: () => null,
      runSync: (profileId) => syncerFor(db).syncProfile(offlineClient, profileId),
      onStatus: (status) => statuses.push(status),
    });
    const status = await scheduler.syncNow(PROFILE);
    await scheduler.stop();
    expect(status.state).toBe('offline');
    expect(status.lastError?.code).toBe('NO_NETWORK');
    expect(statuses.map((entry) => entry.state)).toEqual(['syncing', 'offline']);
    expect(cachedItems(db)).toHaveLength(before);
    expect(client.baseUrl).toBe(sim.baseUrl);
  });

  it('a restart keeps everything', () => {
    const before = cachedItems(db);
    db.close();
    db = openCache();
    expect(cachedItems(db)).toEqual(before);
  });
});
