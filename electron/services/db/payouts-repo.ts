/**
 * Writes what the server said about payouts, mass payouts and withdrawals into the cache,
 * and reads single items back. Each batch is one transaction with statements prepared once;
 * the result names what is new or changed so sync can tell the UI.
 */
import { isFinalPayoutState, isFinalWithdrawalState } from '../../../shared/calypso/states';
import type {
  MassPayout,
  Payout,
  PayoutState,
  Withdrawal,
  WithdrawalState,
} from '../../../shared/calypso/types';
import type { PayoutDetails, PayoutKind } from '../../../shared/history';
import { amountSortKey } from './amount-sort';
import type { CacheDatabase } from './database';
import { toHistoryItem } from './history-item';
import type { PayoutRecord, WithdrawalRecord } from './rows';
import { createProfileRefs } from './profile-ref';
import { createSearchIndexer } from './search-index';

/**
 * The search index's chunk a payout upsert adds once the backlog holds that many: ten of a
 * sync's pages of 100 (SYNC_PAGE_SIZE), tokenised in one transaction (see search-index.ts).
 */
export const AUTO_INDEX_ROWS = 1000;
const OPTIMIZE_AFTER_NEW_ROWS = 1000;

export type ChangedField = 'state' | 'transactionHash' | 'fee';

export type ItemChange<S extends string> = {
  id: string;
  previousState: S;
  state: S;
  fields: ChangedField[];
};

export type UpsertResult<S extends string> = {
  /** Ids not in the cache before this batch. */
  newIds: string[];
  /** Cached items whose state, transaction hash or fee changed. */
  changed: ItemChange<S>[];
  /** Items whose stored copy was already current (only their sync time moved). */
  unchangedCount: number;
};

export type PayoutsRepo = {
  upsertPayouts: (
    profileId: string,
    payouts: readonly Payout[],
    syncedAtMs: number,
  ) => UpsertResult<PayoutState>;
  upsertMassPayouts: (
    profileId: string,
    items: readonly MassPayout[],
    syncedAtMs: number,
  ) => UpsertResult<PayoutState>;
  upsertWithdrawals: (
    profileId: string,
    dealId: string,
    items: readonly Withdrawal[],
    syncedAtMs: number,
  ) => UpsertResult<WithdrawalState>;
  /** The subset of `ids` that is cached and in a final state (sync stops paging on those). */
  knownFinalIds: (profileId: string, kind: PayoutKind, ids: readonly string[]) => Set<string>;
  /** Every cached id still moving, oldest first: what status polling refreshes. */
  nonFinalIds: (profileId: string, kind: PayoutKind) => string[];
  getDetails: (profileId: string, kind: PayoutKind, id: string) => PayoutDetails | undefined;
  countByState: (profileId: string, kind?: PayoutKind) => Partial<Record<PayoutState, number>>;
  /**
   * When a sync first saw each withdrawal of a mass payout in a final state (schema 12), by
   * withdrawal id: Calypso's withdrawal carries no completion time, the reconciliation needs one.
   */
  finalSeenOf: (profileId: string, dealId: string) => Map<string, number>;
};

/** A payout's column values, before the profile, kind and timestamps are added. */
type PayoutValues = {
  id: string;
  state: PayoutState;
  currency: string;
  amount: string;
  fee: string | null;
  depositAddress: string | null;
  label: string | null;
  comment: string | null;
  idempotencyKey: string | null;
  transactionHash: string | null;
  /** Before the first-seen fallback; the upsert knows first_seen_ms. */
  dateMs: number | null;
  executionDateMs: number | null;
  rawJson: string;
};

type ExistingPayout = Pick<
  PayoutRecord,
  | 'row_id'
  | 'state'
  | 'fee'
  | 'deposit_address'
  | 'label'
  | 'comment'
  | 'idempotency_key'
  | 'transaction_hash'
  | 'first_seen_ms'
  | 'currency'
  | 'amount'
  | 'date_ms'
  | 'execution_date_ms'
>;

type ExistingWithdrawal = Pick<
  WithdrawalRecord,
  'state' | 'fee' | 'deposit_address' | 'transaction_hash' | 'comment'
>;

function isoToMs(value: string | null | undefined): number | null {
  if (value === null || value === undefined) return null;
  const ms = Date.parse(value);
  return Number.isFinite(ms) ? ms : null;
}

