/**
 * Schema 3: drafts made from spreadsheets. A draft and its rows are saved on every edit, so
 * nothing typed is lost to a crash. Submitting fixes the batches (one mass payout each) and
 * their idempotency keys in the same transaction as their outbox rows.
 */
import type { Migration } from './migration';

const SQL = `
CREATE TABLE drafts (
  id TEXT PRIMARY KEY,
  profile_id TEXT NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  source_file TEXT,
  encoding TEXT,
  delimiter TEXT,
  decimal_separator TEXT NOT NULL DEFAULT '.' CHECK (decimal_separator IN ('.', ',')),
  mapping_json TEXT,
  -- "Retry the failed rows" makes a new draft that points at the one it came from.
  parent_draft_id TEXT REFERENCES drafts (id) ON DELETE SET NULL,
  state TEXT NOT NULL CHECK (state IN ('editing', 'submitting', 'submitted')),
  created_ms INTEGER NOT NULL,
  updated_ms INTEGER NOT NULL
) STRICT;

CREATE INDEX drafts_by_profile ON drafts (profile_id, updated_ms);

CREATE TABLE draft_rows (
  draft_id TEXT NOT NULL REFERENCES drafts (id) ON DELETE CASCADE,
  row_no INTEGER NOT NULL,
  -- Line in the original file; NULL for a row added in the app.
  line INTEGER,
  source_file TEXT,
  address TEXT NOT NULL,
  amount TEXT NOT NULL,
  currency TEXT NOT NULL,
  comment TEXT NOT NULL DEFAULT '',
  verdict TEXT NOT NULL CHECK (verdict IN ('ok', 'warning', 'error')),
  problems_json TEXT NOT NULL,
  PRIMARY KEY (draft_id, row_no)
) STRICT;

CREATE TABLE draft_batches (
  draft_id TEXT NOT NULL REFERENCES drafts (id) ON DELETE CASCADE,
  batch_no INTEGER NOT NULL,
  -- The outbox request id, which is the idempotencyKey Calypso receives.
  request_id TEXT NOT NULL UNIQUE,
  currency TEXT NOT NULL,
  total TEXT NOT NULL,
  row_count INTEGER NOT NULL,
  PRIMARY KEY (draft_id, batch_no)
) STRICT;

-- Which draft row is which recipient of which batch, in massAddresses order.
CREATE TABLE draft_batch_rows (
  request_id TEXT NOT NULL REFERENCES draft_batches (request_id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  row_no INTEGER NOT NULL,
  PRIMARY KEY (request_id, position)
) STRICT;

-- A manual column mapping, remembered per header signature.
CREATE TABLE import_mappings (
  header_signature TEXT PRIMARY KEY,
  mapping_json TEXT NOT NULL,
  updated_ms INTEGER NOT NULL
) STRICT;
`;

export const migration003: Migration = {
  version: 3,
  name: 'drafts',
  up: (sqlite) => {
    sqlite.exec(SQL);
  },
};
