/**
 * What someone with write access to the SQLite file (the sqlite3 shell) but not to the
 * keychain can do to the audit log: drop the append-only triggers, change the entries, and
 * re-chain them consistently with plain SHA-256, the only link they can compute. They cannot
 * compute a head MAC, so they claim the log was never keyed.
 */
import Database from 'better-sqlite3';
import { entryHash, GENESIS_HASH } from '../../electron/services/db/audit-chain';

export type AuditRow = {
  id: number;
  at_ms: number;
  profile_id: string | null;
  action: string;
  detail_json: string;
};

/** A second connection to the file, with the append-only triggers dropped. */
export function rawConnection<T>(file: string, use: (sqlite: Database.Database) => T): T {
  const sqlite = new Database(file);
  try {
    sqlite.exec(
      'DROP TRIGGER IF EXISTS audit_log_no_update; DROP TRIGGER IF EXISTS audit_log_no_delete;',
    );
    return use(sqlite);
  } finally {
    sqlite.close();
  }
}

/** Rewrites the whole log as `change` says and re-chains it with plain SHA-256. */
export function rewriteAuditLog(file: string, change: (rows: AuditRow[]) => AuditRow[]): void {
  rawConnection(file, (sqlite) => {
    // One write transaction: a running desk must not append in the middle of the rewrite.
    sqlite
      .transaction(() => {
        const rows = change(
          sqlite
            .prepare<[], AuditRow>(
              'SELECT id, at_ms, profile_id, action, detail_json FROM audit_log ORDER BY id',
            )
            .all(),
        );
        sqlite.exec('DELETE FROM audit_log');
        let previous = GENESIS_HASH;
        const insert = sqlite.prepare(
          `INSERT INTO audit_log (id, at_ms, profile_id, action, detail_json, prev_hash, hash, keyed)
       VALUES (?, ?, ?, ?, ?, ?, ?, 0)`,
        );
        for (const row of rows) {
          const hash = entryHash(previous, {
            id: row.id,
            atMs: row.at_ms,
            profileId: row.profile_id,
            action: row.action,
            detailJson: row.detail_json,
          });
          insert.run(
            row.id,
            row.at_ms,
            row.profile_id,
            row.action,
            row.detail_json,
            previous,
            hash,
          );
          previous = hash;
        }
        sqlite
          .prepare(
            `UPDATE audit_head SET last_id = ?, last_hash = ?, head_mac = NULL, key_id = NULL,
           keyed_from_id = NULL WHERE id = 1`,
          )
          .run(rows.length, previous);
      })
      .immediate();
  });
}
