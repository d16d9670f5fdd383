/**
 * Schema 6: what a draft was reviewed as and where its rows came from (docs/intents.md,
 * "Review bound to the send" and "Retry with lineage").
 * - drafts.submitted_fingerprint: the fingerprint the submission was checked against, fixed
 *   in the transaction that fixes the batches; a later Submit must present the same one.
 * - draft_rows.origin_draft_id / origin_row_no: the failed row of the original draft that a
 *   retry row pays again. At most one retry row per original row (a unique index, so even
 *   two processes cannot retry one row twice).
 * Retry drafts made before this schema are linked to their origin by file line, address,
 * amount and currency; of several retries of one row (the old bug) only the oldest is linked.
 */
import type Database from 'better-sqlite3';
import type { Migration } from './migration';

type Row = {
  draft_id: string;
  row_no: number;
  parent_draft_id: string;
  line: number | null;
  address: string;
  amount: string;
  currency: string;
};

function linkExistingRetries(sqlite: Database.Database): void {
  const retryRows = sqlite
    .prepare<[], Row>(
      `SELECT r.draft_id, r.row_no, d.parent_draft_id, r.line, r.address, r.amount, r.currency
         FROM draft_rows r JOIN drafts d ON d.id = r.draft_id
        WHERE d.parent_draft_id IS NOT NULL
        ORDER BY d.created_ms, d.id, r.row_no`,
    )
    .all();
  const findOrigin = sqlite
    .prepare<[string, number | null, number | null, string, string, string], number>(
      `SELECT row_no FROM draft_rows
        WHERE draft_id = ? AND (line = ? OR (line IS NULL AND ? IS NULL))
          AND address = ? AND amount = ? AND currency = ?
        ORDER BY row_no`,
    )
    .pluck();
  const taken = sqlite
    .prepare<[string, number], number>(
      'SELECT 1 FROM draft_rows WHERE origin_draft_id = ? AND origin_row_no = ?',
    )
    .pluck();
  const link = sqlite.prepare(
    'UPDATE draft_rows SET origin_draft_id = ?, origin_row_no = ? WHERE draft_id = ? AND row_no = ?',
  );
  for (const row of retryRows) {
    const candidates = findOrigin.all(
      row.parent_draft_id,
      row.line,
      row.line,
      row.address,
      row.amount,
      row.currency,
    );
    const origin = candidates.find((rowNo) => taken.get(row.parent_draft_id, rowNo) === undefined);
    if (origin !== undefined) link.run(row.parent_draft_id, origin, row.draft_id, row.row_no);
  }
}

export const migration006: Migration = {
  version: 6,
  name: 'draft-lineage',
  up: (sqlite) => {
    sqlite.exec(`
      ALTER TABLE drafts ADD COLUMN submitted_fingerprint TEXT;
      ALTER TABLE draft_rows ADD COLUMN origin_draft_id TEXT;
      ALTER TABLE draft_rows ADD COLUMN origin_row_no INTEGER;
    `);
    linkExistingRetries(sqlite);
    sqlite.exec(`
      CREATE UNIQUE INDEX draft_rows_by_origin ON draft_rows (origin_draft_id, origin_row_no)
        WHERE origin_draft_id IS NOT NULL;
    `);
  },
};
