import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyMigrations, readSchemaVersion } from '../../../electron/services/db';
import { migration001 } from '../../../electron/services/db/migrations/001-initial';
import { migration002 } from '../../../electron/services/db/migrations/002-outbox';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'payout-desk-m002-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('migration 002: outbox', () => {
  it('upgrades a schema-1 database that already holds profiles', () => {
    const file = join(dir, 'cache.sqlite');
    const sqlite = new Database(file);
    applyMigrations(sqlite, [migration001]);
    sqlite
      .prepare(
        `INSERT INTO profiles (id, name, environment, base_url, account, key_hint, created_at)
         VALUES ('p', 'Acme', 'production', 'https://x', '0xabc', NULL, 1)`,
      )
      .run();
    expect(applyMigrations(sqlite, [migration001, migration002])).toEqual([2]);
    expect(readSchemaVersion(sqlite)).toBe(2);
    const columns = sqlite
      .prepare<[], string>("SELECT name FROM pragma_table_info('outbox')")
      .pluck()
      .all();
    expect(columns).toEqual(
      expect.arrayContaining(['request_id', 'profile_id', 'payload_json', 'state', 'result_id']),
    );
    sqlite.close();
  });
});
