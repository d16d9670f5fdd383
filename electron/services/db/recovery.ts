/**
 * Opening the cache at start when it may be damaged (a disk error, a crash of the OS, a file
 * edited by hand). A file that cannot be opened or fails `PRAGMA quick_check` is moved aside,
 * never deleted, and the newest backup that opens and passes quick_check takes its place.
 *
 * The check runs only when the last process did not close the file cleanly or something wrote
 * to it since (clean-close.ts): after a normal quit the file is as SQLite left it, and reading
 * every page took ~0.6 s of each start on 100,000 payouts.
 *
 * Restored automatically, not on request: the desk cannot run without its cache, and an
 * empty one would forget the outbox, so a payout whose outcome is unknown could be entered
 * and paid again. The backup brings its outbox back, and the sync pass at start resolves its
 * pending entries by lookup. The person is told (a startup notice) what happened, where the
 * damaged file is and which backup is now in use (docs/audit-chain.md, "Backups").
 */
import { copyFileSync, existsSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { listBackups, type BackupInfo } from './backups';
import { beginCacheSession, type CacheSession } from './clean-close';
import { openDatabase, type CacheDatabase, type OpenDatabaseOptions } from './database';
import { LATEST_SCHEMA_VERSION } from './migrations';
import { readSchemaVersion } from './migrate';

export type DatabaseRestore = {
  atMs: number;
  /** Why the file was taken for damaged, in SQLite's words. */
  cause: string;
  damagedFile: string;
  restoredFrom: BackupInfo | null;
};

export type RecoveredDatabase = {
  db: CacheDatabase;
  restored: DatabaseRestore | null;
  /** Whether quick_check ran (not for a new file, nor after a clean close with no write since). */
  checked: boolean;
};

/** What SQLite says about a damaged file (not a lock, a full disk or a newer schema). */
function isDamage(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return (
    typeof code === 'string' && (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB')
  );
}

/** null when the file is sound, else what is wrong with it. Throws on anything but damage. */
export function damageOf(file: string, readonly = false): string | null {
  let sqlite: Database.Database | undefined;
  try {
    sqlite = new Database(file, { readonly, fileMustExist: true });
    const result: unknown = sqlite.pragma('quick_check', { simple: true });
    return result === 'ok' ? null : `quick_check: ${String(result)}`;
  } catch (error) {
    if (isDamage(error)) return error instanceof Error ? error.message : String(error);
    throw error;
  } finally {
    sqlite?.close();
  }
}

function stampOf(atMs: number): string {
  return new Date(atMs).toISOString().replace(/[-:.]/g, '');
}

/** payout-desk.sqlite (+ -wal, -shm) -> payout-desk.damaged-<time>.sqlite (+ -wal, -shm). */
function moveAside(file: string, atMs: number): string {
  const name = basename(file).replace(/\.sqlite$/, '');
  const damaged = join(dirname(file), `${name}.damaged-${stampOf(atMs)}.sqlite`);
  renameSync(file, damaged);
  // Kept together, so the damaged file can still be opened with whatever its journal holds.
  for (const suffix of ['-wal', '-shm']) {
    if (existsSync(file + suffix)) renameSync(file + suffix, damaged + suffix);
  }
  return damaged;
}

function usableBackup(backup: BackupInfo): boolean {
  try {
    if (damageOf(backup.file, true) !== null) return false;
    const sqlite = new Database(backup.file, { readonly: true, fileMustExist: true });
    try {
      return readSchemaVersion(sqlite) <= LATEST_SCHEMA_VERSION;
    } finally {
      sqlite.close();
    }
  } catch {
    return false;
  }
}

function restoreNewestBackup(file: string, backupsDir: string): BackupInfo | null {
  const backup = listBackups(backupsDir).find(usableBackup);
  if (!backup) return null;
  const copying = `${file}.restoring`;
  copyFileSync(backup.file, copying);
  renameSync(copying, file);
  return backup;
}

/** The database, whose close also tells the session the file was closed cleanly. */
function closingSession(db: CacheDatabase, session: CacheSession): CacheDatabase {
  return {
    ...db,
    close: () => {
      db.close();
      session.closed();
    },
  };
}

export function openDatabaseWithRecovery(
  file: string,
  backupsDir: string,
  options: OpenDatabaseOptions = {},
  now: () => number = Date.now,
): RecoveredDatabase {
  const session = beginCacheSession(file);
  try {
    const checked = existsSync(file) && !session.closedCleanly;
    const { db, restored } = openChecked(file, backupsDir, options, now, checked);
    // The crash a leftover marker stands for has been checked (or its file replaced).
    if (checked) session.forgetCrashed();
    return { db: closingSession(db, session), restored, checked };
  } catch (error) {
    session.abandon();
    throw error;
  }
}

function openChecked(
  file: string,
  backupsDir: string,
  options: OpenDatabaseOptions,
  now: () => number,
  check: boolean,
): Omit<RecoveredDatabase, 'checked'> {
  let cause = check ? damageOf(file) : null;
  if (cause === null) {
    try {
      return { db: openDatabase(file, options), restored: null };
    } catch (error) {
      // quick_check reads the b-trees; a page it skipped can still fail the first real read
      // (and without the check, that read is the first to find damage).
      if (!isDamage(error)) throw error;
      cause = error instanceof Error ? error.message : String(error);
    }
  }
  const atMs = now();
  const damagedFile = moveAside(file, atMs);
  rmSync(`${file}.restoring`, { force: true });
  const restoredFrom = restoreNewestBackup(file, backupsDir);
  const db = openDatabase(file, options);
  if (restoredFrom) onlyLookUpRestoredIntents(db, atMs);
  return { db, restored: { atMs, cause, damagedFile, restoredFrom } };
}

/**
 * The backup knows its unresolved intents only as they were when it was taken: since then the
 * person may have cancelled one (and paid another way), or it may have expired. So none of
 * them is ever sent from the restored file: each becomes pending and due now, which the next
 * resolution settles by lookup alone (found: done; Calypso has none: expired, docs/intents.md).
 */
function onlyLookUpRestoredIntents(db: CacheDatabase, atMs: number): void {
  db.sqlite
    .prepare(
      `UPDATE outbox SET state = 'pending', expires_ms = min(expires_ms, @atMs),
         error_message = @reason, updated_ms = @atMs
       WHERE state IN ('not-sent', 'pending')`,
    )
    .run({
      atMs,
      reason:
        'Restored from a backup: it is only looked up at Calypso, never sent again. If nothing was created, confirm it again.',
    });
}
