/** Per profile and list kind: when sync last succeeded, last tried, and why it last failed. */
import type { CacheDatabase } from './database';
import type { SyncStateRecord } from './rows';

/** Which list a record is about: 'single', 'mass', or a later kind (e.g. 'withdrawals'). */
export type SyncKind = string;

export type SyncState = {
  profileId: string;
  kind: SyncKind;
  lastFullSyncMs: number | null;
  lastSyncedMs: number | null;
  lastAttemptMs: number | null;
  lastErrorCode: string | null;
  lastErrorMessage: string | null;
};

export type SyncStateRepo = {
  get: (profileId: string, kind: SyncKind) => SyncState | undefined;
  list: (profileId: string) => SyncState[];
  /** A successful pass clears the last error; `full` when it paged the whole history. */
  recordSuccess: (profileId: string, kind: SyncKind, atMs: number, full: boolean) => void;
  /** Keeps the last success; `message` must already be free of secrets (it is shown). */
  recordFailure: (
    profileId: string,
    kind: SyncKind,
    atMs: number,
    code: string,
    message: string,
  ) => void;
  /**
   * Mass payouts whose withdrawals a pass must read (new or changed), kept until a pass has
   * read every page of them: a pass cut short between two pages would otherwise leave the
   * payout cached as final and unchanged, never detailed again (history-sync.ts).
   */
  markWithdrawalsToRead: (profileId: string, dealIds: readonly string[], atMs: number) => void;
  withdrawalsToRead: (profileId: string) => string[];
  withdrawalsRead: (profileId: string, dealId: string) => void;
};

/**
 * The sync_state kind of "this mass payout's withdrawals are still to be read": one row per
 * payout, under its own kind, so no schema change was needed and a profile's removal cascades.
 */
const WITHDRAWALS_TO_READ = 'withdrawals-to-read:';

function toSyncState(row: SyncStateRecord): SyncState {
  return {
    profileId: row.profile_id,
    kind: row.kind,
    lastFullSyncMs: row.last_full_sync_ms,
    lastSyncedMs: row.last_synced_ms,
    lastAttemptMs: row.last_attempt_ms,
    lastErrorCode: row.last_error_code,
    lastErrorMessage: row.last_error_message,
  };
}

export function createSyncStateRepo(db: CacheDatabase): SyncStateRepo {
  const { sqlite } = db;
  const select = sqlite.prepare<[string, string], SyncStateRecord>(
    'SELECT * FROM sync_state WHERE profile_id = ? AND kind = ?',
  );
  const selectAll = sqlite.prepare<[string], SyncStateRecord>(
    'SELECT * FROM sync_state WHERE profile_id = ? ORDER BY kind',
  );
  const success = sqlite.prepare<{ profileId: string; kind: string; atMs: number; full: number }>(
    `INSERT INTO sync_state (profile_id, kind, last_full_sync_ms, last_synced_ms, last_attempt_ms)
     VALUES (@profileId, @kind, CASE WHEN @full = 1 THEN @atMs END, @atMs, @atMs)
     ON CONFLICT (profile_id, kind) DO UPDATE SET
       last_full_sync_ms = CASE WHEN @full = 1 THEN @atMs ELSE last_full_sync_ms END,
       last_synced_ms = @atMs, last_attempt_ms = @atMs,
       last_error_code = NULL, last_error_message = NULL`,
  );
  const failure = sqlite.prepare<{
    profileId: string;
    kind: string;
    atMs: number;
    code: string;
    message: string;
  }>(
    `INSERT INTO sync_state (profile_id, kind, last_attempt_ms, last_error_code, last_error_message)
     VALUES (@profileId, @kind, @atMs, @code, @message)
     ON CONFLICT (profile_id, kind) DO UPDATE SET
       last_attempt_ms = @atMs, last_error_code = @code, last_error_message = @message`,
  );

  const markToRead = sqlite.prepare<[string, string, number]>(
    `INSERT INTO sync_state (profile_id, kind, last_attempt_ms) VALUES (?, ?, ?)
     ON CONFLICT (profile_id, kind) DO NOTHING`,
  );
  const toRead = sqlite
    .prepare<[number, string, number], string>(
      `SELECT substr(kind, ?) FROM sync_state WHERE profile_id = ? AND substr(kind, 1, ?) = '${WITHDRAWALS_TO_READ}'
       ORDER BY last_attempt_ms, kind`,
    )
    .pluck();
  const read = sqlite.prepare<[string, string]>(
    'DELETE FROM sync_state WHERE profile_id = ? AND kind = ?',
  );
  const markAll = sqlite.transaction(
    (profileId: string, dealIds: readonly string[], atMs: number) => {
      for (const dealId of dealIds)
        markToRead.run(profileId, `${WITHDRAWALS_TO_READ}${dealId}`, atMs);
    },
  );

  return {
    markWithdrawalsToRead: (profileId, dealIds, atMs) => {
      if (dealIds.length > 0) markAll(profileId, dealIds, atMs);
    },
    withdrawalsToRead: (profileId) =>
      toRead.all(WITHDRAWALS_TO_READ.length + 1, profileId, WITHDRAWALS_TO_READ.length),
    withdrawalsRead: (profileId, dealId) => {
      read.run(profileId, `${WITHDRAWALS_TO_READ}${dealId}`);
    },
    get: (profileId, kind) => {
      const row = select.get(profileId, kind);
      return row === undefined ? undefined : toSyncState(row);
    },
    list: (profileId) => selectAll.all(profileId).map(toSyncState),
    recordSuccess: (profileId, kind, atMs, full) => {
      success.run({ profileId, kind, atMs, full: full ? 1 : 0 });
    },
    recordFailure: (profileId, kind, atMs, code, message) => {
      failure.run({ profileId, kind, atMs, code, message });
    },
  };
}
