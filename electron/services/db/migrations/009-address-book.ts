/**
 * Schema 9: the address book (docs/address-book.md). Only what a person decides lives here:
 * a label, notes, and whether the address is trusted. What was paid to an address (first and
 * last payment, how often, totals) is always read from the synced history, so it can never
 * disagree with it.
 * - address_key is the address as duplicates compare it (shared/import/address-key.ts: case
 *   folded for 0x and bc1 addresses, never for base58), so one recipient has one entry
 *   whatever letter case a file used; address keeps the form the person saw.
 */
import type { Migration } from './migration';

const SQL = `
CREATE TABLE address_book (
  profile_ref INTEGER NOT NULL REFERENCES profiles (ref) ON DELETE CASCADE,
  network TEXT NOT NULL,
  address_key TEXT NOT NULL,
  address TEXT NOT NULL,
  label TEXT CHECK (label IS NULL OR length(label) <= 200),
  notes TEXT CHECK (notes IS NULL OR length(notes) <= 2000),
  trusted INTEGER NOT NULL DEFAULT 0 CHECK (trusted IN (0, 1)),
  updated_ms INTEGER NOT NULL,
  PRIMARY KEY (profile_ref, network, address_key)
) STRICT, WITHOUT ROWID;
`;

export const migration009: Migration = {
  version: 9,
  name: 'address-book',
  up: (sqlite) => {
    sqlite.exec(SQL);
  },
};
