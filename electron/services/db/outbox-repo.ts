/**
 * The outbox: one row per payment intent the person confirmed (docs/intents.md), keyed by
 * the idempotencyKey that goes to Calypso. Each row carries its target (the profile's base
 * URL and account at confirmation, copied from the profiles table inside the INSERT), the
 * hash of its payload text and the audit entry that recorded that hash. Inserting an existing
 * request id returns the stored row unchanged (a double click, a second window, a retry) but
 * refuses a different payload: one key is one payment instruction.
 *
 * States move only by guarded UPDATEs (`... WHERE state IN (...)`), so two processes on one
 * data folder, or a cancel racing a send, cannot both win.
 */
import type { PayoutKind } from '../../../shared/history';
import { payloadHash, serializePayload } from '../payouts/payload-hash';
import type { CacheDatabase } from './database';
import { BUILT_IN_SIMULATOR_TARGET } from './migrations/005-intents';
import type { OutboxRecord } from './rows';

export { BUILT_IN_SIMULATOR_TARGET };

export type OutboxState = 'not-sent' | 'pending' | 'done' | 'rejected' | 'cancelled' | 'expired';

/** Unresolved: may still be sent (not-sent) or may exist at Calypso (pending). */
export const UNRESOLVED_STATES: readonly OutboxState[] = ['not-sent', 'pending'];

/** error_code of an intent whose stored payload no longer matches its audited hash. */
export const PAYLOAD_CHANGED = 'PAYLOAD_CHANGED';

/** Default: a not-sent intent needs a new confirmation after 24 hours. */
export const DEFAULT_INTENT_EXPIRY_MS = 24 * 60 * 60 * 1000;

export type IntentTarget = { baseUrl: string; account: string };

export type OutboxEntry = {
  requestId: string;
  /** null once the profile was removed (only possible when the intent is settled). */
  profileId: string | null;
  kind: PayoutKind;
  payload: Record<string, unknown>;
  /** The stored text itself: the payment instruction whose hash is checked before a send. */
  payloadJson: string;
  payloadHash: string;
  target: IntentTarget;
  auditId: number | null;
  state: OutboxState;
  sourceId: string | null;
  resultId: string | null;
  errorCode: string | null;
  errorMessage: string | null;
  attempts: number;
  createdMs: number;
  updatedMs: number;
  expiresMs: number;
};

function parsePayload(json: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(json);
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
      return value as Record<string, unknown>;
    }
  } catch {
    // An unreadable payload is a changed payload: the send check refuses it by its hash.
  }
  return {};
}

function toEntry(row: OutboxRecord): OutboxEntry {
  return {
    requestId: row.request_id,
    profileId: row.profile_id,
    kind: row.kind,
    payload: parsePayload(row.payload_json),
    payloadJson: row.payload_json,
    payloadHash: row.payload_hash,
    target: { baseUrl: row.target_base_url, account: row.target_account },
    auditId: row.audit_id,
    state: row.state,
    sourceId: row.source_id,
    resultId: row.result_id,
    errorCode: row.error_code,
    errorMessage: row.error_message,
    attempts: row.attempts,
    createdMs: row.created_ms,
    updatedMs: row.updated_ms,
    expiresMs: row.expires_ms,
  };
}

export type NewOutboxEntry = {
  requestId: string;
  profileId: string;
  kind: PayoutKind;
  payload: Record<string, unknown>;
  sourceId?: string | null;
  /** The audit entry recording this intent, when it is written first. */
  auditId?: number;
  atMs: number;
};

/** A request id reused for another payment instruction, or for another profile. */
export class IntentConflictError extends Error {
  override readonly name = 'IntentConflictError';
  readonly code = 'INTENT_CONFLICT';
  constructor(readonly requestId: string) {
    super(
      `The request id ${requestId} already belongs to a different payment instruction: a new ` +
        'payout needs a new confirmation.',
    );
  }
}

/** insertPending for a profile that does not exist. */
export class IntentProfileMissingError extends Error {
  override readonly name = 'IntentProfileMissingError';
  readonly code = 'UNKNOWN_PROFILE';
  constructor(readonly profileId: string) {
    super(`There is no profile "${profileId}" to bind this payment to.`);
  }
}

export type OutboxRepoOptions = { expiryMs?: number };

/** The intents of an audit entry's detail, as the agreed convention writes them. */
function auditedHash(detailJson: string, requestId: string): string | undefined {
  try {
    const detail = JSON.parse(detailJson) as { intents?: unknown };
    if (!Array.isArray(detail.intents)) return undefined;
    for (const intent of detail.intents as unknown[]) {
      if (typeof intent !== 'object' || intent === null) continue;
      const { requestId: id, payloadHash: hash } = intent as Record<string, unknown>;
      if (id === requestId && typeof hash === 'string') return hash;
    }
  } catch {
    // An unreadable audit entry records nothing.
  }
  return undefined;
}

