/**
 * The history chart's figures (electron/services/db/paid-by-month.ts): COMPLETED payouts of
 * one profile summed per currency per UTC month, from a real SQLite cache, exactly. The
 * amounts are picked so a float sum would be wrong (0.1 + 0.2, 18-decimal ETH, amounts past
 * 2^53), and payouts of other states, other profiles and the month bounds must stay out.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MassPayout, Payout, PayoutState } from '../../../shared/calypso/types';
import {
  createPayoutsRepo,
  createProfilesRepo,
  openDatabase,
  queryPaidByMonth,
  type CacheDatabase,
} from '../../../electron/services/db';

let dir: string;
let db: CacheDatabase;
let sequence = 0;

function single(
  currency: string,
  amount: string,
  iso: string,
  state: PayoutState = 'COMPLETED',
): Payout {
  sequence += 1;
  return {
    id: `s${String(sequence)}`,
    account: 'acct',
    depositAddress: `addr${String(sequence)}`,
    amount,
    currency,
    calypsoFee: null,
    calypsoFeePercentage: null,
    state,
    createdDate: iso,
    transactionHash: null,
    comment: null,
    executionDate: null,
    idempotencyKey: null,
    errors: null,
    cancellation: null,
    belongingType: 'INTERNAL',
  };
}

function mass(
  currency: string,
  amount: string,
  iso: string,
  state: PayoutState = 'COMPLETED',
): MassPayout {
  sequence += 1;
  return {
    id: `m${String(sequence)}`,
    idempotencyKey: null,
    companyId: null,
    account: 'acct',
    state,
    comment: null,
    name: null,
    currency,
    totalWithdrawalAmount: amount,
    totalCalypsoFee: null,
    totalCalypsoFeePercentage: null,
    executionDate: iso,
    errors: null,
  };
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'payout-desk-paid-by-month-'));
  db = openDatabase(join(dir, 'cache.sqlite'));
  const profiles = createProfilesRepo(db);
  for (const id of ['p1', 'p2']) {
    profiles.insert({
      id,
      name: id,
      environment: 'custom',
      baseUrl: 'http://127.0.0.1:9',
      account: 'acct',
      keyHint: null,
      createdAt: 0,
    });
  }
  const repo = createPayoutsRepo(db);
  const at = Date.UTC(2026, 5, 1);
  repo.upsertPayouts(
    'p1',
    [
      single('USDT_TRX', '0.1', '2026-01-31T23:59:59.999Z'),
      single('USDT_TRX', '0.2', '2026-01-01T00:00:00.000Z'),
      single('USDT_TRX', '1000', '2026-01-15T10:00:00.000Z', 'FAILED'),
      single('USDT_TRX', '5', '2026-01-15T10:00:00.000Z', 'IN_PROGRESS'),
      // One millisecond into February (UTC) is February, whatever the machine's zone.
      single('USDT_TRX', '7.25', '2026-02-01T00:00:00.000Z'),
      single('ETH', '0.000000000000000001', '2026-02-10T00:00:00.000Z'),
      single('ETH', '1.999999999999999999', '2026-02-11T00:00:00.000Z'),
      single('BTC', '9007199254740993', '2026-03-02T00:00:00.000Z'),
      single('BTC', '0.00000001', '2026-03-03T00:00:00.000Z'),
    ],
    at,
  );
  repo.upsertMassPayouts(
    'p1',
    [
      mass('USDT_TRX', '100.005', '2026-01-20T00:00:00.000Z'),
      mass('USDT_TRX', '50', '2026-01-21T00:00:00.000Z', 'PARTIAL'),
    ],
    at,
  );
  repo.upsertPayouts('p2', [single('USDT_TRX', '999', '2026-01-05T00:00:00.000Z')], at);
});

afterAll(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('amounts paid per currency per month', () => {
  it('sums COMPLETED single and mass payouts exactly, by UTC month then currency', () => {
    expect(queryPaidByMonth(db, { profileId: 'p1' }).rows).toEqual([
      { month: '2026-01', currency: 'USDT_TRX', amount: '100.305', count: 3 },
      { month: '2026-02', currency: 'ETH', amount: '2', count: 2 },
      { month: '2026-02', currency: 'USDT_TRX', amount: '7.25', count: 1 },
      { month: '2026-03', currency: 'BTC', amount: '9007199254740993.00000001', count: 2 },
    ]);
  });

  it('keeps to the months asked for, both bounds included', () => {
    expect(
      queryPaidByMonth(db, { profileId: 'p1', fromMonth: '2026-02', toMonth: '2026-02' }).rows.map(
        (row) => `${row.month} ${row.currency} ${row.amount}`,
      ),
    ).toEqual(['2026-02 ETH 2', '2026-02 USDT_TRX 7.25']);
    expect(queryPaidByMonth(db, { profileId: 'p1', fromMonth: '2026-03' }).rows).toHaveLength(1);
    expect(queryPaidByMonth(db, { profileId: 'p1', toMonth: '2025-12' }).rows).toEqual([]);
  });

  it('counts only the profile asked about', () => {
    expect(queryPaidByMonth(db, { profileId: 'p2' }).rows).toEqual([
      { month: '2026-01', currency: 'USDT_TRX', amount: '999', count: 1 },
    ]);
    expect(queryPaidByMonth(db, { profileId: 'nobody' }).rows).toEqual([]);
  });
});
