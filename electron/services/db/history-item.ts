/** Maps a cached payout row to the shared HistoryItem the UI lists. */
import type { PayoutState } from '../../../shared/calypso/types';
import type { HistoryItem, PayoutKind } from '../../../shared/history';
import type { PayoutListRecord } from './rows';

export function toPayoutKind(value: string): PayoutKind {
  if (value === 'single' || value === 'mass') return value;
  throw new RangeError(`unknown payout kind in the cache: "${value}"`);
}

export function toHistoryItem(row: PayoutListRecord): HistoryItem {
  return {
    kind: toPayoutKind(row.kind),
    id: row.id,
    // Written from a PayoutState by the upsert; the column has no CHECK so that a state the
    // docs do not list yet is kept rather than refused.
    state: row.state as PayoutState,
    currency: row.currency,
    amount: row.amount,
    fee: row.fee,
    depositAddress: row.deposit_address,
    label: row.label,
    idempotencyKey: row.idempotency_key,
    transactionHash: row.transaction_hash,
    dateMs: row.date_ms,
    executionDateMs: row.execution_date_ms,
    syncedAtMs: row.synced_at_ms,
  };
}
