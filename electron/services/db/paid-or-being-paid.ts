/**
 * Every payment of an account that a new row would repeat: "already paid, or being paid".
 * Three sources, because the synced history alone misses what is on its way:
 * - the synced history of the window (single payouts and mass withdrawals, not FAILED or
 *   CANCELED), as before;
 * - outbox entries not yet answered or not yet synced: `not-sent` and `pending` ones
 *   whatever their age (they may still be created), `done` ones of the window whose payout
 *   (single) or withdrawals (mass) sync has not brought in yet. A draft being submitted has
 *   all its batches in the outbox (written in the transaction that fixed them), so it counts
 *   here; once a batch's withdrawals are synced, their own states decide (a FAILED recipient
 *   is no longer "paid", so its retry is not flagged).
 */
import type { CacheDatabase } from './database';
import { createProfileRefs } from './profile-ref';

export type PaidOrBeingPaid = { depositAddress: string; amount: string; currency: string };

const SQL = `
  SELECT deposit_address AS depositAddress, amount, currency FROM payouts
    WHERE profile_ref = @ref AND kind = 'single' AND date_ms >= @since
      AND state NOT IN ('FAILED', 'CANCELED') AND deposit_address IS NOT NULL
  UNION ALL
  SELECT deposit_address, amount, currency FROM withdrawals
    WHERE profile_ref = @ref AND created_ms >= @since AND state NOT IN ('FAILED', 'CANCELED')
  UNION ALL
  SELECT json_extract(o.payload_json, '$.depositAddress'),
         json_extract(o.payload_json, '$.amount'),
         json_extract(o.payload_json, '$.currency')
    FROM outbox o
    WHERE o.profile_id = @profileId AND o.kind = 'single'
      AND (o.state IN ('not-sent', 'pending') OR (o.state = 'done' AND o.created_ms >= @since
        AND NOT EXISTS (SELECT 1 FROM payouts p
          WHERE p.profile_ref = @ref AND p.kind = 'single' AND p.id = o.result_id)))
  UNION ALL
  SELECT json_extract(m.value, '$.depositAddress'),
         json_extract(m.value, '$.amount'),
         json_extract(o.payload_json, '$.currency')
    FROM outbox o, json_each(o.payload_json, '$.massAddresses') m
    WHERE o.profile_id = @profileId AND o.kind = 'mass'
      AND (o.state IN ('not-sent', 'pending') OR (o.state = 'done' AND o.created_ms >= @since
        AND NOT EXISTS (SELECT 1 FROM withdrawals w
          WHERE w.profile_ref = @ref AND w.deal_id = o.result_id)))`;

export function createPaidOrBeingPaid(db: CacheDatabase) {
  const refs = createProfileRefs(db);
  const statement = db.sqlite.prepare<
    [{ ref: number; profileId: string; since: number }],
    { depositAddress: unknown; amount: unknown; currency: unknown }
  >(SQL);
  return (profileId: string, sinceMs: number): PaidOrBeingPaid[] => {
    const ref = refs.find(profileId);
    if (ref === undefined) return [];
    // A payload value that is not text (a damaged row) cannot match a row: left out.
    return statement
      .all({ ref, profileId, since: sinceMs })
      .flatMap((row) =>
        typeof row.depositAddress === 'string' &&
        typeof row.amount === 'string' &&
        typeof row.currency === 'string'
          ? [{ depositAddress: row.depositAddress, amount: row.amount, currency: row.currency }]
          : [],
      );
  };
}
