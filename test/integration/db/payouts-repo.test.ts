import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MassPayout, Payout, Withdrawal } from '../../../shared/calypso/types';
import {
  createPayoutsRepo,
  createProfilesRepo,
  openDatabase,
  queryHistory,
  type CacheDatabase,
  type PayoutsRepo,
} from '../../../electron/services/db';
import { UnknownProfileError } from '../../../electron/services/db/profile-ref';

const T0 = Date.UTC(2025, 5, 1);

function payout(id: string, over: Partial<Payout> = {}): Payout {
  return {
    id,
    account: '0x0000000000000000000000000000000000000001',
    depositAddress: `0x${id.padStart(40, '0')}`,
    amount: '10.5',
    currency: 'USDT',
    calypsoFee: null,
    calypsoFeePercentage: '0.5',
    state: 'PENDING_CONFIRMATION',
    createdDate: new Date(T0).toISOString(),
    transactionHash: null,
    comment: null,
    executionDate: null,
    idempotencyKey: `key-${id}`,
    errors: null,
    cancellation: null,
    belongingType: 'INTERNAL',
    ...over,
  };
}

function mass(id: string, over: Partial<MassPayout> = {}): MassPayout {
  return {
    id,
    idempotencyKey: `mass-key-${id}`,
    companyId: 'c1',
    account: '0x0000000000000000000000000000000000000001',
    state: 'IN_PROGRESS',
    comment: 'June salaries',
    name: 'Payroll June',
    currency: 'ETH',
    totalWithdrawalAmount: '3.000000000000000001',
    totalCalypsoFee: '0.015',
    totalCalypsoFeePercentage: '0.5',
    executionDate: null,
    errors: null,
    ...over,
  };
}

function withdrawal(id: string, over: Partial<Withdrawal> = {}): Withdrawal {
  return {
    id,
    account: '0x0000000000000000000000000000000000000001',
    companyName: null,
    amount: '1.000000000000000001',
    currency: 'ETH',
    state: 'IN_PROGRESS',
    calypsoFee: null,
    transactionHash: null,
    depositAddress: `0xrecipient${id}`,
    comment: null,
    createdDate: new Date(T0 - 3_600_000).toISOString(),
    withdrawalErrors: [],
    belongingType: 'INTERNAL',
    ...over,
  };
}

