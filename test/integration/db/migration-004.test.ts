import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyMigrations, createAuditLog, openDatabase } from '../../../electron/services/db';
import { migration001 } from '../../../electron/services/db/migrations/001-initial';
import { migration002 } from '../../../electron/services/db/migrations/002-outbox';
import { migration003 } from '../../../electron/services/db/migrations/003-drafts';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'payout-desk-m004-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('migration 004: audit chain', () => {
  it('chains the entries a schema-3 database already has, then keeps chaining', () => {
    const file = join(dir, 'cache.sqlite');
    const sqlite = new Database(file);
    applyMigrations(sqlite, [migration001, migration002, migration003]);
    const insert = sqlite.prepare(
      "INSERT INTO audit_log (at_ms, profile_id, action, detail_json) VALUES (?, 'p', ?, '{}')",
    );
    insert.run(1, 'profile.added');
    insert.run(2, 'draft.imported');
    sqlite.close();

    const db = openDatabase(file);
    const audit = createAuditLog(db);
    expect(audit.verify()).toMatchObject({ ok: true, checked: 2 });
    audit.append({ atMs: 3, profileId: 'p', action: 'draft.submitted', detail: { batches: 2 } });
    expect(audit.verify()).toMatchObject({ ok: true, checked: 3 });
    // The append-only triggers are back after the backfill.
    expect(() => db.sqlite.exec("UPDATE audit_log SET action = 'x'")).toThrow(/append-only/);
    db.close();
  });
});
