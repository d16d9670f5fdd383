import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyMigrations, readSchemaVersion } from '../../../electron/services/db';
import { migration001 } from '../../../electron/services/db/migrations/001-initial';
import { migration002 } from '../../../electron/services/db/migrations/002-outbox';
import { migration003 } from '../../../electron/services/db/migrations/003-drafts';

let dir: string;
let sqlite: Database.Database;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'payout-desk-m003-'));
  sqlite = new Database(join(dir, 'cache.sqlite'));
  sqlite.pragma('foreign_keys = ON');
  applyMigrations(sqlite, [migration001, migration002]);
  sqlite
    .prepare(
      `INSERT INTO profiles (id, name, environment, base_url, account, key_hint, created_at)
       VALUES ('p', 'Acme', 'production', 'https://x', '0xabc', NULL, 1)`,
    )
    .run();
});
afterEach(() => {
  sqlite.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('migration 003: drafts', () => {
  it('upgrades a schema-2 database and keeps its rows', () => {
    expect(applyMigrations(sqlite, [migration001, migration002, migration003])).toEqual([3]);
    expect(readSchemaVersion(sqlite)).toBe(3);
    expect(sqlite.prepare('SELECT count(*) AS n FROM profiles').get()).toEqual({ n: 1 });
  });

  it('refuses a row verdict outside ok/warning/error and cascades a deleted draft', () => {
    applyMigrations(sqlite, [migration001, migration002, migration003]);
    sqlite
      .prepare(
        `INSERT INTO drafts (id, profile_id, name, state, created_ms, updated_ms)
         VALUES ('d', 'p', 'Payroll', 'editing', 1, 1)`,
      )
      .run();
    const insertRow = sqlite.prepare(
      `INSERT INTO draft_rows (draft_id, row_no, line, address, amount, currency, verdict,
         problems_json) VALUES ('d', ?, 2, 'a', '1', 'TRX', ?, '[]')`,
    );
    insertRow.run(1, 'ok');
    expect(() => insertRow.run(2, 'fine')).toThrow(/CHECK/);
    sqlite.prepare("DELETE FROM drafts WHERE id = 'd'").run();
    expect(sqlite.prepare('SELECT count(*) AS n FROM draft_rows').get()).toEqual({ n: 0 });
  });

  it('deleting a profile deletes its drafts', () => {
    applyMigrations(sqlite, [migration001, migration002, migration003]);
    sqlite
      .prepare(
        `INSERT INTO drafts (id, profile_id, name, state, created_ms, updated_ms)
         VALUES ('d', 'p', 'Payroll', 'editing', 1, 1)`,
      )
      .run();
    sqlite.prepare("DELETE FROM profiles WHERE id = 'p'").run();
    expect(sqlite.prepare('SELECT count(*) AS n FROM drafts').get()).toEqual({ n: 0 });
  });
});
