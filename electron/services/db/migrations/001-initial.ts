/**
 * Schema 1: profiles, the payout history (single and mass in one table), withdrawals, sync
 * bookkeeping, the append-only audit log and the search index.
 *
 * Never edit this file once released: write 002 instead.
 */
import type { Migration } from './migration';

const SQL = `
-- No secret lives here: the API secret is in the OS keychain, and key_hint is at most a
-- masked fragment of the public Key (the CHECK keeps a whole Key from slipping in).
-- id is the profile's identity everywhere outside this file; ref is a small integer that
-- the big tables and their indexes carry instead of repeating a 36-character id in every
-- index entry (AUTOINCREMENT: a deleted profile's ref is never handed out again).
CREATE TABLE profiles (
  ref INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  environment TEXT NOT NULL CHECK (environment IN ('production', 'custom', 'simulator')),
  base_url TEXT NOT NULL,
  account TEXT NOT NULL,
  key_hint TEXT CHECK (key_hint IS NULL OR length(key_hint) <= 12),
  created_at INTEGER NOT NULL,
  last_synced_at INTEGER
) STRICT;

-- Single and mass payouts share one table so the history is one indexed list. The natural
-- key is (profile, kind, id); row_id is a stable surrogate that the search index refers
-- to (AUTOINCREMENT: never reused, so the index's high-water mark stays valid after deletes,
-- and VACUUM cannot renumber it). raw_json stays last so reads of the other columns never
-- touch it.
CREATE TABLE payouts (
  row_id INTEGER PRIMARY KEY AUTOINCREMENT,
  profile_ref INTEGER NOT NULL REFERENCES profiles (ref) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('single', 'mass')),
  id TEXT NOT NULL,
  state TEXT NOT NULL,
  currency TEXT NOT NULL,
  amount TEXT NOT NULL,
  amount_sort TEXT NOT NULL,
  fee TEXT,
  deposit_address TEXT,
  label TEXT,
  comment TEXT,
  idempotency_key TEXT,
  transaction_hash TEXT,
  date_ms INTEGER NOT NULL,
  execution_date_ms INTEGER,
  is_final INTEGER NOT NULL CHECK (is_final IN (0, 1)),
  first_seen_ms INTEGER NOT NULL,
  synced_at_ms INTEGER NOT NULL,
  raw_json TEXT NOT NULL,
  UNIQUE (profile_ref, kind, id)
) STRICT;

-- One index per sort field, each led by the profile. payouts_by_state also carries
-- currency and date, so "these states in these currencies" is counted from the index alone
-- and read newest first. Kind filters use the UNIQUE index above.
CREATE INDEX payouts_by_date ON payouts (profile_ref, date_ms);
CREATE INDEX payouts_by_amount ON payouts (profile_ref, amount_sort);
CREATE INDEX payouts_by_state ON payouts (profile_ref, state, currency, date_ms);
CREATE INDEX payouts_by_currency ON payouts (profile_ref, currency, date_ms);
-- Partial: only scheduled or still-moving payouts pay for these (few rows, polled often).
CREATE INDEX payouts_scheduled ON payouts (profile_ref, execution_date_ms)
  WHERE execution_date_ms IS NOT NULL;
CREATE INDEX payouts_open ON payouts (profile_ref, kind) WHERE is_final = 0;

-- A withdrawal does not name its parent (calypso-api.md 5.3): deal_id is the payout id it
-- was listed under.
CREATE TABLE withdrawals (
  profile_ref INTEGER NOT NULL REFERENCES profiles (ref) ON DELETE CASCADE,
  id TEXT NOT NULL,
  deal_id TEXT NOT NULL,
  state TEXT NOT NULL,
  currency TEXT NOT NULL,
  amount TEXT NOT NULL,
  fee TEXT,
  deposit_address TEXT NOT NULL,
  transaction_hash TEXT,
  comment TEXT,
  created_ms INTEGER NOT NULL,
  synced_at_ms INTEGER NOT NULL,
  raw_json TEXT NOT NULL,
  PRIMARY KEY (profile_ref, id)
) STRICT;

CREATE INDEX withdrawals_by_deal ON withdrawals (profile_ref, deal_id);

CREATE TABLE sync_state (
  profile_id TEXT NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,
  kind TEXT NOT NULL,
  last_full_sync_ms INTEGER,
  last_synced_ms INTEGER,
  last_attempt_ms INTEGER,
  last_error_code TEXT,
  last_error_message TEXT,
  PRIMARY KEY (profile_id, kind)
) STRICT;

-- Append-only: no foreign key, so deleting a profile keeps its trail.
CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  at_ms INTEGER NOT NULL,
  profile_id TEXT,
  action TEXT NOT NULL,
  detail_json TEXT NOT NULL
) STRICT;

CREATE INDEX audit_log_by_profile ON audit_log (profile_id, id);

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only');
END;

CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only');
END;

-- Substring search over trigrams (which fold case). Contentless: the text is derived from
-- payouts columns, so there is no second copy, and rows are deleted by rowid. detail=none
-- keeps only which rows hold a trigram (a third of the size of full detail, half the time
-- to build); the query confirms each candidate against the columns. Filled behind a
-- high-water mark (search-index.ts), so a bulk upsert does not pay for tokenising.
CREATE VIRTUAL TABLE payouts_search USING fts5 (
  text,
  content = '',
  contentless_delete = 1,
  detail = none,
  tokenize = 'trigram'
);

CREATE TABLE search_index_state (
  id INTEGER NOT NULL PRIMARY KEY CHECK (id = 1),
  indexed_through_row_id INTEGER NOT NULL
) STRICT;

INSERT INTO search_index_state (id, indexed_through_row_id) VALUES (1, 0);

CREATE TRIGGER payouts_search_forget AFTER DELETE ON payouts
BEGIN
  DELETE FROM payouts_search WHERE rowid = old.row_id;
END;
`;

export const migration001: Migration = {
  version: 1,
  name: 'initial',
  up: (sqlite) => {
    sqlite.exec(SQL);
  },
};