export function createOutboxRepo(db: CacheDatabase, options: OutboxRepoOptions = {}) {
  const { sqlite } = db;
  const expiryMs = options.expiryMs ?? DEFAULT_INTENT_EXPIRY_MS;
  // The target comes from the profile row in the same statement: what the person confirmed
  // against is what is stored, and no caller can pass another one.
  const insert = sqlite.prepare(
    `INSERT INTO outbox (request_id, profile_id, kind, payload_json, payload_hash,
       target_base_url, target_account, audit_id, state, source_id, created_ms, updated_ms,
       expires_ms)
     SELECT @requestId, p.id, @kind, @payloadJson, @payloadHash,
       CASE WHEN p.environment = 'simulator' THEN '${BUILT_IN_SIMULATOR_TARGET}'
         ELSE p.base_url END,
       p.account, @auditId, 'not-sent', @sourceId, @atMs, @atMs, @expiresMs
     FROM profiles p WHERE p.id = @profileId
     ON CONFLICT (request_id) DO NOTHING`,
  );
  const select = sqlite.prepare<[string], OutboxRecord>(
    'SELECT * FROM outbox WHERE request_id = ?',
  );
  const unresolved = sqlite.prepare<[string], OutboxRecord>(
    `SELECT * FROM outbox WHERE state IN ('not-sent', 'pending') AND profile_id = ?
     ORDER BY created_ms`,
  );
  const allUnresolved = sqlite.prepare<[], OutboxRecord>(
    `SELECT * FROM outbox WHERE state IN ('not-sent', 'pending') ORDER BY created_ms`,
  );
  const countUnresolved = sqlite
    .prepare<[string], number>(
      `SELECT count(*) FROM outbox WHERE state IN ('not-sent', 'pending') AND profile_id = ?`,
    )
    .pluck();
  const claim = sqlite
    .prepare<[number, string, number], number>(
      `UPDATE outbox SET state = 'pending', attempts = attempts + 1, updated_ms = ?
     WHERE request_id = ? AND state IN ('not-sent', 'pending')
       AND NOT (state = 'not-sent' AND expires_ms <= ?)
     RETURNING attempts`,
    )
    .pluck();
  const done = sqlite.prepare(
    `UPDATE outbox SET state = 'done', result_id = ?, error_code = NULL, error_message = NULL,
       updated_ms = ? WHERE request_id = ?`,
  );
  // Guarded like notSent below: Calypso's refusal answers one request, and a send another
  // process claimed since may have created the payout under the same key.
  const rejected = sqlite.prepare<[string, string, number, string, number | null, number | null]>(
    `UPDATE outbox SET state = 'rejected', error_code = ?, error_message = ?, updated_ms = ?
     WHERE request_id = ? AND state IN ('not-sent', 'pending') AND (? IS NULL OR attempts = ?)`,
  );
  // Guarded by the attempt that was refused: once another send claimed the intent (another
  // process on this data folder), that send may have reached Calypso, and this refusal says
  // nothing about it.
  const notSent = sqlite.prepare<[string, number, string, number | null, number | null]>(
    `UPDATE outbox SET state = 'not-sent', error_message = ?, updated_ms = ?
     WHERE request_id = ? AND state = 'pending' AND (? IS NULL OR attempts = ?)`,
  );
  const expireOne = sqlite.prepare(
    `UPDATE outbox SET state = 'expired', updated_ms = ?
     WHERE request_id = ? AND state IN ('not-sent', 'pending')`,
  );
  const expireDue = sqlite.prepare<[number, number]>(
    `UPDATE outbox SET state = 'expired', updated_ms = ?
     WHERE state = 'not-sent' AND expires_ms <= ?`,
  );
  const cancel = sqlite.prepare<[number, string]>(
    `UPDATE outbox SET state = 'cancelled', updated_ms = ? WHERE request_id = ? AND state = 'not-sent'`,
  );
  const tampered = sqlite.prepare(
    `UPDATE outbox SET error_code = '${PAYLOAD_CHANGED}', error_message = ?, updated_ms = ?
     WHERE request_id = ?`,
  );
  const linkAudit = sqlite.prepare<[number, string]>(
    'UPDATE outbox SET audit_id = ? WHERE request_id = ? AND audit_id IS NULL',
  );
  const auditById = sqlite
    .prepare<[number], string>('SELECT detail_json FROM audit_log WHERE id = ?')
    .pluck();
  // Only for rows written without their audit id (the entry came after the row): the first
  // entry whose text names the request id, checked by parsing, then linked on the row.
  const auditByText = sqlite.prepare<[string], { id: number; detail_json: string }>(
    'SELECT id, detail_json FROM audit_log WHERE instr(detail_json, ?) > 0 ORDER BY id',
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
    /**
     * Stores a new intent (state not-sent: nothing has left yet), or returns the one already
     * stored under that request id when it is the same instruction for the same profile.
     */
    insertPending(entry: NewOutboxEntry): OutboxEntry {
      const payloadJson = serializePayload(entry.payload);
      insert.run({
        requestId: entry.requestId,
        profileId: entry.profileId,
        kind: entry.kind,
        payloadJson,
        payloadHash: payloadHash(payloadJson),
        auditId: entry.auditId ?? null,
        sourceId: entry.sourceId ?? null,
        atMs: entry.atMs,
        expiresMs: entry.atMs + expiryMs,
      });
      const stored = get(entry.requestId);
      if (!stored) throw new IntentProfileMissingError(entry.profileId);
      if (
        stored.payloadJson !== payloadJson ||
        stored.profileId !== entry.profileId ||
        stored.kind !== entry.kind
      ) {
        throw new IntentConflictError(entry.requestId);
      }
      return stored;
    },
    /** Intents that may still be sent or may exist at Calypso, oldest first. */
    listUnresolved: (profileId?: string): OutboxEntry[] =>
      (profileId === undefined ? allUnresolved.all() : unresolved.all(profileId)).map(toEntry),
    unresolvedCount: (profileId: string): number => countUnresolved.get(profileId) ?? 0,
    /**
     * Takes the intent for one send: it becomes pending (a request may leave from now on)
     * and its attempt is counted. False when it was cancelled, expired or settled meanwhile.
     */
    claimForSend(requestId: string, atMs: number): boolean {
      return claim.get(atMs, requestId, atMs) !== undefined;
    },
    /** claimForSend, answering the attempt number this claim took (null: not claimed). */
    claimAttempt(requestId: string, atMs: number): number | null {
      return claim.get(atMs, requestId, atMs) ?? null;
    },
    markDone(requestId: string, resultId: string, atMs: number) {
      done.run(resultId, atMs, requestId);
    },
    /** With `attempt` (from claimAttempt), only while no other send has claimed it since. */
    markRejected(requestId: string, code: string, message: string, atMs: number, attempt?: number) {
      const claimed = attempt ?? null;
      rejected.run(code, message, atMs, requestId, claimed, claimed);
    },
    /**
     * Every attempt of the send failed before connecting: provably nothing left. With
     * `attempt` (from claimAttempt), only while no other send has claimed the intent since.
     */
    markNotSent(requestId: string, reason: string, atMs: number, attempt?: number) {
      const claimed = attempt ?? null;
      notSent.run(reason, atMs, requestId, claimed, claimed);
    },
    markExpired(requestId: string, atMs: number): boolean {
      return expireOne.run(atMs, requestId).changes === 1;
    },
    /** Not-sent intents past their expiry become expired; returns how many did. */
    expireDue: (atMs: number): number => expireDue.run(atMs, atMs).changes,
    /** Only a not-sent intent can be cancelled: nothing of it can have reached Calypso. */
    cancel: (requestId: string, atMs: number): boolean => cancel.run(atMs, requestId).changes === 1,
    markPayloadChanged(requestId: string, message: string, atMs: number) {
      tampered.run(message, atMs, requestId);
    },
    linkAudit(auditId: number, requestIds: readonly string[]) {
      for (const requestId of requestIds) linkAudit.run(auditId, requestId);
    },
    /**
     * The payload hash the audit log recorded for this intent (detail.intents), or undefined
     * when no entry records one. Links the entry on the row the first time it is found.
     */
    auditedHashOf(entry: OutboxEntry): string | undefined {
      if (entry.auditId !== null) {
        const detail = auditById.get(entry.auditId);
        return detail === undefined ? undefined : auditedHash(detail, entry.requestId);
      }
      for (const row of auditByText.all(JSON.stringify(entry.requestId))) {
        const hash = auditedHash(row.detail_json, entry.requestId);
        if (hash !== undefined) {
          linkAudit.run(row.id, entry.requestId);
          return hash;
        }
      }
      return undefined;
    },
    wasSentFromApp: (profileId: string, kind: PayoutKind, payoutId: string): boolean =>
      sentFromApp.get(profileId, kind, payoutId) !== undefined,
  };
}

export type OutboxRepo = ReturnType<typeof createOutboxRepo>;
