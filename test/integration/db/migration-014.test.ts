// Review (review2): schema 14 on a database that already has deleted rows. A row deleted
// before schema 14 has no kept link (origin undefined: an undo in a retry draft is refused);
// a row deleted after it keeps the failed row it retries, and putting it back restores the
// link, which draft_rows_by_origin still guards (one retry per failed row).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyMigrations, createDraftsRepo, openDatabase } from '../../../electron/services/db';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from '../../../electron/services/db/migrations';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'payout-desk-m014-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

const TRX = 'TXYZ';

/** As the build before schema 14 left it: an original, its retry, one retry row deleted. */
function schema13(file: string): void {
  const sqlite = new Database(file);
  sqlite.pragma('foreign_keys = ON');
  // Rows before schema 8, whose migration fills the tallies the repository keeps from then on.
  applyMigrations(sqlite, MIGRATIONS.slice(0, 7));
  sqlite.exec(`
    INSERT INTO profiles (id, name, environment, base_url, account, created_at)
      VALUES ('p', 'P', 'simulator', 'http://127.0.0.1:1', 'acc', 1);
    INSERT INTO drafts (id, profile_id, name, decimal_separator, state, created_ms, updated_ms)
      VALUES ('o', 'p', 'June', '.', 'submitted', 1, 1);
    INSERT INTO drafts (id, profile_id, name, decimal_separator, parent_draft_id, state,
        created_ms, updated_ms)
      VALUES ('r', 'p', 'June — retry', '.', 'o', 'editing', 2, 2);
    INSERT INTO draft_rows (draft_id, row_no, line, address, amount, currency, comment,
        verdict, problems_json)
      VALUES ('o', 1, 2, '${TRX}', '5', 'TRX', '', 'ok', '[]'),
             ('o', 2, 3, '${TRX}2', '6', 'TRX', '', 'ok', '[]');
    INSERT INTO draft_rows (draft_id, row_no, line, address, amount, currency, comment,
        verdict, problems_json, origin_draft_id, origin_row_no)
      VALUES ('r', 2, 3, '${TRX}2', '6', 'TRX', '', 'ok', '[]', 'o', 2);
  `);
  applyMigrations(sqlite, MIGRATIONS.slice(0, 13));
  sqlite.exec(`
    INSERT INTO draft_deleted_rows (draft_id, row_no, line, address, amount, currency, comment,
        recipient_name, verdict, problems_json, deleted_ms)
      VALUES ('r', 1, 2, '${TRX}', '5', 'TRX', '', '', 'ok', '[]', 3);
  `);
  sqlite.close();
}

describe('migration 014: deleted rows keep the failed row they retry', () => {
  it('marks rows deleted before it as without a link, and keeps the link from then on', () => {
    const file = join(dir, 'cache.sqlite');
    schema13(file);
    const db = openDatabase(file);
    expect(db.schemaVersion).toBe(LATEST_SCHEMA_VERSION);
    const drafts = createDraftsRepo(db);
    // Deleted before schema 14: the link is unknown, not "none".
    expect(drafts.deletedRows('r').map((entry) => entry.origin)).toEqual([undefined]);
    // Deleted after it: the link is kept.
    drafts.deleteRows('r', [2], 10);
    const kept = drafts.deletedRows('r').find((entry) => entry.row.rowNo === 2);
    expect(kept?.origin).toEqual({ draftId: 'o', rowNo: 2 });
    expect(drafts.retryDraftOfRow('o', 2)).toBeUndefined();
    // Put back with its link: the original's row is retried by 'r' again.
    if (kept === undefined) throw new Error('row 2 not kept');
    drafts.restoreRows('r', [{ ...kept.row, origin: { draftId: 'o', rowNo: 2 } }], 11);
    expect(drafts.retryDraftOfRow('o', 2)).toBe('r');
    expect(drafts.deletedRows('r').map((entry) => entry.row.rowNo)).toEqual([1]);
    db.close();
  });
});
