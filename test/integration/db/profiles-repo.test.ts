import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Payout } from '../../../shared/calypso/types';
import {
  createPayoutsRepo,
  createProfilesRepo,
  createSearchIndexer,
  createSyncStateRepo,
  openDatabase,
  queryHistory,
  type CacheDatabase,
  type NewProfile,
  type ProfilesRepo,
} from '../../../electron/services/db';

let dir: string;
let db: CacheDatabase;
let profiles: ProfilesRepo;

const acme: NewProfile = {
  id: 'acme',
  name: 'Acme Treasury',
  environment: 'production',
  baseUrl: 'https://api.calypso.finance',
  account: '0xacc0000000000000000000000000000000000001',
  keyHint: 'c529…2430',
  createdAt: 1_700_000_000_000,
};

function payout(id: string): Payout {
  return {
    id,
    account: acme.account,
    depositAddress: `0xdest${id}`,
    amount: '1',
    currency: 'USDT',
    calypsoFee: null,
    calypsoFeePercentage: null,
    state: 'COMPLETED',
    createdDate: '2025-01-01T00:00:00.000Z',
    transactionHash: null,
    comment: null,
    executionDate: null,
    idempotencyKey: null,
    errors: null,
    cancellation: null,
    belongingType: null,
  };
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'payout-desk-profiles-'));
  db = openDatabase(join(dir, 'cache.sqlite'));
  profiles = createProfilesRepo(db);
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('profiles repo', () => {
  it('inserts, gets, lists by name and updates', () => {
    expect(profiles.insert(acme)).toEqual({ ...acme, lastSyncedAt: null });
    profiles.insert({ ...acme, id: 'beta', name: 'beta desk', environment: 'simulator' });
    expect(profiles.list().map((profile) => profile.id)).toEqual(['acme', 'beta']);
    expect(profiles.get('acme')).toEqual({ ...acme, lastSyncedAt: null });

    // Only the name and the key hint can change: intents are bound to base URL and account.
    const updated = profiles.update('acme', { name: 'Acme EU' });
    expect(updated).toMatchObject({ name: 'Acme EU', baseUrl: acme.baseUrl });
    expect(profiles.get('acme')?.name).toBe('Acme EU');
    expect(profiles.get('acme')?.account).toBe(acme.account);
    expect(profiles.update('missing', { name: 'x' })).toBeUndefined();
  });

  it('records the last sync time, never backwards', () => {
    profiles.insert(acme);
    profiles.markSynced('acme', 2000);
    profiles.markSynced('acme', 1000);
    expect(profiles.get('acme')?.lastSyncedAt).toBe(2000);
  });

  it('refuses a key hint long enough to be a whole key', () => {
    const key = 'c5290b7a77a54f4e8a4b7e0d2430';
    expect(() => profiles.insert({ ...acme, keyHint: key })).toThrow(/masked fragment/);
    profiles.insert(acme);
    expect(() => profiles.update('acme', { keyHint: key })).toThrow(/masked fragment/);
    expect(profiles.get('acme')?.keyHint).toBe('c529…2430');
  });

  it('refuses a duplicate id', () => {
    profiles.insert(acme);
    expect(() => profiles.insert(acme)).toThrow(/UNIQUE/);
  });

  it('deletes a profile with everything cached for it, and nothing of the others', () => {
    profiles.insert(acme);
    profiles.insert({ ...acme, id: 'beta', name: 'Beta' });
    const repo = createPayoutsRepo(db);
    repo.upsertPayouts('acme', [payout('a1'), payout('a2')], 1);
    repo.upsertPayouts('beta', [payout('b1')], 1);
    repo.upsertWithdrawals(
      'acme',
      'a1',
      [
        {
          id: 'w1',
          account: acme.account,
          companyName: null,
          amount: '1',
          currency: 'USDT',
          state: 'COMPLETED',
          calypsoFee: null,
          transactionHash: null,
          depositAddress: '0xdesta1',
          comment: null,
          createdDate: '2025-01-01T00:00:00.000Z',
          withdrawalErrors: [],
          belongingType: null,
        },
      ],
      1,
    );
    createSyncStateRepo(db).recordSuccess('acme', 'single', 5, true);
    // In the search index, as the desk's catch-up after a sync leaves them (a batch below
    // AUTO_INDEX_ROWS waits for it), so the delete has indexed rows to forget.
    expect(createSearchIndexer(db).indexBacklog()).toEqual({ indexed: 3, remaining: 0 });

    expect(profiles.delete('acme')).toBe(true);
    expect(profiles.delete('acme')).toBe(false);
    const count = (table: string) =>
      db.sqlite.prepare(`SELECT count(*) FROM ${table}`).pluck().get();
    expect(count('payouts')).toBe(1);
    expect(count('withdrawals')).toBe(0);
    expect(count('sync_state')).toBe(0);
    expect(queryHistory(db, { profileId: 'beta', search: 'dest' }).items.map((i) => i.id)).toEqual([
      'b1',
    ]);
    // The search index forgot the deleted rows too.
    const indexed = db.sqlite
      .prepare(`SELECT count(*) FROM payouts_search WHERE payouts_search MATCH '"des"'`)
      .pluck()
      .get();
    expect(indexed).toBe(1);
  });
});
