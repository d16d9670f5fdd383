/**
 * What the account paid recently, per recipient and amount: the importer warns when a row
 * would pay the same address the same amount again (a sheet imported twice).
 */
import type { CacheDatabase } from './database';
import { createProfileRefs } from './profile-ref';

export type RecentPayment = { depositAddress: string; amount: string; currency: string };

export function createRecentPayments(db: CacheDatabase) {
  const refs = createProfileRefs(db);
  const statement = db.sqlite.prepare<[number, number, number, number], RecentPayment>(
    `SELECT deposit_address AS depositAddress, amount, currency FROM payouts
       WHERE profile_ref = ? AND kind = 'single' AND date_ms >= ?
         AND state NOT IN ('FAILED', 'CANCELED') AND deposit_address IS NOT NULL
     UNION ALL
     SELECT deposit_address, amount, currency FROM withdrawals
       WHERE profile_ref = ? AND created_ms >= ? AND state NOT IN ('FAILED', 'CANCELED')`,
  );
  return (profileId: string, sinceMs: number): RecentPayment[] => {
    const ref = refs.find(profileId);
    return ref === undefined ? [] : statement.all(ref, sinceMs, ref, sinceMs);
  };
}