let dir: string;
let db: CacheDatabase;
let repo: PayoutsRepo;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'payout-desk-payouts-'));
  db = openDatabase(join(dir, 'cache.sqlite'));
  const profiles = createProfilesRepo(db);
  for (const id of ['p1', 'p2']) {
    profiles.insert({
      id,
      name: id,
      environment: 'production',
      baseUrl: 'https://api.example',
      account: '0x1',
      keyHint: null,
      createdAt: T0,
    });
  }
  repo = createPayoutsRepo(db);
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('upsertPayouts', () => {
  it('reports new ids, then nothing, then exactly what changed', () => {
    const first = repo.upsertPayouts('p1', [payout('a'), payout('b')], T0 + 1);
    expect(first).toEqual({ newIds: ['a', 'b'], changed: [], unchangedCount: 0 });

    const again = repo.upsertPayouts('p1', [payout('a'), payout('b')], T0 + 2);
    expect(again).toEqual({ newIds: [], changed: [], unchangedCount: 2 });

    const moved = repo.upsertPayouts(
      'p1',
      [
        payout('a', { state: 'COMPLETED', transactionHash: '0xhash', calypsoFee: '0.05' }),
        payout('b', { comment: 'only the comment changed' }),
        payout('c'),
      ],
      T0 + 3,
    );
    expect(moved.newIds).toEqual(['c']);
    expect(moved.changed).toEqual([
      {
        id: 'a',
        previousState: 'PENDING_CONFIRMATION',
        state: 'COMPLETED',
        fields: ['state', 'transactionHash', 'fee'],
      },
    ]);
    expect(moved.unchangedCount).toBe(1);

    const details = repo.getDetails('p1', 'single', 'b');
    expect(details?.item.label).toBe('only the comment changed');
    expect(details?.item.syncedAtMs).toBe(T0 + 3);
  });

  it('keeps each profile apart', () => {
    repo.upsertPayouts('p1', [payout('a')], T0);
    expect(repo.upsertPayouts('p2', [payout('a', { amount: '99' })], T0).newIds).toEqual(['a']);
    expect(repo.getDetails('p1', 'single', 'a')?.item.amount).toBe('10.5');
    expect(repo.getDetails('p2', 'single', 'a')?.item.amount).toBe('99');
  });

  it('refuses rows for a profile that does not exist, writing nothing', () => {
    expect(() => repo.upsertPayouts('ghost', [payout('a')], T0)).toThrow(UnknownProfileError);
    expect(db.sqlite.prepare('SELECT count(*) FROM payouts').pluck().get()).toBe(0);
  });

  it('writes a batch all or nothing', () => {
    const bad = payout('bad', { amount: '1e5' });
    expect(() => repo.upsertPayouts('p1', [payout('a'), bad], T0)).toThrow(RangeError);
    expect(repo.getDetails('p1', 'single', 'a')).toBeUndefined();
  });

  it('keeps 18-decimal amounts and the raw server object exactly', () => {
    const original = payout('eth', {
      amount: '123456789.123456789123456789',
      currency: 'ETH',
      calypsoFee: '0.000000000000000001',
      errors: { withdrawalErrors: [] },
    });
    repo.upsertPayouts('p1', [original], T0);
    const details = repo.getDetails('p1', 'single', 'eth');
    expect(details?.item.amount).toBe('123456789.123456789123456789');
    expect(details?.item.fee).toBe('0.000000000000000001');
    expect(details?.payout).toEqual(original);
    expect(details?.kind).toBe('single');
  });

  it('moves a re-synced payout in every index when its amount, currency, date or schedule changes, and keeps them on a status change', () => {
    const later = new Date(T0 + 86_400_000).toISOString();
    const scheduled = new Date(T0 + 30 * 86_400_000).toISOString();
    repo.upsertPayouts('p1', [payout('a'), payout('b')], T0 + 1);
    repo.upsertPayouts(
      'p1',
      [
        payout('a', {
          amount: '99',
          currency: 'BTC',
          createdDate: later,
          executionDate: scheduled,
        }),
        payout('b', { state: 'COMPLETED', transactionHash: '0xb' }),
      ],
      T0 + 2,
    );
    const ids = (query: Parameters<typeof queryHistory>[1]) =>
      queryHistory(db, query, { nowMs: T0 }).items.map((item) => `${item.id} ${item.amount}`);
    expect(ids({ profileId: 'p1', currencies: ['BTC'] })).toEqual(['a 99']);
    expect(ids({ profileId: 'p1', currencies: ['USDT'] })).toEqual(['b 10.5']);
    expect(ids({ profileId: 'p1', scheduledOnly: true })).toEqual(['a 99']);
    expect(ids({ profileId: 'p1', fromMs: T0 + 1000 })).toEqual(['a 99']);
    expect(ids({ profileId: 'p1', toMs: T0 })).toEqual(['b 10.5']);
    expect(ids({ profileId: 'p1', states: ['COMPLETED'], currencies: ['USDT'] })).toEqual([
      'b 10.5',
    ]);
    expect(ids({ profileId: 'p1', sort: { field: 'amount', direction: 'asc' } })).toEqual([
      'a 99',
      'b 10.5',
    ]);
    expect(repo.nonFinalIds('p1', 'single')).toEqual(['a']);
    expect(repo.knownFinalIds('p1', 'single', ['a', 'b'])).toEqual(new Set(['b']));
  });

  it('never moves the sync time backwards', () => {
    repo.upsertPayouts('p1', [payout('a')], T0 + 100);
    repo.upsertPayouts('p1', [payout('a')], T0 + 50);
    expect(repo.getDetails('p1', 'single', 'a')?.item.syncedAtMs).toBe(T0 + 100);
  });

  it('dates an item by createdDate, else executionDate, else when first seen', () => {
    const exec = new Date(T0 + 86_400_000).toISOString();
    repo.upsertPayouts('p1', [payout('a', { createdDate: 'not a date', executionDate: exec })], T0);
    repo.upsertPayouts('p1', [payout('b', { createdDate: 'not a date' })], T0 + 7);
    expect(repo.getDetails('p1', 'single', 'a')?.item.dateMs).toBe(T0 + 86_400_000);
    expect(repo.getDetails('p1', 'single', 'b')?.item.dateMs).toBe(T0 + 7);
  });
});

