/**
 * What the model checks against, read straight from the SQLite files with read-only
 * connections (no desk or simulator code in between): the simulator's own store (every
 * payout and withdrawal it created, on every account) and the desk's outbox and draft
 * batches. Only columns that exist on every branch of the schema are relied on; extra
 * columns (e.g. an intent's stored target) are carried along untouched.
 */
import Database from 'better-sqlite3';
import { parseCalypsoJson } from '../../../shared/calypso/json';

export type SimPayout = {
  id: string;
  kind: 'single' | 'mass';
  account: string;
  idempotencyKey: string | null;
  state: string;
  /** Single payouts: the recipient; mass payouts: null (see withdrawals). */
  depositAddress: string | null;
  amount: string | null;
  currency: string;
};

export type SimWithdrawal = {
  id: string;
  parentId: string;
  account: string;
  state: string;
  depositAddress: string;
  amount: string;
  currency: string;
  comment: string;
};

export type SimState = { payouts: SimPayout[]; withdrawals: SimWithdrawal[] };

export type OutboxRow = {
  requestId: string;
  profileId: string;
  kind: 'single' | 'mass';
  state: string;
  sourceId: string | null;
  resultId: string | null;
  payloadJson: string;
};

export type BatchRow = { draftId: string; batchNo: number; requestId: string; currency: string };
export type DraftRowState = { id: string; profileId: string; state: string };

export type DeskState = { outbox: OutboxRow[]; batches: BatchRow[]; drafts: DraftRowState[] };

function readOnly<T>(file: string, read: (db: Database.Database) => T): T {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    return read(db);
  } finally {
    db.close();
  }
}

type JsonObject = Record<string, unknown>;

/** A field of the simulator's stored JSON as text ('' for none); objects are not expected. */
function text(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return value === null || value === undefined ? '' : JSON.stringify(value);
}

export function readSimulator(file: string): SimState {
  return readOnly(file, (db) => {
    const payouts = (
      db
        .prepare('SELECT id, kind, account, idempotency_key, json FROM payouts ORDER BY id')
        .all() as {
        id: number;
        kind: 'single' | 'mass';
        account: string;
        idempotency_key: string | null;
        json: string;
      }[]
    ).map((row) => {
      const view = parseCalypsoJson(row.json) as JsonObject;
      return {
        id: String(row.id),
        kind: row.kind,
        account: row.account,
        idempotencyKey: row.idempotency_key,
        state: text(view.state),
        depositAddress: row.kind === 'single' ? text(view.depositAddress) : null,
        amount: row.kind === 'single' ? text(view.amount) : null,
        currency: text(view.currency),
      };
    });
    const withdrawals = (
      db.prepare('SELECT id, parent_id, account, json FROM withdrawals ORDER BY id').all() as {
        id: number;
        parent_id: number;
        account: string;
        json: string;
      }[]
    ).map((row) => {
      const view = parseCalypsoJson(row.json) as JsonObject;
      return {
        id: String(row.id),
        parentId: String(row.parent_id),
        account: row.account,
        state: text(view.state),
        depositAddress: text(view.depositAddress),
        amount: text(view.amount),
        currency: text(view.currency),
        comment: text(view.comment),
      };
    });
    return { payouts, withdrawals };
  });
}

export function readDesk(file: string): DeskState {
  return readOnly(file, (db) => {
    const outbox = (
      db
        .prepare(
          'SELECT request_id, profile_id, kind, state, source_id, result_id, payload_json FROM outbox',
        )
        .all() as {
        request_id: string;
        profile_id: string;
        kind: 'single' | 'mass';
        state: string;
        source_id: string | null;
        result_id: string | null;
        payload_json: string;
      }[]
    ).map((row) => ({
      requestId: row.request_id,
      profileId: row.profile_id,
      kind: row.kind,
      state: row.state,
      sourceId: row.source_id,
      resultId: row.result_id,
      payloadJson: row.payload_json,
    }));
    const batches = (
      db.prepare('SELECT draft_id, batch_no, request_id, currency FROM draft_batches').all() as {
        draft_id: string;
        batch_no: number;
        request_id: string;
        currency: string;
      }[]
    ).map((row) => ({
      draftId: row.draft_id,
      batchNo: row.batch_no,
      requestId: row.request_id,
      currency: row.currency,
    }));
    const drafts = (
      db.prepare('SELECT id, profile_id, state FROM drafts').all() as {
        id: string;
        profile_id: string;
        state: string;
      }[]
    ).map((row) => ({ id: row.id, profileId: row.profile_id, state: row.state }));
    return { outbox, batches, drafts };
  });
}
