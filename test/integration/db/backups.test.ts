// Backups and the recovery of a damaged cache, on real SQLite files.
import {
  existsSync,
  mkdtempSync,
  openSync,
  readdirSync,
  rmSync,
  writeFileSync,
  writeSync,
  closeSync,
  statSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  BACKUPS_KEPT,
  createAuditLog,
  createBackups,
  damageOf,
  listBackups,
  openDatabase,
  openDatabaseWithRecovery,
  type CacheDatabase,
} from '../../../electron/services/db';
import type { Logger } from '../../../electron/services/log';

let dir: string;
let file: string;
let backupsDir: string;
let clock: number;
const now = () => clock;
const logged: { level: string; message: string }[] = [];
const log: Logger = {
  info: (message) => logged.push({ level: 'info', message }),
  warn: (message) => logged.push({ level: 'warn', message }),
  error: (message) => logged.push({ level: 'error', message }),
};

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'payout-desk-backups-'));
  file = join(dir, 'payout-desk.sqlite');
  backupsDir = join(dir, 'backups');
  clock = Date.UTC(2026, 11, 1, 10, 0, 0);
  logged.length = 0;
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** A cache with enough audit entries to span many pages. */
function fill(db: CacheDatabase, from: number, count: number) {
  const audit = createAuditLog(db);
  for (let n = from; n < from + count; n += 1) {
    audit.append({
      atMs: n,
      profileId: 'p',
      action: 'payout.submitted',
      detail: { n, pad: 'x'.repeat(200) },
    });
  }
}

/** Garbage over every page after the first: the header still says "SQLite". */
function corruptPages(target: string) {
  const size = statSync(target).size;
  const fd = openSync(target, 'r+');
  const garbage = Buffer.alloc(4096, 0xa5);
  for (let offset = 4096; offset < size; offset += 4096) writeSync(fd, garbage, 0, 4096, offset);
  closeSync(fd);
}

/** The value, or a failed test when it is missing. */
function must<T>(value: T | null | undefined): T {
  if (value === null || value === undefined) throw new Error('expected a value');
  return value;
}

describe('backups', () => {
  it('keeps the newest 7, each a sound copy of the cache as it was', async () => {
    const db = openDatabase(file);
    const backups = createBackups({ db, dir: backupsDir, now, log });
    for (let n = 0; n < BACKUPS_KEPT + 2; n += 1) {
      fill(db, n * 10, 10);
      clock += 60_000;
      await backups.backupNow('test');
    }
    await backups.close();
    db.close();
    const kept = listBackups(backupsDir);
    expect(kept).toHaveLength(BACKUPS_KEPT);
    expect(kept[0]?.atMs).toBe(clock);
    expect(readdirSync(backupsDir)).toHaveLength(BACKUPS_KEPT);
    const newest = new Database(must(kept[0]).file, { readonly: true });
    expect(newest.prepare('SELECT count(*) FROM audit_log').pluck().get()).toBe(90);
    newest.close();
    expect(damageOf(must(kept[6]).file, true)).toBeNull();
  });

  it('logs a failed backup instead of throwing', async () => {
    const db = openDatabase(file);
    writeFileSync(backupsDir, 'a file where the folder should be');
    const backups = createBackups({ db, dir: backupsDir, now, log });
    backups.backupSoon('payout created');
    await backups.close();
    db.close();
    expect(logged).toContainEqual({ level: 'error', message: 'database backup failed' });
  });

  it('backs up daily: at start when the newest is a day old, not when it is fresh', async () => {
    const db = openDatabase(file);
    const first = createBackups({ db, dir: backupsDir, now, log });
    first.startDaily();
    await first.close();
    expect(listBackups(backupsDir)).toHaveLength(1);
    clock += 60 * 60 * 1000;
    const second = createBackups({ db, dir: backupsDir, now, log });
    second.startDaily();
    await second.close();
    expect(listBackups(backupsDir)).toHaveLength(1);
    clock += 24 * 60 * 60 * 1000;
    const third = createBackups({ db, dir: backupsDir, now, log });
    third.startDaily();
    await third.close();
    expect(listBackups(backupsDir)).toHaveLength(2);
    db.close();
  });
});

describe('a damaged cache at start', () => {
  async function cacheWithBackups() {
    const db = openDatabase(file);
    const backups = createBackups({ db, dir: backupsDir, now, log });
    fill(db, 0, 50);
    clock += 1000;
    const older = await backups.backupNow('test');
    fill(db, 50, 50);
    clock += 1000;
    const newer = await backups.backupNow('test');
    fill(db, 100, 200);
    await backups.close();
    db.close();
    return { older, newer };
  }

  it('is set aside and the newest sound backup restored', async () => {
    const { newer } = await cacheWithBackups();
    corruptPages(file);
    expect(damageOf(file)).not.toBeNull();
    clock += 1000;
    const { db, restored } = openDatabaseWithRecovery(file, backupsDir, {}, now);
    expect(restored).toMatchObject({ restoredFrom: newer, atMs: clock });
    expect(existsSync(must(restored).damagedFile)).toBe(true);
    expect(must(restored).damagedFile).toMatch(/payout-desk\.damaged-\d{8}T\d{9}Z\.sqlite$/);
    expect(db.sqlite.prepare('SELECT count(*) FROM audit_log').pluck().get()).toBe(100);
    expect(createAuditLog(db).verify()).toMatchObject({ ok: true, checked: 100 });
    db.close();
  });

  it('skips a backup that is damaged too', async () => {
    const { older, newer } = await cacheWithBackups();
    writeFileSync(file, Buffer.alloc(8192, 0x5a)); // not even a SQLite header
    corruptPages(newer.file);
    const { db, restored } = openDatabaseWithRecovery(file, backupsDir, {}, now);
    expect(restored?.restoredFrom).toEqual(older);
    expect(restored?.cause).toMatch(/not a database/);
    expect(db.sqlite.prepare('SELECT count(*) FROM audit_log').pluck().get()).toBe(50);
    db.close();
  });

  it('starts an empty cache when no backup is sound, and still keeps the damaged file', () => {
    const db0 = openDatabase(file);
    fill(db0, 0, 200);
    db0.close();
    corruptPages(file);
    const { db, restored } = openDatabaseWithRecovery(file, backupsDir, {}, now);
    expect(restored).toMatchObject({ restoredFrom: null });
    expect(existsSync(must(restored).damagedFile)).toBe(true);
    expect(db.sqlite.prepare('SELECT count(*) FROM audit_log').pluck().get()).toBe(0);
    db.close();
  });

  it('leaves a sound cache where it is', () => {
    openDatabase(file).close();
    const { db, restored } = openDatabaseWithRecovery(file, backupsDir, {}, now);
    expect(restored).toBeNull();
    db.close();
    expect(readdirSync(dir).filter((name) => name.includes('damaged'))).toEqual([]);
  });
});
