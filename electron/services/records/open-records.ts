/**
 * The tamper-evident records at start: the cache (restored from a backup if it is damaged),
 * the audit log sealed with the installation's key from the keychain, and the backups. What
 * the person must know about them is returned as startup notices (docs/audit-chain.md).
 */
import { join } from 'node:path';
import type { StartupNotice } from '../../../shared/ipc';
import {
  createAuditLog,
  createBackups,
  openDatabaseWithRecovery,
  type AuditLog,
  type Backups,
  type CacheDatabase,
  type DatabaseRestore,
  type OpenDatabaseOptions,
} from '../db';
import type { Logger } from '../log';
import { createAuditKeyVault, type SecretStore } from '../vault';

/** A keychain that shows an unlock prompt nobody answers must not keep the desk from starting. */
const KEY_READ_TIMEOUT_MS = 20_000;

export type Records = {
  db: CacheDatabase;
  audit: AuditLog;
  backups: Backups;
  notices: StartupNotice[];
};

export type OpenRecordsOptions = {
  dataDir: string;
  secretStore: SecretStore;
  now: () => number;
  log: Logger;
  database?: OpenDatabaseOptions;
};

type KeyResult = { key: Buffer; created: boolean } | { key: null; problem: string };

async function loadKey(store: SecretStore): Promise<KeyResult> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      reject(new Error('the keychain did not answer within 20 seconds'));
    }, KEY_READ_TIMEOUT_MS);
    timer.unref();
  });
  try {
    return await Promise.race([createAuditKeyVault(store).readOrCreate(), timeout]);
  } catch (error) {
    return { key: null, problem: error instanceof Error ? error.message : String(error) };
  } finally {
    clearTimeout(timer);
  }
}

function restoreNotice(restore: DatabaseRestore): StartupNotice {
  const setAside = `The local database could not be read (${restore.cause}). It was set aside, not deleted, as ${restore.damagedFile}.`;
  const message = restore.restoredFrom
    ? `${setAside} Payout Desk restored its newest sound backup, from ${new Date(restore.restoredFrom.atMs).toISOString()}: what was recorded after it comes back from Calypso with the next sync, and payouts whose outcome was unknown are being looked up (never sent again: one not created at Calypso must be confirmed again).`
    : `${setAside} No backup could be restored, so Payout Desk started with an empty cache and syncs the history again from Calypso. Payouts confirmed here whose outcome was unknown are not in it: check the history before paying anything again.`;
  return {
    kind: 'database-restored',
    atMs: restore.atMs,
    damagedFile: restore.damagedFile,
    restoredFrom: restore.restoredFrom?.file ?? null,
    backupAtMs: restore.restoredFrom?.atMs ?? null,
    message,
  };
}

export async function openRecords(options: OpenRecordsOptions): Promise<Records> {
  const { dataDir, now, log } = options;
  const backupsDir = join(dataDir, 'backups');
  const { db, restored } = openDatabaseWithRecovery(
    join(dataDir, 'payout-desk.sqlite'),
    backupsDir,
    options.database,
    now,
  );
  const notices: StartupNotice[] = [];
  try {
    const loaded = await loadKey(options.secretStore);
    const audit = createAuditLog(db, { key: loaded.key });
    if (loaded.key !== null) audit.anchorKey(loaded.created, now());
    const keying = audit.keying();
    if (loaded.key === null) log.warn('audit key unavailable', { problem: loaded.problem });
    if (keying === 'key-unavailable' && loaded.key === null) {
      notices.push({
        kind: 'audit-unsealed',
        message: `The audit log is sealed with this installation's key, but the keychain could not be read (${loaded.problem}). Entries written until Payout Desk is restarted with the keychain available are not sealed, and Verify will report them.`,
      });
    } else if (keying === 'other-key') {
      notices.push({
        kind: 'audit-unsealed',
        message:
          "The audit log was sealed with another installation's key (the database was copied from another computer, or the keychain entry was replaced). New entries are not sealed, and Verify reports the log as not checkable.",
      });
    }
    if (restored) {
      log.error('damaged database set aside', {
        cause: restored.cause,
        damagedFile: restored.damagedFile,
        restoredFrom: restored.restoredFrom?.file ?? null,
      });
      notices.push(restoreNotice(restored));
      audit.append({
        atMs: now(),
        profileId: null,
        action: 'database.restored',
        detail: {
          cause: restored.cause,
          damagedFile: restored.damagedFile,
          restoredFrom: restored.restoredFrom?.file ?? null,
          backupAtMs: restored.restoredFrom?.atMs ?? null,
        },
      });
    }
    const backups = createBackups({ db, dir: backupsDir, now, log });
    backups.startDaily();
    return { db, audit, backups, notices };
  } catch (error) {
    db.close();
    throw error;
  }
}
