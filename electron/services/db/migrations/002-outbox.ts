/**
 * Schema 2: the outbox (DESIGN.md "Submitting without ever paying twice"). A row is written,
 * in the same transaction as the user's confirmation, BEFORE the create request is sent; its
 * request_id is the idempotencyKey Calypso receives. A row left `pending` by a crash or a
 * lost answer is resolved by looking the key up, never by sending with a new key.
 */
import type { Migration } from './migration';

const SQL = `
CREATE TABLE outbox (
  request_id TEXT PRIMARY KEY,
  profile_id TEXT NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('single', 'mass')),
  -- The exact create payload (amounts as decimal strings), idempotencyKey included.
  payload_json TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('pending', 'done', 'rejected')),
  -- The draft or batch this submission belongs to, for mass payouts made from a file.
  source_id TEXT,
  result_id TEXT,
  error_code TEXT,
  error_message TEXT,
  attempts INTEGER NOT NULL DEFAULT 0,
  created_ms INTEGER NOT NULL,
  updated_ms INTEGER NOT NULL
) STRICT;

CREATE INDEX outbox_pending ON outbox (profile_id, created_ms) WHERE state = 'pending';
CREATE INDEX outbox_by_result ON outbox (profile_id, kind, result_id) WHERE result_id IS NOT NULL;
`;

export const migration002: Migration = {
  version: 2,
  name: 'outbox',
  up: (sqlite) => {
    sqlite.exec(SQL);
  },
};
