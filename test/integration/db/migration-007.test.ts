import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyMigrations, createAuditLog, openDatabase } from '../../../electron/services/db';
import { payloadHash } from '../../../electron/services/payouts/payload-hash';
import { MIGRATIONS } from '../../../electron/services/db/migrations';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'payout-desk-m007-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** A database as the build before schema 7 left it, with two outbox rows; returns its head. */
function schema6(file: string) {
  const sqlite = new Database(file);
  sqlite.pragma('foreign_keys = ON');
  applyMigrations(sqlite, MIGRATIONS.slice(0, 6));
  sqlite
    .prepare(
      `INSERT INTO profiles (id, name, environment, base_url, account, key_hint, created_at)
       VALUES ('p', 'Acme', 'production', 'https://x', '0xabc', NULL, 1)`,
    )
    .run();
  const insertOutbox = sqlite.prepare(
    `INSERT INTO outbox (request_id, profile_id, kind, payload_json, payload_hash,
       target_base_url, target_account, state, created_ms, updated_ms, expires_ms)
     VALUES (?, 'p', 'single', ?, ?, 'https://x', '0xabc', 'pending', ?, ?, 86400000)`,
  );
  for (const [requestId, json, atMs] of [
    ['r1', '{"amount":"1"}', 1],
    ['r2', '{"amount":"2"}', 2],
  ] as const) {
    insertOutbox.run(requestId, json, payloadHash(json), atMs, atMs);
  }
  const head = sqlite.prepare('SELECT last_id FROM audit_head').pluck().get();
  sqlite.close();
  return head;
}

describe('migration 007: audit key', () => {
  it('names the outbox rows it finds in one chained entry, and the log verifies unkeyed', () => {
    const file = join(dir, 'cache.sqlite');
    expect(schema6(file)).toBe(0);
    const db = openDatabase(file);
    const audit = createAuditLog(db);
    const [recorded] = audit.list();
    expect(recorded).toMatchObject({
      id: 1,
      action: 'audit.outbox-recorded',
      detail: {
        intents: [
          { requestId: 'r1', payloadHash: payloadHash('{"amount":"1"}') },
          { requestId: 'r2', payloadHash: payloadHash('{"amount":"2"}') },
        ],
      },
    });
    expect(audit.verify()).toEqual({
      ok: true,
      checked: 1,
      keying: 'unkeyed',
      keyedFromId: null,
      outboxChecked: 2,
    });
    expect(audit.findIntent('r2')).toMatchObject({
      entryId: 1,
      check: { ok: true, sealed: false },
    });
    // The new columns keep the append-only triggers: the app cannot edit an entry either.
    expect(() => db.sqlite.exec('UPDATE audit_log SET keyed = 1')).toThrow(/append-only/);
    db.close();
  });

  it('adds nothing to the log of a database without outbox rows', () => {
    const file = join(dir, 'empty.sqlite');
    const db = openDatabase(file);
    expect(createAuditLog(db).list()).toEqual([]);
    expect(
      db.sqlite.prepare('SELECT key_id, keyed_from_id, head_mac FROM audit_head').get(),
    ).toEqual({ key_id: null, keyed_from_id: null, head_mac: null });
    db.close();
  });
});