describe('mass payouts and withdrawals', () => {
  it('stores a mass payout with its total, label and withdrawals', () => {
    expect(repo.upsertMassPayouts('p1', [mass('m1')], T0).newIds).toEqual(['m1']);
    // No createdDate on a MassPayout: first seen, until its withdrawals tell.
    expect(repo.getDetails('p1', 'mass', 'm1')?.item.dateMs).toBe(T0);

    const result = repo.upsertWithdrawals('p1', 'm1', [withdrawal('w1'), withdrawal('w2')], T0);
    expect(result.newIds).toEqual(['w1', 'w2']);

    const details = repo.getDetails('p1', 'mass', 'm1');
    expect(details?.kind).toBe('mass');
    expect(details?.item).toMatchObject({
      kind: 'mass',
      amount: '3.000000000000000001',
      fee: '0.015',
      label: 'Payroll June',
      depositAddress: null,
      dateMs: T0 - 3_600_000,
    });
    expect(details?.withdrawals.map((w) => w.id)).toEqual(['w1', 'w2']);
    expect(details?.withdrawals[0]?.amount).toBe('1.000000000000000001');
  });

  it('dates a scheduled mass payout by creation once its withdrawals are known', () => {
    const exec = new Date(T0 + 5 * 86_400_000).toISOString();
    repo.upsertMassPayouts('p1', [mass('m3', { executionDate: exec })], T0);
    expect(repo.getDetails('p1', 'mass', 'm3')?.item.dateMs).toBe(T0 + 5 * 86_400_000);
    repo.upsertWithdrawals('p1', 'm3', [withdrawal('w7')], T0);
    expect(repo.getDetails('p1', 'mass', 'm3')?.item).toMatchObject({
      dateMs: T0 - 3_600_000,
      executionDateMs: T0 + 5 * 86_400_000,
    });
    // A later refresh of the mass payout keeps that date.
    repo.upsertMassPayouts('p1', [mass('m3', { executionDate: exec, state: 'COMPLETED' })], T0);
    expect(repo.getDetails('p1', 'mass', 'm3')?.item.dateMs).toBe(T0 - 3_600_000);
  });

  it('labels a mass payout by its comment when it has no name', () => {
    repo.upsertMassPayouts('p1', [mass('m1', { name: null })], T0);
    expect(repo.getDetails('p1', 'mass', 'm1')?.item.label).toBe('June salaries');
  });

  it('reports withdrawal state, hash and fee changes', () => {
    repo.upsertWithdrawals('p1', 'm1', [withdrawal('w1')], T0);
    const result = repo.upsertWithdrawals(
      'p1',
      'm1',
      [withdrawal('w1', { state: 'COMPLETED', transactionHash: '0xabc' })],
      T0 + 1,
    );
    expect(result.changed).toEqual([
      {
        id: 'w1',
        previousState: 'IN_PROGRESS',
        state: 'COMPLETED',
        fields: ['state', 'transactionHash'],
      },
    ]);
  });

  it('finds a mass payout by a recipient address or withdrawal hash', () => {
    repo.upsertMassPayouts('p1', [mass('m1'), mass('m2')], T0);
    repo.upsertWithdrawals('p1', 'm1', [withdrawal('w1', { depositAddress: '0xFeedBeef00' })], T0);
    const byAddress = queryHistory(db, { profileId: 'p1', search: 'feedbeef' });
    expect(byAddress.items.map((item) => item.id)).toEqual(['m1']);

    repo.upsertWithdrawals('p1', 'm2', [withdrawal('w9', { transactionHash: '0xC0FFEE77' })], T0);
    const byHash = queryHistory(db, { profileId: 'p1', search: 'c0ffee77' });
    expect(byHash.items.map((item) => item.id)).toEqual(['m2']);
  });
});

describe('reads for sync', () => {
  it('knows which ids are cached and final, and which are still moving', () => {
    repo.upsertPayouts(
      'p1',
      [payout('a', { state: 'COMPLETED' }), payout('b', { state: 'IN_PROGRESS' }), payout('c')],
      T0,
    );
    repo.upsertMassPayouts('p1', [mass('m1', { state: 'PARTIAL' }), mass('m2')], T0);
    expect([...repo.knownFinalIds('p1', 'single', ['a', 'b', 'zzz'])]).toEqual(['a']);
    expect([...repo.knownFinalIds('p1', 'mass', ['m1', 'm2', 'a'])]).toEqual(['m1']);
    expect([...repo.knownFinalIds('p2', 'single', ['a'])]).toEqual([]);
    expect([...repo.knownFinalIds('p1', 'single', [])]).toEqual([]);
    expect(repo.nonFinalIds('p1', 'single')).toEqual(['b', 'c']);
    expect(repo.nonFinalIds('p1', 'mass')).toEqual(['m2']);

    repo.upsertPayouts('p1', [payout('b', { state: 'FAILED' })], T0 + 1);
    expect(repo.nonFinalIds('p1', 'single')).toEqual(['c']);
  });

  it('counts by state, for one kind or both', () => {
    repo.upsertPayouts('p1', [payout('a', { state: 'COMPLETED' }), payout('b'), payout('c')], T0);
    repo.upsertMassPayouts('p1', [mass('m1', { state: 'COMPLETED' })], T0);
    expect(repo.countByState('p1')).toEqual({ COMPLETED: 2, PENDING_CONFIRMATION: 2 });
    expect(repo.countByState('p1', 'mass')).toEqual({ COMPLETED: 1 });
    expect(repo.countByState('nobody')).toEqual({});
  });

  it('returns undefined details for unknown items', () => {
    expect(repo.getDetails('p1', 'single', 'nope')).toBeUndefined();
    repo.upsertPayouts('p1', [payout('a')], T0);
    expect(repo.getDetails('p1', 'mass', 'a')).toBeUndefined();
  });
});