function singleValues(payout: Payout): PayoutValues {
  const executionDateMs = isoToMs(payout.executionDate);
  return {
    id: payout.id,
    state: payout.state,
    currency: payout.currency,
    amount: payout.amount,
    fee: payout.calypsoFee,
    depositAddress: payout.depositAddress,
    label: payout.comment,
    comment: payout.comment,
    idempotencyKey: payout.idempotencyKey,
    transactionHash: payout.transactionHash,
    dateMs: isoToMs(payout.createdDate) ?? executionDateMs,
    executionDateMs,
    rawJson: JSON.stringify(payout),
  };
}

function massValues(item: MassPayout, withdrawalsCreatedMs: number | null): PayoutValues {
  const executionDateMs = isoToMs(item.executionDate);
  return {
    id: item.id,
    state: item.state,
    currency: item.currency,
    amount: item.totalWithdrawalAmount,
    fee: item.totalCalypsoFee,
    depositAddress: null,
    label: item.name ?? item.comment,
    comment: item.comment,
    idempotencyKey: item.idempotencyKey,
    transactionHash: null,
    // MassPayout has no createdDate; its withdrawals, created with it, do.
    dateMs: withdrawalsCreatedMs ?? executionDateMs,
    executionDateMs,
    rawJson: JSON.stringify(item),
  };
}

function changedFields(
  before: { state: string; transaction_hash: string | null; fee: string | null },
  after: { state: string; transactionHash: string | null; fee: string | null },
): ChangedField[] {
  const fields: ChangedField[] = [];
  if (before.state !== after.state) fields.push('state');
  if (before.transaction_hash !== after.transactionHash) fields.push('transactionHash');
  if (before.fee !== after.fee) fields.push('fee');
  return fields;
}

function searchTextChanged(before: ExistingPayout, after: PayoutValues): boolean {
  return (
    before.deposit_address !== after.depositAddress ||
    before.label !== after.label ||
    before.comment !== after.comment ||
    before.idempotency_key !== after.idempotencyKey ||
    before.transaction_hash !== after.transactionHash
  );
}

