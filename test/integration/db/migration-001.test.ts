import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyMigrations, readSchemaVersion } from '../../../electron/services/db';
import { migration001 } from '../../../electron/services/db/migrations/001-initial';

let dir: string;
let sqlite: Database.Database;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'payout-desk-m001-'));
  sqlite = new Database(join(dir, 'cache.sqlite'));
  sqlite.pragma('foreign_keys = ON');
  expect(applyMigrations(sqlite, [migration001])).toEqual([1]);
});
afterEach(() => {
  sqlite.close();
  rmSync(dir, { recursive: true, force: true });
});

const columns = (table: string) =>
  sqlite.prepare<[string], string>('SELECT name FROM pragma_table_info(?)').pluck().all(table);
const indexes = (table: string) =>
  sqlite.prepare<[string], string>('SELECT name FROM pragma_index_list(?)').pluck().all(table);

function addProfile(id: string): number {
  sqlite
    .prepare(
      `INSERT INTO profiles (id, name, environment, base_url, account, key_hint, created_at)
       VALUES (?, 'Acme', 'production', 'https://x', '0xabc', 'c529…2430', 1)`,
    )
    .run(id);
  return (
    sqlite.prepare<[string], number>('SELECT ref FROM profiles WHERE id = ?').pluck().get(id) ?? 0
  );
}

function addPayout(ref: number, id: string): void {
  sqlite
    .prepare(
      `INSERT INTO payouts (profile_ref, kind, id, state, currency, amount, amount_sort, date_ms,
         is_final, first_seen_ms, synced_at_ms, raw_json)
       VALUES (?, 'single', ?, 'COMPLETED', 'USDT', '1', 'p011', 1, 1, 1, 1, '{}')`,
    )
    .run(ref, id);
}

describe('migration 001 (initial schema)', () => {
  it('records version 1', () => {
    expect(readSchemaVersion(sqlite)).toBe(1);
  });

  it('creates the payouts table with the history columns and raw JSON', () => {
    expect(columns('payouts')).toEqual([
      'row_id',
      'profile_ref',
      'kind',
      'id',
      'state',
      'currency',
      'amount',
      'amount_sort',
      'fee',
      'deposit_address',
      'label',
      'comment',
      'idempotency_key',
      'transaction_hash',
      'date_ms',
      'execution_date_ms',
      'is_final',
      'first_seen_ms',
      'synced_at_ms',
      'raw_json',
    ]);
    expect(indexes('payouts')).toEqual(
      expect.arrayContaining([
        'payouts_by_date',
        'payouts_by_amount',
        'payouts_by_state',
        'payouts_by_currency',
        'payouts_scheduled',
        'payouts_open',
      ]),
    );
    expect(indexes('withdrawals')).toContain('withdrawals_by_deal');
  });

  it('keeps no column for a secret in profiles, and refuses a whole key as hint', () => {
    expect(columns('profiles')).toEqual([
      'ref',
      'id',
      'name',
      'environment',
      'base_url',
      'account',
      'key_hint',
      'created_at',
      'last_synced_at',
    ]);
    expect(() =>
      sqlite
        .prepare(
          `INSERT INTO profiles (id, name, environment, base_url, account, key_hint, created_at)
           VALUES ('p2', 'X', 'production', 'u', 'a', 'c5290b7a77a54f4e8a4b2430', 1)`,
        )
        .run(),
    ).toThrow(/CHECK constraint/);
    expect(() =>
      sqlite
        .prepare(
          `INSERT INTO profiles (id, name, environment, base_url, account, created_at)
           VALUES ('p3', 'X', 'staging', 'u', 'a', 1)`,
        )
        .run(),
    ).toThrow(/CHECK constraint/);
  });

  it('is STRICT: a column refuses a value of the wrong type instead of storing it', () => {
    const ref = addProfile('p1');
    expect(() =>
      sqlite
        .prepare(
          `INSERT INTO payouts (profile_ref, kind, id, state, currency, amount, amount_sort,
             date_ms, is_final, first_seen_ms, synced_at_ms, raw_json)
           VALUES (?, 'single', 'x', 'COMPLETED', 'USDT', '1', 'p011', 'yesterday', 1, 1, 1, '{}')`,
        )
        .run(ref),
    ).toThrow(/cannot store TEXT value in INTEGER column/);
  });

  it('makes the audit log append-only', () => {
    sqlite
      .prepare(
        "INSERT INTO audit_log (at_ms, profile_id, action, detail_json) VALUES (1, 'p1', 'a', '{}')",
      )
      .run();
    expect(() => sqlite.prepare("UPDATE audit_log SET action = 'b'").run()).toThrow(/append-only/);
    expect(() => sqlite.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
    expect(sqlite.prepare('SELECT action FROM audit_log').pluck().get()).toBe('a');
  });

  it('cascades a profile delete to its rows and drops them from the search index', () => {
    const ref = addProfile('p1');
    const other = addProfile('p2');
    addPayout(ref, 'payout-aaa');
    addPayout(other, 'payout-bbb');
    sqlite.exec(`INSERT INTO payouts_search (rowid, text) SELECT row_id, id FROM payouts`);
    sqlite.prepare("INSERT INTO sync_state (profile_id, kind) VALUES ('p1', 'single')").run();
    const hits = (trigram: string) =>
      sqlite
        .prepare<[string], number>(
          'SELECT count(*) FROM payouts_search WHERE payouts_search MATCH ?',
        )
        .pluck()
        .get(`"${trigram}"`);
    expect(hits('aaa')).toBe(1);

    sqlite.prepare("DELETE FROM profiles WHERE id = 'p1'").run();

    expect(sqlite.prepare('SELECT id FROM payouts').pluck().all()).toEqual(['payout-bbb']);
    expect(sqlite.prepare('SELECT count(*) FROM sync_state').pluck().get()).toBe(0);
    expect(hits('aaa')).toBe(0);
    expect(hits('bbb')).toBe(1);
  });

  it('never hands out a deleted payout row id again', () => {
    const ref = addProfile('p1');
    addPayout(ref, 'a');
    addPayout(ref, 'b');
    const last = sqlite.prepare('SELECT max(row_id) FROM payouts').pluck().get();
    sqlite.prepare("DELETE FROM payouts WHERE id = 'b'").run();
    addPayout(ref, 'c');
    const reused = sqlite.prepare("SELECT row_id FROM payouts WHERE id = 'c'").pluck().get();
    expect(reused).toBeGreaterThan(last as number);
  });
});
