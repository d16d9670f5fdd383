// An attacker with write access to the SQLite file but not to the keychain: each edit below
// drops the append-only triggers and re-hashes the chain consistently (the algorithm is no
// secret), then `verify` must still name the tampering.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { entryHash, GENESIS_HASH } from '../../../electron/services/db/audit-chain';
import { createAuditLog, openDatabase } from '../../../electron/services/db';

type Row = {
  id: number;
  at_ms: number;
  profile_id: string | null;
  action: string;
  detail_json: string;
};

let dir: string;
let file: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'payout-desk-tamper-'));
  file = join(dir, 'payout-desk.sqlite');
  const db = openDatabase(file);
  const audit = createAuditLog(db);
  for (let n = 1; n <= 5; n += 1) {
    audit.append({
      atMs: n,
      profileId: 'p',
      action: 'payout.submitted',
      detail: { amount: `${n}` },
    });
  }
  db.close();
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** Rewrites the whole log as `change` says and re-chains it with plain SHA-256. */
function rewrite(change: (rows: Row[]) => Row[]) {
  const raw = new Database(file);
  raw.exec('DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;');
  const columns = raw.prepare<[], { name: string }>('PRAGMA table_info(audit_log)').all();
  const hasKeyed = columns.some((column) => column.name === 'keyed');
  const rows = change(
    raw
      .prepare<[], Row>(
        'SELECT id, at_ms, profile_id, action, detail_json FROM audit_log ORDER BY id',
      )
      .all(),
  );
  raw.exec('DELETE FROM audit_log');
  let previous = GENESIS_HASH;
  const insert = raw.prepare(
    `INSERT INTO audit_log (id, at_ms, profile_id, action, detail_json, prev_hash, hash)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  for (const row of rows) {
    const hash = entryHash(previous, {
      id: row.id,
      atMs: row.at_ms,
      profileId: row.profile_id,
      action: row.action,
      detailJson: row.detail_json,
    });
    insert.run(row.id, row.at_ms, row.profile_id, row.action, row.detail_json, previous, hash);
    previous = hash;
  }
  if (hasKeyed) raw.exec('UPDATE audit_log SET keyed = 0');
  const headColumns = raw.prepare<[], { name: string }>('PRAGMA table_info(audit_head)').all();
  raw
    .prepare('UPDATE audit_head SET last_id = ?, last_hash = ? WHERE id = 1')
    .run(rows.length, previous);
  if (headColumns.some((column) => column.name === 'head_mac')) {
    raw.exec('UPDATE audit_head SET head_mac = NULL, key_id = NULL, keyed_from_id = NULL');
  }
  raw.close();
}

function verify() {
  const db = openDatabase(file);
  try {
    return createAuditLog(db).verify();
  } finally {
    db.close();
  }
}

const renumber = (rows: Row[]) => rows.map((row, index) => ({ ...row, id: index + 1 }));

describe('a consistently re-hashed edit of the file is still found', () => {
  it('an edited entry', () => {
    rewrite((rows) =>
      rows.map((row) => (row.id === 3 ? { ...row, detail_json: '{"amount":"3000"}' } : row)),
    );
    expect(verify().ok).toBe(false);
  });

  it('a deleted entry', () => {
    rewrite((rows) => renumber(rows.filter((row) => row.id !== 2)));
    expect(verify().ok).toBe(false);
  });

  it('reordered entries', () => {
    rewrite((rows) => renumber([rows[0]!, rows[2]!, rows[1]!, rows[3]!, rows[4]!]));
    expect(verify().ok).toBe(false);
  });

  it('a truncated tail', () => {
    rewrite((rows) => rows.slice(0, 3));
    expect(verify().ok).toBe(false);
  });

  it('an appended entry', () => {
    rewrite((rows) => [
      ...rows,
      { id: 6, at_ms: 6, profile_id: 'p', action: 'payout.cancelled', detail_json: '{}' },
    ]);
    expect(verify().ok).toBe(false);
  });
});
