import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyMigrations, createDraftsRepo, openDatabase } from '../../../electron/services/db';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from '../../../electron/services/db/migrations';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'payout-desk-m008-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

const ETH = '0x52908400098527886E0F7030069857D2E4169EE7';

/** A database as the build before schema 8 left it: counts were count(*) over the rows. */
function schema7(file: string): void {
  const sqlite = new Database(file);
  sqlite.pragma('foreign_keys = ON');
  applyMigrations(sqlite, MIGRATIONS.slice(0, 7));
  sqlite.exec(`
    INSERT INTO profiles (id, name, environment, base_url, account, created_at)
      VALUES ('p', 'P', 'simulator', 'http://127.0.0.1:1', 'acc', 1);
    INSERT INTO drafts (id, profile_id, name, decimal_separator, state, created_ms, updated_ms)
      VALUES ('d', 'p', 'June', '.', 'editing', 1, 1),
             ('empty', 'p', 'Empty', '.', 'editing', 2, 2);
    INSERT INTO draft_rows (draft_id, row_no, line, address, amount, currency, comment,
        verdict, problems_json)
      VALUES ('d', 1, 2, '${ETH}', '1.25', 'USDT', '', 'warning', '[]'),
             ('d', 2, 3, '${ETH.toLowerCase()}', '0.000001', 'usdt', '', 'warning', '[]'),
             ('d', 3, 4, 'TXYZ', '10', 'TRX', '', 'ok', '[]'),
             ('d', 4, 5, 'txyz', '2.5', 'TRX', '', 'ok', '[]'),
             ('d', 5, 6, '', 'abc', 'TRX', '', 'error', '[]'),
             ('d', 6, 7, 'TXYZ', '7', 'NOPE', '', 'warning', '[]');
  `);
  sqlite.close();
}

describe('migration 008: draft tallies', () => {
  it('fills the counts, the exact totals per currency and the duplicate keys of existing drafts', () => {
    const file = join(dir, 'cache.sqlite');
    schema7(file);
    const db = openDatabase(file);
    expect(db.schemaVersion).toBe(LATEST_SCHEMA_VERSION);
    const drafts = createDraftsRepo(db);
    const summary = drafts.summary('d');
    expect(summary?.rowCount).toBe(6);
    expect(summary?.counts).toEqual({ ok: 2, warning: 3, error: 1 });
    // 'usdt' is sent as USDT (the planner upper-cases codes); 'NOPE' and the error are left out.
    expect(summary?.totals).toEqual([
      { currency: 'TRX', rowCount: 2, total: '12.5', batchCount: 1, batchSize: 100 },
      { currency: 'USDT', rowCount: 2, total: '1.250001', batchCount: 1, batchSize: 1000 },
    ]);
    expect(drafts.summary('empty')).toMatchObject({ rowCount: 0, totals: [] });
    // The 0x key folds case; a base58-like key does not.
    expect(drafts.duplicateGroup('d', ETH.toLowerCase()).map((row) => row.rowNo)).toEqual([1, 2]);
    expect(drafts.duplicateGroup('d', 'TXYZ').map((row) => row.rowNo)).toEqual([3, 6]);
    expect(drafts.duplicateGroup('d', '')).toEqual([]);
    // And the repository keeps them from here on.
    drafts.deleteRows('d', [1, 3], 10);
    expect(drafts.summary('d')).toMatchObject({
      rowCount: 4,
      counts: { ok: 1, warning: 2, error: 1 },
      totals: [
        { currency: 'TRX', rowCount: 1, total: '2.5', batchCount: 1, batchSize: 100 },
        { currency: 'USDT', rowCount: 1, total: '0.000001', batchCount: 1, batchSize: 1000 },
      ],
    });
    // Discarding a draft takes its totals with it.
    expect(drafts.discard('d')).toBe(true);
    expect(
      db.sqlite
        .prepare("SELECT count(*) FROM draft_currency_totals WHERE draft_id = 'd'")
        .pluck()
        .get(),
    ).toBe(0);
    db.close();
  });
});
