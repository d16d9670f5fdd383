/**
 * Schema 12: what a draft keeps of its file besides the payout (docs/import.md, "Columns the
 * payout does not use"), and what its reconciliation needs (docs/reconciliation.md).
 * - drafts.extra_columns_json: the names of the file's columns no role used, in file order
 *   (a JSON array of strings; NULL for drafts without any, and for drafts made before).
 * - draft_rows.recipient_name: the recipient's name from the file's name column, checked
 *   against the address book's label; '' without one.
 * - draft_rows.extra_json: the row's cells of those columns, in the same order (a JSON array
 *   of strings; NULL when the draft keeps none).
 * - drafts.source_bom: whether the file started with a byte-order mark, so its reconciliation
 *   is written the way the file came (with the file's delimiter and decimal separator).
 * - draft_deleted_rows: rows deleted from a draft, as they were: the reconciliation has a
 *   line for every line of the file, a deleted one included, and an undo puts one back.
 * - withdrawals.final_seen_ms: when a sync first saw the withdrawal final (COMPLETED, FAILED,
 *   CANCELED); Calypso's withdrawal has no completion time of its own.
 */
import type { Migration } from './migration';

const SQL = `
ALTER TABLE drafts ADD COLUMN extra_columns_json TEXT;
ALTER TABLE draft_rows ADD COLUMN recipient_name TEXT NOT NULL DEFAULT '';
ALTER TABLE draft_rows ADD COLUMN extra_json TEXT;
ALTER TABLE drafts ADD COLUMN source_bom INTEGER NOT NULL DEFAULT 0 CHECK (source_bom IN (0, 1));
ALTER TABLE withdrawals ADD COLUMN final_seen_ms INTEGER;

CREATE TABLE draft_deleted_rows (
  draft_id TEXT NOT NULL REFERENCES drafts (id) ON DELETE CASCADE,
  row_no INTEGER NOT NULL,
  line INTEGER,
  address TEXT NOT NULL,
  amount TEXT NOT NULL,
  currency TEXT NOT NULL,
  comment TEXT NOT NULL,
  recipient_name TEXT NOT NULL,
  extra_json TEXT,
  verdict TEXT NOT NULL,
  problems_json TEXT NOT NULL,
  deleted_ms INTEGER NOT NULL,
  PRIMARY KEY (draft_id, row_no)
) STRICT;
`;

export const migration012: Migration = {
  version: 12,
  name: 'file-columns',
  up: (sqlite) => {
    sqlite.exec(SQL);
  },
};
