/**
 * Schema 10: maker-checker approvals of drafts (docs/approvals.md). Nothing here is secret:
 * the approver keys' private halves live in the OS keychain only; these tables hold public
 * keys, names, signatures and the policy.
 * - approval_policies: one policy per profile, as JSON (shared/approvals/policy.ts), checked
 *   by main before it is written.
 * - approver_keys: the public half and name of every approver key this desk holds in its
 *   keychain (keytar cannot list entries; this is how the page knows them).
 * - approval_requests: a draft version (its review fingerprint) that a preparer asked to be
 *   approved, with the preparer's key and request signature. The first request of a version
 *   fixes its preparer, whose approval never counts.
 * - draft_approvals: signatures given per draft and fingerprint. An edit changes the
 *   fingerprint, so approvals of an older version stay as a record but no longer count.
 */
import type { Migration } from './migration';

const SQL = `
CREATE TABLE approval_policies (
  profile_id TEXT PRIMARY KEY REFERENCES profiles (id) ON DELETE CASCADE,
  policy_json TEXT NOT NULL,
  updated_ms INTEGER NOT NULL
) STRICT;

CREATE TABLE approver_keys (
  public_key TEXT PRIMARY KEY CHECK (length(public_key) = 64),
  name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  created_ms INTEGER NOT NULL
) STRICT;

CREATE TABLE approval_requests (
  draft_id TEXT NOT NULL REFERENCES drafts (id) ON DELETE CASCADE,
  fingerprint TEXT NOT NULL,
  preparer_key TEXT NOT NULL,
  preparer_name TEXT NOT NULL,
  signature TEXT NOT NULL,
  policy_id TEXT,
  created_ms INTEGER NOT NULL,
  PRIMARY KEY (draft_id, fingerprint)
) STRICT;

CREATE TABLE draft_approvals (
  draft_id TEXT NOT NULL REFERENCES drafts (id) ON DELETE CASCADE,
  fingerprint TEXT NOT NULL,
  public_key TEXT NOT NULL,
  approver_name TEXT NOT NULL,
  signature TEXT NOT NULL,
  added_ms INTEGER NOT NULL,
  PRIMARY KEY (draft_id, fingerprint, public_key)
) STRICT;
`;

export const migration010: Migration = {
  version: 10,
  name: 'approvals',
  up: (sqlite) => {
    sqlite.exec(SQL);
  },
};
