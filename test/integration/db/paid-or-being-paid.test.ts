import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createOutboxRepo,
  createPaidOrBeingPaid,
  createRecentFeePercentage,
  openDatabase,
  type CacheDatabase,
} from '../../../electron/services/db';

let dir: string;
let db: CacheDatabase;
const DAY = 24 * 60 * 60 * 1000;
const NOW = 100 * DAY;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'payout-desk-paid-'));
  db = openDatabase(join(dir, 'cache.sqlite'));
  db.sqlite.exec(`INSERT INTO profiles (id, name, environment, base_url, account, created_at)
    VALUES ('p', 'P', 'simulator', 'http://127.0.0.1:1', 'acc', 1)`);
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

function cachedWithdrawal(id: string, dealId: string, address: string, state: string) {
  db.sqlite
    .prepare(
      `INSERT INTO withdrawals (profile_ref, id, deal_id, state, currency, amount,
         deposit_address, created_ms, synced_at_ms, raw_json)
       VALUES ((SELECT ref FROM profiles WHERE id = 'p'), ?, ?, ?, 'TRX', '4.5', ?, ?, ?, '{}')`,
    )
    .run(id, dealId, state, address, NOW - DAY, NOW);
}

function cachedPayout(id: string, currency: string, rawJson: string, dateMs: number) {
  db.sqlite
    .prepare(
      `INSERT INTO payouts (profile_ref, kind, id, state, currency, amount, amount_sort,
         deposit_address, date_ms, is_final, first_seen_ms, synced_at_ms, raw_json)
       VALUES ((SELECT ref FROM profiles WHERE id = 'p'), 'single', ?, 'COMPLETED', ?, '1', '1',
         'S', ?, 1, ?, ?, ?)`,
    )
    .run(id, currency, dateMs, dateMs, dateMs, rawJson);
}

describe('already paid, or being paid', () => {
  it('counts outbox entries not answered or not synced yet, and lets synced states decide', () => {
    const outbox = createOutboxRepo(db);
    const single = (requestId: string, address: string, atMs: number) =>
      outbox.insertPending({
        requestId,
        profileId: 'p',
        kind: 'single',
        payload: { depositAddress: address, amount: '1.5', currency: 'TRX' },
        atMs,
      });
    single('pending-old', 'OLD-PENDING', NOW - 90 * DAY);
    single('done-unsynced', 'DONE', NOW - DAY);
    outbox.markDone('done-unsynced', 'single-9', NOW);
    single('refused', 'REFUSED', NOW - DAY);
    outbox.markRejected('refused', '001', 'no', NOW);
    outbox.insertPending({
      requestId: 'mass-done',
      profileId: 'p',
      kind: 'mass',
      payload: {
        currency: 'TRX',
        massAddresses: [
          { depositAddress: 'PAID', amount: '4.5' },
          { depositAddress: 'FAILED', amount: '4.5' },
        ],
      },
      atMs: NOW - DAY,
    });
    outbox.markDone('mass-done', 'mass-1', NOW);
    outbox.insertPending({
      requestId: 'mass-pending',
      profileId: 'p',
      kind: 'mass',
      payload: { currency: 'USDT', massAddresses: [{ depositAddress: 'ON-ITS-WAY', amount: '7' }] },
      atMs: NOW - DAY,
    });

    const find = createPaidOrBeingPaid(db);
    const before = find('p', NOW - 30 * DAY).map((entry) => entry.depositAddress);
    // Not synced yet: every recipient of the done mass payout counts.
    expect(before.sort()).toEqual(['DONE', 'FAILED', 'OLD-PENDING', 'ON-ITS-WAY', 'PAID']);

    // Synced: the withdrawals' own states decide; a FAILED recipient may be retried.
    cachedWithdrawal('w1', 'mass-1', 'PAID', 'COMPLETED');
    cachedWithdrawal('w2', 'mass-1', 'FAILED', 'FAILED');
    const after = find('p', NOW - 30 * DAY);
    expect(after.map((entry) => entry.depositAddress).sort()).toEqual([
      'DONE',
      'OLD-PENDING',
      'ON-ITS-WAY',
      'PAID',
    ]);
    expect(after.find((entry) => entry.depositAddress === 'ON-ITS-WAY')).toEqual({
      depositAddress: 'ON-ITS-WAY',
      amount: '7',
      currency: 'USDT',
    });
    expect(find('nobody', 0)).toEqual([]);
  });

  it('estimates the fee from the highest percentage of the latest cached payouts of a currency', () => {
    const fee = createRecentFeePercentage(db);
    expect(fee('p', 'BTC')).toBeNull();
    cachedPayout('1', 'BTC', '{"calypsoFeePercentage":"0.5"}', NOW - 2);
    cachedPayout('2', 'BTC', '{"calypsoFeePercentage":0.75}', NOW - 1);
    cachedPayout('3', 'BTC', '{"calypsoFeePercentage":null}', NOW);
    cachedPayout('4', 'TRX', '{"calypsoFeePercentage":"9"}', NOW);
    expect(fee('p', 'BTC')).toBe('0.75');
    expect(fee('p', 'ETH')).toBeNull();
  });
});
