/** The recipients of one payout, a page at a time (a mass payout can have 10,000). */
import type { Withdrawal } from '../../../shared/calypso/types';
import type { CacheDatabase } from './database';
import { createProfileRefs } from './profile-ref';

export function createWithdrawalsQuery(db: CacheDatabase) {
  const refs = createProfileRefs(db);
  const count = db.sqlite
    .prepare<[number, string], number>(
      'SELECT count(*) FROM withdrawals WHERE profile_ref = ? AND deal_id = ?',
    )
    .pluck();
  const page = db.sqlite
    .prepare<[number, string, number, number], string>(
      `SELECT raw_json FROM withdrawals WHERE profile_ref = ? AND deal_id = ?
       ORDER BY created_ms, id LIMIT ? OFFSET ?`,
    )
    .pluck();
  return (profileId: string, dealId: string, offset = 0, limit = 100) => {
    const ref = refs.find(profileId);
    if (ref === undefined) return { items: [] as Withdrawal[], total: 0, offset };
    return {
      // Our own lossless serialisation of the server's object: amounts are strings.
      items: page.all(ref, dealId, limit, offset).map((json) => JSON.parse(json) as Withdrawal),
      total: count.get(ref, dealId) ?? 0,
      offset,
    };
  };
}
