/**
 * Schema 12: what a draft keeps of its file besides the payout (docs/import.md, "Columns the
 * payout does not use").
 * - drafts.extra_columns_json: the names of the file's columns no role used, in file order
 *   (a JSON array of strings; NULL for drafts without any, and for drafts made before).
 * - draft_rows.recipient_name: the recipient's name from the file's name column, checked
 *   against the address book's label; '' without one.
 * - draft_rows.extra_json: the row's cells of those columns, in the same order (a JSON array
 *   of strings; NULL when the draft keeps none).
 */
import type { Migration } from './migration';

const SQL = `
ALTER TABLE drafts ADD COLUMN extra_columns_json TEXT;
ALTER TABLE draft_rows ADD COLUMN recipient_name TEXT NOT NULL DEFAULT '';
ALTER TABLE draft_rows ADD COLUMN extra_json TEXT;
`;

export const migration012: Migration = {
  version: 12,
  name: 'file-columns',
  up: (sqlite) => {
    sqlite.exec(SQL);
  },
};
