/**
 * Record types: exactly what SQLite returns for each table, snake_case, kept apart from the
 * domain types of shared/ so a schema change shows up here and in the mappers only. Named
 * `...Record` so that none reads like a domain type (a `DraftRow` is a row of a draft).
 */
import type { OutboxState } from './outbox-repo';
import type { PayoutKind } from '../../../shared/history';

/**
 * `drafts` and `draft_rows`: defined next to their mappers in drafts-repo.ts (moved here once
 * the incremental-draft work on that file has landed), exported from here like the others.
 */
export type { DraftRecord, DraftRowRecord } from './drafts-repo';

export type ProfileRecord = {
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
export type PayoutListRecord = {
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

export type PayoutRecord = PayoutListRecord & {
  row_id: number;
  profile_ref: number;
  amount_sort: string;
  comment: string | null;
  is_final: number;
  first_seen_ms: number;
  raw_json: string;
};

export type WithdrawalRecord = {
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

export type SyncStateRecord = {
  profile_id: string;
  kind: string;
  last_full_sync_ms: number | null;
  last_synced_ms: number | null;
  last_attempt_ms: number | null;
  last_error_code: string | null;
  last_error_message: string | null;
};

export type AuditLogRecord = {
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

/** The one row of `audit_head`: where the chain ends and how it is sealed. */
export type AuditHeadRecord = {
  last_id: number;
  last_hash: string;
  key_id: string | null;
  keyed_from_id: number | null;
  head_mac: string | null;
};

export type OutboxRecord = {
  request_id: string;
  profile_id: string | null;
  kind: PayoutKind;
  payload_json: string;
  payload_hash: string;
  target_base_url: string;
  target_account: string;
  audit_id: number | null;
  state: OutboxState;
  source_id: string | null;
  result_id: string | null;
  error_code: string | null;
  error_message: string | null;
  attempts: number;
  created_ms: number;
  updated_ms: number;
  expires_ms: number;
};
