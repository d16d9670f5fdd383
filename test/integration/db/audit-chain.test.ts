import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAuditLog, openDatabase, type CacheDatabase } from '../../../electron/services/db';

let dir: string;
let file: string;
let db: CacheDatabase;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'payout-desk-audit-'));
  file = join(dir, 'payout-desk.sqlite');
  db = openDatabase(file);
  const audit = createAuditLog(db);
  for (let n = 1; n <= 5; n += 1) {
    audit.append({
      atMs: n,
      profileId: 'p',
      action: 'payout.submitted',
      detail: { amount: `${n}.5` },
    });
  }
  db.close();
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** What someone with the sqlite3 shell could do to the file behind the app's back. */
function tamper(sql: string) {
  const raw = new Database(file);
  raw.exec('DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;');
  raw.exec(sql);
  raw.close();
}

function verify() {
  db = openDatabase(file);
  try {
    return createAuditLog(db).verify();
  } finally {
    db.close();
  }
}

// Without a key (no keychain): the plain SHA-256 chain still finds careless edits; the keyed
// chain and a consistent re-hash are in audit-tamper.test.ts.
describe('audit log hash chain (unkeyed)', () => {
  it('verifies an untouched log', () => {
    expect(verify()).toEqual({
      ok: true,
      checked: 5,
      keying: 'unkeyed',
      keyedFromId: null,
      outboxChecked: 0,
    });
  });

  it('refuses edits and deletes through the app database', () => {
    db = openDatabase(file);
    expect(() => db.sqlite.exec("UPDATE audit_log SET action = 'x' WHERE id = 2")).toThrow(
      /append-only/,
    );
    expect(() => db.sqlite.exec('DELETE FROM audit_log WHERE id = 2')).toThrow(/append-only/);
    db.close();
  });

  it('finds an edited entry', () => {
    tamper(`UPDATE audit_log SET detail_json = '{"amount":"500.5"}' WHERE id = 3`);
    expect(verify()).toMatchObject({
      ok: false,
      firstBrokenId: 3,
      reason: expect.stringMatching(/changed/) as unknown,
    });
  });

  it('finds a deleted entry in the middle', () => {
    tamper('DELETE FROM audit_log WHERE id = 2');
    expect(verify()).toMatchObject({ ok: false, firstBrokenId: 3 });
  });

  it('finds deleted newest entries', () => {
    tamper('DELETE FROM audit_log WHERE id >= 4');
    expect(verify()).toMatchObject({ ok: false, firstBrokenId: 4 });
  });

  it('keeps chaining after a restart', () => {
    db = openDatabase(file);
    createAuditLog(db).append({ atMs: 9, profileId: null, action: 'profile.removed', detail: {} });
    db.close();
    expect(verify()).toMatchObject({ ok: true, checked: 6, keying: 'unkeyed' });
  });
});

describe('npm run audit:verify', () => {
  const run = (dataDir: string) =>
    spawnSync(
      'npm',
      // A keychain service with no audit key: this log was never sealed.
      [
        'run',
        'audit:verify',
        '--',
        '--data-dir',
        dataDir,
        '--keychain-service',
        'payout-desk-none',
      ],
      { encoding: 'utf8' },
    );

  it('says the log is intact, then names the first broken link', () => {
    const intact = run(dir);
    expect(intact.status).toBe(0);
    expect(intact.stdout).toMatch(/intact: 5 entries verified.*UNKEYED/);
    tamper(`UPDATE audit_log SET action = 'nothing happened' WHERE id = 2`);
    const broken = run(dir);
    expect(broken.status).toBe(1);
    expect(broken.stdout).toMatch(/BROKEN at entry 2/);
  });

  it('exits 2 when there is no database', () => {
    expect(run(join(dir, 'missing')).status).toBe(2);
  });
});
