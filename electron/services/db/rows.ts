/**
 * Row types: exactly what SQLite returns for each table, snake_case, kept apart from the
 * domain types of shared/ so a schema change shows up here and in the mappers only.
 */

export type ProfileRow = {
  ref: number;
  id: string;
  name: string;
  environment: string;
  base_url: string;
  account: string;
  key_hint: string | null;
  created_at: number;
  last_synced_at: number | null;
};

/** The columns of `payouts` that a history row shows (raw_json excluded). */
export type PayoutListRow = {
  kind: string;
  id: string;
  state: string;
  currency: string;
  amount: string;
  fee: string | null;
  deposit_address: string | null;
  label: string | null;
  idempotency_key: string | null;
  transaction_hash: string | null;
  date_ms: number;
  execution_date_ms: number | null;
  synced_at_ms: number;
};

export type PayoutRow = PayoutListRow & {
  row_id: number;
  profile_ref: number;
  amount_sort: string;
  comment: string | null;
  is_final: number;
  first_seen_ms: number;
  raw_json: string;
};

export type WithdrawalRow = {
  profile_ref: number;
  id: string;
  deal_id: string;
  state: string;
  currency: string;
  amount: string;
  fee: string | null;
  deposit_address: string;
  transaction_hash: string | null;
  comment: string | null;
  created_ms: number;
  synced_at_ms: number;
  raw_json: string;
};

export type SyncStateRow = {
  profile_id: string;
  kind: string;
  last_full_sync_ms: number | null;
  last_synced_ms: number | null;
  last_attempt_ms: number | null;
  last_error_code: string | null;
  last_error_message: string | null;
};

export type AuditLogRow = {
  id: number;
  at_ms: number;
  profile_id: string | null;
  action: string;
  detail_json: string;
  prev_hash: string | null;
  hash: string | null;
  /** 1 when `hash` is an HMAC under the installation's key (schema 7). */
  keyed: number;
};
