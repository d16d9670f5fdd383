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
};

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

  return {
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
