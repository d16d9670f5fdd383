import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  applyMigrations,
  DatabaseTooNewError,
  LATEST_SCHEMA_VERSION,
  MIGRATIONS,
  openDatabase,
  readSchemaVersion,
  type Migration,
} from '../../../electron/services/db';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'payout-desk-migrations-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

describe('openDatabase and migrations', () => {
  it('brings an empty file to the latest version with every table', () => {
    const db = openDatabase(join(dir, 'cache.sqlite'));
    try {
      expect(db.schemaVersion).toBe(LATEST_SCHEMA_VERSION);
      expect(readSchemaVersion(db.sqlite)).toBe(MIGRATIONS.length);
      const names = db.sqlite
        .prepare<[], string>("SELECT name FROM sqlite_schema WHERE type = 'table'")
        .pluck()
        .all();
      for (const table of [
        'profiles',
        'payouts',
        'withdrawals',
        'sync_state',
        'audit_log',
        'payouts_search',
        'search_index_state',
      ]) {
        expect(names).toContain(table);
      }
      expect(db.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
      expect(db.sqlite.pragma('synchronous', { simple: true })).toBe(1); // NORMAL
      expect(db.sqlite.pragma('busy_timeout', { simple: true })).toBeGreaterThan(0);
    } finally {
      db.close();
    }
  });

  it('reopens a current file without applying anything again', () => {
    const file = join(dir, 'cache.sqlite');
    openDatabase(file).close();
    const sqlite = new Database(file);
    try {
      expect(applyMigrations(sqlite, MIGRATIONS)).toEqual([]);
      expect(readSchemaVersion(sqlite)).toBe(LATEST_SCHEMA_VERSION);
    } finally {
      sqlite.close();
    }
  });

  it('refuses a database from a newer version and leaves the file as it was', () => {
    const file = join(dir, 'cache.sqlite');
    openDatabase(file).close();
    const future = LATEST_SCHEMA_VERSION + 41;
    const raw = new Database(file);
    raw.pragma(`user_version = ${String(future)}`);
    raw.pragma('journal_mode = DELETE');
    raw.close();
    const before = sha256(file);
    const mtime = statSync(file).mtimeMs;

    let caught: unknown;
    try {
      openDatabase(file).close();
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(DatabaseTooNewError);
    const error = caught as DatabaseTooNewError;
    expect(error.code).toBe('DATABASE_TOO_NEW');
    expect(error.databaseVersion).toBe(future);
    expect(error.supportedVersion).toBe(LATEST_SCHEMA_VERSION);
    expect(error.message).toContain(String(future));
    expect(error.message).toContain(String(LATEST_SCHEMA_VERSION));
    expect(error.message).toMatch(/update/i);

    expect(sha256(file)).toBe(before);
    expect(statSync(file).mtimeMs).toBe(mtime);
    const check = new Database(file, { readonly: true });
    expect(check.pragma('journal_mode', { simple: true })).toBe('delete');
    check.close();
  });

  it('rolls a failing migration back completely, version included', () => {
    const sqlite = new Database(join(dir, 'cache.sqlite'));
    const broken: Migration = {
      version: 2,
      name: 'broken',
      up: (db) => {
        db.exec('CREATE TABLE half_done (id INTEGER)');
        db.exec('INSERT INTO no_such_table VALUES (1)');
      },
    };
    try {
      expect(() => applyMigrations(sqlite, [...MIGRATIONS.slice(0, 1), broken])).toThrow(
        /no_such_table/,
      );
      expect(readSchemaVersion(sqlite)).toBe(1);
      const halfDone = sqlite
        .prepare("SELECT count(*) FROM sqlite_schema WHERE name = 'half_done'")
        .pluck()
        .get();
      expect(halfDone).toBe(0);
    } finally {
      sqlite.close();
    }
  });

  it('refuses a migration list with a gap', () => {
    const sqlite = new Database(':memory:');
    const skip: Migration = { version: 3, name: 'skips-2', up: () => undefined };
    try {
      expect(() => applyMigrations(sqlite, [...MIGRATIONS.slice(0, 1), skip])).toThrow(
        /out of order/,
      );
      expect(readSchemaVersion(sqlite)).toBe(0);
    } finally {
      sqlite.close();
    }
  });

  it('refuses a file that is not a database without overwriting it', () => {
    const file = join(dir, 'notes.sqlite');
    writeFileSync(file, 'these are not the pages you are looking for'.repeat(200));
    const before = sha256(file);
    expect(() => openDatabase(file)).toThrow(/not a database/);
    expect(sha256(file)).toBe(before);
  });
});
