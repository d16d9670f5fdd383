/**
 * Copies of the local cache in `<data dir>/backups`, taken with SQLite's online backup (the
 * desk keeps running), after every submission and at least daily; the newest 7 are kept. A
 * damaged cache is replaced by the newest backup that opens and passes `quick_check`
 * (recovery.ts), and its pending outbox entries are then resolved by lookup.
 *
 * A backup is never on a handler's path: `backupSoon` returns at once, and a failure is
 * logged, not thrown (a full disk must not turn a sent payout into an error).
 */
import { mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from '../log';
import type { CacheDatabase } from './database';

export const BACKUPS_KEPT = 7;
const DAY_MS = 24 * 60 * 60 * 1000;
const HOUR_MS = 60 * 60 * 1000;

/** payout-desk-20261201T101500123Z.sqlite: the name sorts by time and says when. */
const BACKUP_NAME = /^payout-desk-(\d{8}T\d{9}Z)\.sqlite$/;
const PARTIAL_SUFFIX = '.partial';

export type BackupInfo = { file: string; atMs: number };

export type Backups = {
  /** Writes one backup now (one at a time), then keeps the newest 7. */
  backupNow: (reason: string) => Promise<BackupInfo>;
  /** The same in the background: returns at once, a failure goes to the log. */
  backupSoon: (reason: string) => void;
  /** Newest first. */
  list: () => BackupInfo[];
  /** A backup at once if the newest is a day old (or there is none), then checked hourly. */
  startDaily: () => void;
  /** Stops the timer and waits for a backup under way. */
  close: () => Promise<void>;
};

export type BackupsOptions = {
  db: CacheDatabase;
  dir: string;
  now: () => number;
  log: Logger;
  keep?: number;
  dailyMs?: number;
  checkEveryMs?: number;
};

function stampOf(atMs: number): string {
  return new Date(atMs).toISOString().replace(/[-:.]/g, '');
}

function parseStamp(stamp: string): number {
  const iso = `${stamp.slice(0, 4)}-${stamp.slice(4, 6)}-${stamp.slice(6, 8)}T${stamp.slice(9, 11)}:${stamp.slice(11, 13)}:${stamp.slice(13, 15)}.${stamp.slice(15, 18)}Z`;
  return Date.parse(iso);
}

/** The backups in `dir`, newest first (partial copies and other files are not backups). */
export function listBackups(dir: string): BackupInfo[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  const found: BackupInfo[] = [];
  for (const name of names) {
    const match = BACKUP_NAME.exec(name);
    if (match?.[1] === undefined) continue;
    const atMs = parseStamp(match[1]);
    if (Number.isFinite(atMs)) found.push({ file: join(dir, name), atMs });
  }
  return found.sort((a, b) => b.atMs - a.atMs);
}

export function createBackups(options: BackupsOptions): Backups {
  const { db, dir, now, log } = options;
  const keep = options.keep ?? BACKUPS_KEPT;
  const dailyMs = options.dailyMs ?? DAY_MS;
  const checkEveryMs = options.checkEveryMs ?? HOUR_MS;
  let queue: Promise<unknown> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;
  let closed = false;

  function prune() {
    for (const old of listBackups(dir).slice(keep)) rmSync(old.file, { force: true });
    for (const name of readdirSync(dir)) {
      // A copy cut short by a crash; never a backup (the name does not match).
      if (name.endsWith(PARTIAL_SUFFIX)) rmSync(join(dir, name), { force: true });
    }
  }

  async function writeBackup(reason: string): Promise<BackupInfo> {
    mkdirSync(dir, { recursive: true });
    const newest = listBackups(dir)[0];
    // Strictly after the newest: two backups in one millisecond keep distinct names.
    const atMs = Math.max(now(), (newest?.atMs ?? 0) + 1);
    const file = join(dir, `payout-desk-${stampOf(atMs)}.sqlite`);
    const partial = `${file}${PARTIAL_SUFFIX}`;
    try {
      await db.sqlite.backup(partial);
      // Renamed only once complete: a half-written copy is never taken for a backup.
      renameSync(partial, file);
    } catch (error) {
      rmSync(partial, { force: true });
      throw error;
    }
    prune();
    log.info('database backed up', { reason, file });
    return { file, atMs };
  }

  function backupNow(reason: string): Promise<BackupInfo> {
    if (closed) return Promise.reject(new Error('the database is closed'));
    const next = queue.then(() => writeBackup(reason));
    queue = next.catch(() => undefined);
    return next;
  }

  function backupSoon(reason: string) {
    if (closed) return;
    backupNow(reason).catch((error: unknown) => {
      log.error('database backup failed', {
        reason,
        error: error instanceof Error ? error.message : String(error),
      });
    });
  }

  function dailyCheck() {
    const newest = listBackups(dir)[0];
    if (newest === undefined || now() - newest.atMs >= dailyMs) backupSoon('daily');
  }

  return {
    backupNow,
    backupSoon,
    list: () => listBackups(dir),
    startDaily: () => {
      dailyCheck();
      timer ??= setInterval(dailyCheck, checkEveryMs);
      timer.unref();
    },
    close: async () => {
      closed = true;
      if (timer) clearInterval(timer);
      await queue;
    },
  };
}