export function createPayoutsRepo(db: CacheDatabase): PayoutsRepo {
  const { sqlite } = db;
  const search = createSearchIndexer(db);
  const profiles = createProfileRefs(db);

  type InsertParams = [
    number,
    PayoutKind,
    string,
    string,
    string,
    string,
    string,
    string | null,
    string | null,
    string | null,
    string | null,
    string | null,
    string | null,
    number,
    number | null,
    number,
    number,
    number,
    string,
  ];
  const insertPayout = sqlite.prepare<InsertParams>(
    `INSERT INTO payouts (profile_ref, kind, id, state, currency, amount, amount_sort, fee,
       deposit_address, label, comment, idempotency_key, transaction_hash, date_ms,
       execution_date_ms, is_final, first_seen_ms, synced_at_ms, raw_json)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (profile_ref, kind, id) DO NOTHING`,
  );
  const selectExisting = sqlite.prepare<[number, PayoutKind, string], ExistingPayout>(
    `SELECT row_id, state, fee, deposit_address, label, comment, idempotency_key,
       transaction_hash, first_seen_ms, currency, amount, date_ms, execution_date_ms
     FROM payouts WHERE profile_ref = ? AND kind = ? AND id = ?`,
  );
  type UpdateParams = [
    string,
    string,
    string,
    string,
    string | null,
    string | null,
    string | null,
    string | null,
    string | null,
    string | null,
    number,
    number | null,
    number,
    number,
    string,
    number,
  ];
  const updatePayout = sqlite.prepare<UpdateParams>(
    `UPDATE payouts SET state = ?, currency = ?, amount = ?, amount_sort = ?, fee = ?,
       deposit_address = ?, label = ?, comment = ?, idempotency_key = ?, transaction_hash = ?,
       date_ms = ?, execution_date_ms = ?, is_final = ?,
       synced_at_ms = max(synced_at_ms, ?), raw_json = ?
     WHERE row_id = ?`,
  );
  // What a re-sync usually changes (state, hash, fee, texts): SQLite rewrites the entries of
  // every index whose column an UPDATE sets, whatever the value, so leaving out currency,
  // amount and both dates spares payouts_by_date, _by_amount, _by_currency and _scheduled.
  type StatusParams = [
    string,
    string | null,
    string | null,
    string | null,
    string | null,
    string | null,
    string | null,
    number,
    number,
    string,
    number,
  ];
  const updateStatus = sqlite.prepare<StatusParams>(
    `UPDATE payouts SET state = ?, fee = ?, deposit_address = ?, label = ?, comment = ?,
       idempotency_key = ?, transaction_hash = ?, is_final = ?,
       synced_at_ms = max(synced_at_ms, ?), raw_json = ?
     WHERE row_id = ?`,
  );
  // A re-sync mostly brings rows exactly as cached: compared in SQLite, so such a row costs
  // one statement after the failed insert, and neither its columns nor its JSON come to
  // JavaScript. synced_at_ms is in no index, so this touches the table row only
  // (docs/cache-upsert.md).
  const touchIfUnchanged = sqlite.prepare<[number, number, PayoutKind, string, string]>(
    `UPDATE payouts SET synced_at_ms = max(synced_at_ms, ?)
     WHERE profile_ref = ? AND kind = ? AND id = ? AND raw_json = ?`,
  );
  const earliestWithdrawal = sqlite
    .prepare<[number, string], number | null>(
      'SELECT min(created_ms) FROM withdrawals WHERE profile_ref = ? AND deal_id = ?',
    )
    .pluck();
  const massRowId = sqlite
    .prepare<[number, string], number>(
      "SELECT row_id FROM payouts WHERE profile_ref = ? AND kind = 'mass' AND id = ?",
    )
    .pluck();
  const redateMass = sqlite.prepare<[number, number]>(
    'UPDATE payouts SET date_ms = ? WHERE row_id = ?',
  );

  function upsertValues<T>(
    profileRef: number,
    kind: PayoutKind,
    items: readonly T[],
    toValues: (item: T) => PayoutValues,
    syncedAtMs: number,
  ): UpsertResult<PayoutState> {
    const result: UpsertResult<PayoutState> = { newIds: [], changed: [], unchangedCount: 0 };
    const reindex: number[] = [];
    for (const item of items) {
      const v = toValues(item);
      const amountSort = amountSortKey(v.amount);
      const isFinal = isFinalPayoutState(v.state) ? 1 : 0;
      const inserted = insertPayout.run(
        profileRef,
        kind,
        v.id,
        v.state,
        v.currency,
        v.amount,
        amountSort,
        v.fee,
        v.depositAddress,
        v.label,
        v.comment,
        v.idempotencyKey,
        v.transactionHash,
        v.dateMs ?? syncedAtMs,
        v.executionDateMs,
        isFinal,
        syncedAtMs,
        syncedAtMs,
        v.rawJson,
      );
      if (inserted.changes === 1) {
        result.newIds.push(v.id);
        continue;
      }
      if (touchIfUnchanged.run(syncedAtMs, profileRef, kind, v.id, v.rawJson).changes === 1) {
        result.unchangedCount += 1;
        continue;
      }
      const before = selectExisting.get(profileRef, kind, v.id);
      if (before === undefined) throw new Error(`payout ${v.id} vanished during its upsert`);
      const dateMs = v.dateMs ?? before.first_seen_ms;
      if (
        before.currency === v.currency &&
        before.amount === v.amount &&
        before.date_ms === dateMs &&
        before.execution_date_ms === v.executionDateMs
      ) {
        updateStatus.run(
          v.state,
          v.fee,
          v.depositAddress,
          v.label,
          v.comment,
          v.idempotencyKey,
          v.transactionHash,
          isFinal,
          syncedAtMs,
          v.rawJson,
          before.row_id,
        );
      } else {
        updatePayout.run(
          v.state,
          v.currency,
          v.amount,
          amountSort,
          v.fee,
          v.depositAddress,
          v.label,
          v.comment,
          v.idempotencyKey,
          v.transactionHash,
          dateMs,
          v.executionDateMs,
          isFinal,
          syncedAtMs,
          v.rawJson,
          before.row_id,
        );
      }
      if (searchTextChanged(before, v)) reindex.push(before.row_id);
      const fields = changedFields(before, v);
      if (fields.length > 0) {
        // The column only ever receives a PayoutState from this function.
        result.changed.push({
          id: v.id,
          previousState: before.state as PayoutState,
          state: v.state,
          fields,
        });
      } else {
        result.unchangedCount += 1;
      }
    }
    search.reindex(reindex);
    // Keeps the backlog that searches LIKE-scan under AUTO_INDEX_ROWS at sync's page sizes
    // without making a bulk batch pay for tokenising all of its rows inside its own
    // transaction, nor a small page for an FTS5 segment of its own (see search-index.ts).
    search.indexFullChunkOfBacklog(AUTO_INDEX_ROWS);
    return result;
  }

  /** After a batch that grew the table, refresh the planner's statistics (milliseconds). */
  function afterWrite<R extends { newIds: string[] }>(result: R): R {
    if (result.newIds.length >= OPTIMIZE_AFTER_NEW_ROWS) sqlite.pragma('optimize');
    return result;
  }

  const upsertPayouts = sqlite.transaction(
    (profileId: string, payouts: readonly Payout[], syncedAtMs: number) =>
      upsertValues(profiles.require(profileId), 'single', payouts, singleValues, syncedAtMs),
  );

  const upsertMassPayouts = sqlite.transaction(
    (profileId: string, items: readonly MassPayout[], syncedAtMs: number) => {
      const profileRef = profiles.require(profileId);
      return upsertValues(
        profileRef,
        'mass',
        items,
        (item) => massValues(item, earliestWithdrawal.get(profileRef, item.id) ?? null),
        syncedAtMs,
      );
    },
  );

  type WithdrawalParams = [
    number,
    string,
    string,
    string,
    string,
    string,
    string | null,
    string,
    string | null,
    string | null,
    number,
    number,
    string,
    number | null,
  ];
  const insertWithdrawal = sqlite.prepare<WithdrawalParams>(
    `INSERT INTO withdrawals (profile_ref, id, deal_id, state, currency, amount, fee,
       deposit_address, transaction_hash, comment, created_ms, synced_at_ms, raw_json,
       final_seen_ms)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (profile_ref, id) DO NOTHING`,
  );
  const selectWithdrawal = sqlite.prepare<[number, string], ExistingWithdrawal>(
    `SELECT state, fee, deposit_address, transaction_hash, comment
     FROM withdrawals WHERE profile_ref = ? AND id = ?`,
  );
  const updateWithdrawal = sqlite.prepare<
    [
      string,
      string,
      string,
      string | null,
      string,
      string | null,
      string | null,
      number,
      number,
      string,
      number | null,
      number,
      string,
    ]
  >(
    `UPDATE withdrawals SET deal_id = ?, state = ?, amount = ?, fee = ?, deposit_address = ?,
       transaction_hash = ?, comment = ?, created_ms = ?,
       synced_at_ms = max(synced_at_ms, ?), raw_json = ?,
       final_seen_ms = coalesce(final_seen_ms, ?)
     WHERE profile_ref = ? AND id = ?`,
  );
  // As for payouts: an unchanged withdrawal is compared and touched in one statement.
  const touchWithdrawalIfUnchanged = sqlite.prepare<[number, number, string, string]>(
    `UPDATE withdrawals SET synced_at_ms = max(synced_at_ms, ?)
     WHERE profile_ref = ? AND id = ? AND raw_json = ?`,
  );

  const upsertWithdrawals = sqlite.transaction(
    (
      profileId: string,
      dealId: string,
      items: readonly Withdrawal[],
      syncedAtMs: number,
    ): UpsertResult<WithdrawalState> => {
      const profileRef = profiles.require(profileId);
      const result: UpsertResult<WithdrawalState> = { newIds: [], changed: [], unchangedCount: 0 };
      let parentTextChanged = false;
      for (const w of items) {
        const rawJson = JSON.stringify(w);
        const createdMs = isoToMs(w.createdDate) ?? syncedAtMs;
        const inserted = insertWithdrawal.run(
          profileRef,
          w.id,
          dealId,
          w.state,
          w.currency,
          w.amount,
          w.calypsoFee,
          w.depositAddress,
          w.transactionHash,
          w.comment,
          createdMs,
          syncedAtMs,
          rawJson,
          isFinalWithdrawalState(w.state) ? syncedAtMs : null,
        );
        if (inserted.changes === 1) {
          result.newIds.push(w.id);
          parentTextChanged = true;
          continue;
        }
        if (touchWithdrawalIfUnchanged.run(syncedAtMs, profileRef, w.id, rawJson).changes === 1) {
          result.unchangedCount += 1;
          continue;
        }
        const before = selectWithdrawal.get(profileRef, w.id);
        if (before === undefined) throw new Error(`withdrawal ${w.id} vanished during its upsert`);
        updateWithdrawal.run(
          dealId,
          w.state,
          w.amount,
          w.calypsoFee,
          w.depositAddress,
          w.transactionHash,
          w.comment,
          createdMs,
          syncedAtMs,
          rawJson,
          isFinalWithdrawalState(w.state) ? syncedAtMs : null,
          profileRef,
          w.id,
        );
        if (
          before.deposit_address !== w.depositAddress ||
          before.transaction_hash !== w.transactionHash ||
          before.comment !== w.comment
        ) {
          parentTextChanged = true;
        }
        const fields = changedFields(before, { ...w, fee: w.calypsoFee });
        if (fields.length > 0) {
          result.changed.push({ id: w.id, previousState: before.state, state: w.state, fields });
        } else {
          result.unchangedCount += 1;
        }
      }
      // A mass payout is dated by its withdrawals and found by their addresses and hashes.
      const parentRowId = massRowId.get(profileRef, dealId);
      if (parentRowId !== undefined) {
        const earliest = earliestWithdrawal.get(profileRef, dealId) ?? null;
        if (earliest !== null) redateMass.run(earliest, parentRowId);
        if (parentTextChanged) search.reindex([parentRowId]);
      }
      return result;
    },
  );

  const knownFinal = sqlite
    .prepare<[number, PayoutKind, string], string>(
      `SELECT id FROM payouts WHERE profile_ref = ? AND kind = ? AND is_final = 1
         AND id IN (SELECT value FROM json_each(?))`,
    )
    .pluck();
  const nonFinal = sqlite
    .prepare<[number, PayoutKind], string>(
      `SELECT id FROM payouts INDEXED BY payouts_open
       WHERE profile_ref = ? AND kind = ? AND is_final = 0 ORDER BY row_id`,
    )
    .pluck();
  const detailRow = sqlite.prepare<[number, PayoutKind, string], PayoutRecord>(
    'SELECT * FROM payouts WHERE profile_ref = ? AND kind = ? AND id = ?',
  );
  const withdrawalsOf = sqlite
    .prepare<[number, string], string>(
      `SELECT raw_json FROM withdrawals WHERE profile_ref = ? AND deal_id = ?
       ORDER BY created_ms, id`,
    )
    .pluck();
  const finalSeen = sqlite.prepare<[number, string], { id: string; final_seen_ms: number }>(
    `SELECT id, final_seen_ms FROM withdrawals
      WHERE profile_ref = ? AND deal_id = ? AND final_seen_ms IS NOT NULL`,
  );
  const statesAll = sqlite.prepare<[number], { state: string; n: number }>(
    'SELECT state, count(*) AS n FROM payouts WHERE profile_ref = ? GROUP BY state',
  );
  const statesOfKind = sqlite.prepare<[number, PayoutKind], { state: string; n: number }>(
    'SELECT state, count(*) AS n FROM payouts WHERE profile_ref = ? AND kind = ? GROUP BY state',
  );

  return {
    upsertPayouts: (profileId, payouts, syncedAtMs) =>
      afterWrite(upsertPayouts.immediate(profileId, payouts, syncedAtMs)),
    upsertMassPayouts: (profileId, items, syncedAtMs) =>
      afterWrite(upsertMassPayouts.immediate(profileId, items, syncedAtMs)),
    upsertWithdrawals: (profileId, dealId, items, syncedAtMs) =>
      upsertWithdrawals.immediate(profileId, dealId, items, syncedAtMs),
    knownFinalIds: (profileId, kind, ids) => {
      const profileRef = profiles.find(profileId);
      if (profileRef === undefined || ids.length === 0) return new Set();
      return new Set(knownFinal.all(profileRef, kind, JSON.stringify(ids)));
    },
    nonFinalIds: (profileId, kind) => {
      const profileRef = profiles.find(profileId);
      return profileRef === undefined ? [] : nonFinal.all(profileRef, kind);
    },
    getDetails: (profileId, kind, id) => {
      const profileRef = profiles.find(profileId);
      if (profileRef === undefined) return undefined;
      const row = detailRow.get(profileRef, kind, id);
      if (row === undefined) return undefined;
      const item = toHistoryItem(row);
      // Our own serialisation of the server's object (see upsert): trusted, and typed by it.
      const withdrawals = withdrawalsOf
        .all(profileRef, id)
        .map((json) => JSON.parse(json) as Withdrawal);
      return kind === 'single'
        ? { kind, item, payout: JSON.parse(row.raw_json) as Payout, withdrawals }
        : { kind, item, payout: JSON.parse(row.raw_json) as MassPayout, withdrawals };
    },
    finalSeenOf: (profileId, dealId) => {
      const profileRef = profiles.find(profileId);
      if (profileRef === undefined) return new Map();
      return new Map(finalSeen.all(profileRef, dealId).map((row) => [row.id, row.final_seen_ms]));
    },
    countByState: (profileId, kind) => {
      const profileRef = profiles.find(profileId);
      if (profileRef === undefined) return {};
      const rows =
        kind === undefined ? statesAll.all(profileRef) : statesOfKind.all(profileRef, kind);
      const counts: Partial<Record<PayoutState, number>> = {};
      for (const { state, n } of rows) counts[state as PayoutState] = n;
      return counts;
    },
  };
}
