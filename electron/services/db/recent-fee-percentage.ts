/**
 * The Calypso fee percentage this account was charged lately in one currency, as Calypso
 * reported it on the cached payouts (`calypsoFeePercentage` of a single payout,
 * `totalCalypsoFeePercentage` of a mass payout). The highest of the latest few is taken, so
 * the estimate errs towards "short", never towards "enough".
 */
import { parseCalypsoJson } from '../../../shared/calypso/json';
import { compareDecimals, isPlainDecimal, type DecimalString } from '../../../shared/money';
import type { CacheDatabase } from './database';
import { createProfileRefs } from './profile-ref';

/** How many of the latest payouts of a currency the estimate looks at. */
const LOOKED_AT = 20;

function percentageIn(rawJson: string): DecimalString | null {
  let parsed: unknown;
  try {
    parsed = parseCalypsoJson(rawJson);
  } catch {
    return null;
  }
  if (typeof parsed !== 'object' || parsed === null) return null;
  const record = parsed as Record<string, unknown>;
  const value = record.calypsoFeePercentage ?? record.totalCalypsoFeePercentage;
  return typeof value === 'string' && isPlainDecimal(value) && !value.startsWith('-')
    ? value
    : null;
}

export function createRecentFeePercentage(db: CacheDatabase) {
  const refs = createProfileRefs(db);
  const statement = db.sqlite
    .prepare<[number, string, number], string>(
      `SELECT raw_json FROM payouts WHERE profile_ref = ? AND currency = ?
        ORDER BY date_ms DESC LIMIT ?`,
    )
    .pluck();
  return (profileId: string, currency: string): DecimalString | null => {
    const ref = refs.find(profileId);
    if (ref === undefined) return null;
    let highest: DecimalString | null = null;
    for (const raw of statement.all(ref, currency, LOOKED_AT)) {
      const found = percentageIn(raw);
      if (found !== null && (highest === null || compareDecimals(found, highest) > 0)) {
        highest = found;
      }
    }
    return highest;
  };
}
