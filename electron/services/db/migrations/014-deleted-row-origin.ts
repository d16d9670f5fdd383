/**
 * Schema 14: a row deleted from a retry draft keeps the failed row it retries, so an undo
 * puts it back with that link (docs/drafts.md, "Undo of a delete"). The link is what keeps a
 * failed recipient from being retried twice (draft_rows_by_origin, schema 6); a row put back
 * without it would let a second retry pay that recipient again.
 * - draft_deleted_rows.origin_draft_id / origin_row_no: the link, as draft_rows had it (NULL
 *   for a row that retries nothing).
 * - draft_deleted_rows.origin_kept: 1 when the two columns above were written; 0 for rows
 *   deleted before this schema, whose link was not kept, so an undo of them in a retry
 *   draft is refused rather than guessed.
 */
import type { Migration } from './migration';

const SQL = `
ALTER TABLE draft_deleted_rows ADD COLUMN origin_draft_id TEXT;
ALTER TABLE draft_deleted_rows ADD COLUMN origin_row_no INTEGER;
ALTER TABLE draft_deleted_rows ADD COLUMN origin_kept INTEGER NOT NULL DEFAULT 0
  CHECK (origin_kept IN (0, 1));
`;

export const migration014: Migration = {
  version: 14,
  name: 'deleted-row-origin',
  up: (sqlite) => {
    sqlite.exec(SQL);
  },
};
