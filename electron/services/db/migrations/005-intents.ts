/**
 * Schema 5: every outbox row is an intent bound to its target (docs/intents.md). The table
 * is rebuilt because SQLite cannot alter a foreign key:
 * - the target (base URL and Calypso account at confirmation) is stored on the row, so a
 *   send, lookup or resolution never follows the profile as it is later. The built-in
 *   simulator's port changes at every start, so its rows store the symbolic base URL
 *   `builtin:simulator`, resolved to this run's address when a client is built;
 * - the payload hash (hex SHA-256 of payload_json) and the id of the audit entry that
 *   recorded it, which every send checks first;
 * - the six intent states and the moment a not-sent intent expires;
 * - removing a profile no longer deletes its rows: the foreign key sets NULL, and a trigger
 *   refuses the deletion outright while the profile has an unresolved (not-sent or pending)
 *   intent, whichever process tries it.
 * Existing rows are backfilled from their profile; their expiry is 24 h after creation.
 */
import { createHash } from 'node:crypto';
import type { Migration } from './migration';

/** The symbolic target base URL of the built-in simulator (profiles-service resolves it). */
export const BUILT_IN_SIMULATOR_TARGET = 'builtin:simulator';

const LEGACY_EXPIRY_MS = 24 * 60 * 60 * 1000;

const SQL = `
CREATE TABLE outbox_v5 (
  request_id TEXT PRIMARY KEY,
  -- SET NULL, never CASCADE: the record of a payment outlives its profile.
  profile_id TEXT REFERENCES profiles (id) ON DELETE SET NULL,
  kind TEXT NOT NULL CHECK (kind IN ('single', 'mass')),
  -- The exact create payload (amounts as decimal strings), idempotencyKey included.
  payload_json TEXT NOT NULL,
  payload_hash TEXT NOT NULL CHECK (length(payload_hash) = 64),
  -- Where this intent goes, fixed at confirmation.
  target_base_url TEXT NOT NULL,
  target_account TEXT NOT NULL,
  -- The audit entry whose detail.intents carries payload_hash (NULL: not linked yet).
  audit_id INTEGER,
  state TEXT NOT NULL CHECK (
    state IN ('not-sent', 'pending', 'done', 'rejected', 'cancelled', 'expired')
  ),
  source_id TEXT,
  result_id TEXT,
  error_code TEXT,
  error_message TEXT,
  attempts INTEGER NOT NULL DEFAULT 0,
  created_ms INTEGER NOT NULL,
  updated_ms INTEGER NOT NULL,
  expires_ms INTEGER NOT NULL
) STRICT;
`;

const AFTER = `
DROP TABLE outbox;
ALTER TABLE outbox_v5 RENAME TO outbox;
CREATE INDEX outbox_unresolved ON outbox (profile_id, created_ms)
  WHERE state IN ('not-sent', 'pending');
CREATE INDEX outbox_by_result ON outbox (profile_id, kind, result_id) WHERE result_id IS NOT NULL;
CREATE TRIGGER profiles_keep_unresolved_intents BEFORE DELETE ON profiles
WHEN EXISTS (
  SELECT 1 FROM outbox WHERE profile_id = OLD.id AND state IN ('not-sent', 'pending')
)
BEGIN
  SELECT RAISE(ABORT, 'this profile has payment intents whose outcome is not settled');
END;
`;

type LegacyRow = {
  request_id: string;
  profile_id: string;
  kind: string;
  payload_json: string;
  state: string;
  source_id: string | null;
  result_id: string | null;
  error_code: string | null;
  error_message: string | null;
  attempts: number;
  created_ms: number;
  updated_ms: number;
  environment: string;
  base_url: string;
  account: string;
};

export const migration005: Migration = {
  version: 5,
  name: 'intents',
  up: (sqlite) => {
    sqlite.exec(SQL);
    const insert = sqlite.prepare(
      `INSERT INTO outbox_v5 (request_id, profile_id, kind, payload_json, payload_hash,
         target_base_url, target_account, audit_id, state, source_id, result_id, error_code,
         error_message, attempts, created_ms, updated_ms, expires_ms)
       VALUES (?, ?, ?, ?, ?, ?, ?, NULL, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const rows = sqlite
      .prepare<[], LegacyRow>(
        `SELECT o.*, p.environment, p.base_url, p.account
         FROM outbox o JOIN profiles p ON p.id = o.profile_id ORDER BY o.created_ms`,
      )
      .all();
    for (const row of rows) {
      insert.run(
        row.request_id,
        row.profile_id,
        row.kind,
        row.payload_json,
        // The same digest as payouts/payload-hash.ts, frozen here as migrations are.
        createHash('sha256').update(row.payload_json, 'utf8').digest('hex'),
        row.environment === 'simulator' ? BUILT_IN_SIMULATOR_TARGET : row.base_url,
        row.account,
        row.state,
        row.source_id,
        row.result_id,
        row.error_code,
        row.error_message,
        row.attempts,
        row.created_ms,
        row.updated_ms,
        row.created_ms + LEGACY_EXPIRY_MS,
      );
    }
    sqlite.exec(AFTER);
  },
};
