/**
 * The outbox: one row per create request the user confirmed, keyed by the idempotencyKey
 * that goes to Calypso. Inserting an existing request id returns the stored row unchanged,
 * so a double click, a second window or a retry can never mint a second key for one intent.
 */
import type { PayoutKind } from '../../../shared/history';
import type { CacheDatabase } from './database';

export type OutboxState = 'pending' | 'done' | 'rejected';

export type OutboxEntry = {
  requestId: string;
  profileId: string;
  kind: PayoutKind;
  payload: Record<string, unknown>;
  state: OutboxState;
  sourceId: string | null;
  resultId: string | null;
  errorCode: string | null;
  errorMessage: string | null;
  attempts: number;
  createdMs: number;
  updatedMs: number;
};

type OutboxRow = {
  request_id: string;
  profile_id: string;
  kind: PayoutKind;
  payload_json: string;
  state: OutboxState;
  source_id: string | null;
  result_id: string | null;
  error_code: string | null;
  error_message: string | null;
  attempts: number;
  created_ms: number;
  updated_ms: number;
};

function toEntry(row: OutboxRow): OutboxEntry {
  return {
    requestId: row.request_id,
    profileId: row.profile_id,
    kind: row.kind,
    payload: JSON.parse(row.payload_json) as Record<string, unknown>,
    state: row.state,
    sourceId: row.source_id,
    resultId: row.result_id,
    errorCode: row.error_code,
    errorMessage: row.error_message,
    attempts: row.attempts,
    createdMs: row.created_ms,
    updatedMs: row.updated_ms,
  };
}

export type NewOutboxEntry = {
  requestId: string;
  profileId: string;
  kind: PayoutKind;
  payload: Record<string, unknown>;
  sourceId?: string | null;
  atMs: number;
};

export function createOutboxRepo(db: CacheDatabase) {
  const { sqlite } = db;
  const insert = sqlite.prepare(
    `INSERT INTO outbox (request_id, profile_id, kind, payload_json, state, source_id,
       created_ms, updated_ms)
     VALUES (?, ?, ?, ?, 'pending', ?, ?, ?)
     ON CONFLICT (request_id) DO NOTHING`,
  );
  const select = sqlite.prepare<[string], OutboxRow>('SELECT * FROM outbox WHERE request_id = ?');
  const pending = sqlite.prepare<[string], OutboxRow>(
    `SELECT * FROM outbox WHERE state = 'pending' AND profile_id = ? ORDER BY created_ms`,
  );
  const allPending = sqlite.prepare<[], OutboxRow>(
    `SELECT * FROM outbox WHERE state = 'pending' ORDER BY created_ms`,
  );
  const done = sqlite.prepare(
    `UPDATE outbox SET state = 'done', result_id = ?, error_code = NULL, error_message = NULL,
       updated_ms = ? WHERE request_id = ?`,
  );
  const rejected = sqlite.prepare(
    `UPDATE outbox SET state = 'rejected', error_code = ?, error_message = ?, updated_ms = ?
     WHERE request_id = ? AND state = 'pending'`,
  );
  const attempt = sqlite.prepare(
    'UPDATE outbox SET attempts = attempts + 1, updated_ms = ? WHERE request_id = ?',
  );
  const sentFromApp = sqlite
    .prepare<[string, string, string], number>(
      `SELECT 1 FROM outbox WHERE profile_id = ? AND kind = ? AND result_id = ? LIMIT 1`,
    )
    .pluck();

  const get = (requestId: string): OutboxEntry | undefined => {
    const row = select.get(requestId);
    return row === undefined ? undefined : toEntry(row);
  };

  return {
    get,
    /** Stores a new intent, or returns the one already stored under that request id. */
    insertPending(entry: NewOutboxEntry): OutboxEntry {
      insert.run(
        entry.requestId,
        entry.profileId,
        entry.kind,
        JSON.stringify(entry.payload),
        entry.sourceId ?? null,
        entry.atMs,
        entry.atMs,
      );
      const stored = get(entry.requestId);
      if (!stored) throw new Error(`outbox row ${entry.requestId} vanished after insert`);
      return stored;
    },
    listPending: (profileId?: string): OutboxEntry[] =>
      (profileId === undefined ? allPending.all() : pending.all(profileId)).map(toEntry),
    markDone(requestId: string, resultId: string, atMs: number) {
      done.run(resultId, atMs, requestId);
    },
    markRejected(requestId: string, code: string, message: string, atMs: number) {
      rejected.run(code, message, atMs, requestId);
    },
    recordAttempt(requestId: string, atMs: number) {
      attempt.run(atMs, requestId);
    },
    wasSentFromApp: (profileId: string, kind: PayoutKind, payoutId: string): boolean =>
      sentFromApp.get(profileId, kind, payoutId) !== undefined,
  };
}

export type OutboxRepo = ReturnType<typeof createOutboxRepo>;
