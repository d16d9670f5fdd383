/**
 * Schema 11: test payments before a mass payout (docs/test-payments.md).
 * - draft_test_holds: per draft, one (network, address) held out of the draft's batches
 *   until its small single test payout is COMPLETED and the address is trusted. The test is
 *   an ordinary single-payout intent (outbox, audit); `request_id` is its idempotency key.
 *   A failed test may be replaced by a new one: the row then names the new request id.
 * - test_payment_amounts: the amount a test sends, per profile and currency, when the
 *   person changed the default (shared/test-payments.ts).
 * - draft_followups: the follow-up batches of a submitted draft sending its released rows,
 *   by the fingerprint that was checked, so that a repeat of the same send only delivers.
 */
import type { Migration } from './migration';

const SQL = `
CREATE TABLE draft_test_holds (
  draft_id TEXT NOT NULL REFERENCES drafts (id) ON DELETE CASCADE,
  network TEXT NOT NULL,
  address_key TEXT NOT NULL CHECK (length(address_key) > 0),
  address TEXT NOT NULL,
  currency TEXT NOT NULL,
  amount TEXT NOT NULL,
  request_id TEXT NOT NULL UNIQUE,
  created_ms INTEGER NOT NULL,
  PRIMARY KEY (draft_id, network, address_key)
) STRICT;

CREATE TABLE test_payment_amounts (
  profile_id TEXT NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,
  currency TEXT NOT NULL,
  amount TEXT NOT NULL,
  updated_ms INTEGER NOT NULL,
  PRIMARY KEY (profile_id, currency)
) STRICT;

CREATE TABLE draft_followups (
  draft_id TEXT NOT NULL REFERENCES drafts (id) ON DELETE CASCADE,
  fingerprint TEXT NOT NULL,
  created_ms INTEGER NOT NULL,
  PRIMARY KEY (draft_id, fingerprint)
) STRICT;
`;

export const migration011: Migration = {
  version: 11,
  name: 'test-payments',
  up: (sqlite) => {
    sqlite.exec(SQL);
  },
};
