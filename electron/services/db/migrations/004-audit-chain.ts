/**
 * Schema 4: the audit log becomes a hash chain (audit-chain.ts). Existing entries are chained
 * in id order; the append-only triggers are lifted for that one backfill and put back.
 */
import { entryHash, GENESIS_HASH } from '../audit-chain';
import type { Migration } from './migration';

type Row = {
  id: number;
  at_ms: number;
  profile_id: string | null;
  action: string;
  detail_json: string;
};

export const migration004: Migration = {
  version: 4,
  name: 'audit-chain',
  up: (sqlite) => {
    sqlite.exec(`
      ALTER TABLE audit_log ADD COLUMN prev_hash TEXT;
      ALTER TABLE audit_log ADD COLUMN hash TEXT;
      CREATE TABLE audit_head (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        last_id INTEGER NOT NULL,
        last_hash TEXT NOT NULL
      ) STRICT;
      DROP TRIGGER audit_log_no_update;
    `);
    const update = sqlite.prepare('UPDATE audit_log SET prev_hash = ?, hash = ? WHERE id = ?');
    let previous = GENESIS_HASH;
    let lastId = 0;
    // all(), not iterate(): better-sqlite3 cannot update while a read cursor is open.
    for (const row of sqlite.prepare<[], Row>('SELECT * FROM audit_log ORDER BY id').all()) {
      const hash = entryHash(previous, {
        id: row.id,
        atMs: row.at_ms,
        profileId: row.profile_id,
        action: row.action,
        detailJson: row.detail_json,
      });
      update.run(previous, hash, row.id);
      previous = hash;
      lastId = row.id;
    }
    sqlite
      .prepare('INSERT INTO audit_head (id, last_id, last_hash) VALUES (1, ?, ?)')
      .run(lastId, previous);
    sqlite.exec(`
      CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
      BEGIN
        SELECT RAISE(ABORT, 'audit_log is append-only');
      END;
    `);
  },
};
