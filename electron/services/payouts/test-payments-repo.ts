/**
 * SQLite side of test payments (schema 11, docs/test-payments.md): the holds per draft, the
 * per-profile test amounts and the follow-up sends of a draft's released rows.
 */
import type { NetworkId } from '../../../shared/networks';
import type { CacheDatabase } from '../db';

export type StoredHold = {
  draftId: string;
  network: NetworkId;
  addressKey: string;
  address: string;
  currency: string;
  amount: string;
  requestId: string;
  createdMs: number;
};

type HoldRow = {
  draft_id: string;
  network: NetworkId;
  address_key: string;
  address: string;
  currency: string;
  amount: string;
  request_id: string;
  created_ms: number;
};

function toHold(row: HoldRow): StoredHold {
  return {
    draftId: row.draft_id,
    network: row.network,
    addressKey: row.address_key,
    address: row.address,
    currency: row.currency,
    amount: row.amount,
    requestId: row.request_id,
    createdMs: row.created_ms,
  };
}

export function createTestPaymentsRepo(db: CacheDatabase) {
  const { sqlite } = db;
  const selectHolds = sqlite.prepare<[string], HoldRow>(
    'SELECT * FROM draft_test_holds WHERE draft_id = ? ORDER BY created_ms, address_key',
  );
  const selectHold = sqlite.prepare<[string, string, string], HoldRow>(
    'SELECT * FROM draft_test_holds WHERE draft_id = ? AND network = ? AND address_key = ?',
  );
  const upsertHold = sqlite.prepare(
    `INSERT INTO draft_test_holds
       (draft_id, network, address_key, address, currency, amount, request_id, created_ms)
     VALUES (@draftId, @network, @addressKey, @address, @currency, @amount, @requestId, @createdMs)
     ON CONFLICT (draft_id, network, address_key) DO UPDATE SET
       address = excluded.address, currency = excluded.currency, amount = excluded.amount,
       request_id = excluded.request_id, created_ms = excluded.created_ms`,
  );
  const deleteHold = sqlite.prepare(
    'DELETE FROM draft_test_holds WHERE draft_id = ? AND network = ? AND address_key = ?',
  );
  const selectAmounts = sqlite.prepare<[string], { currency: string; amount: string }>(
    'SELECT currency, amount FROM test_payment_amounts WHERE profile_id = ? ORDER BY currency',
  );
  const upsertAmount = sqlite.prepare(
    `INSERT INTO test_payment_amounts (profile_id, currency, amount, updated_ms)
     VALUES (?, ?, ?, ?)
     ON CONFLICT (profile_id, currency) DO UPDATE SET
       amount = excluded.amount, updated_ms = excluded.updated_ms`,
  );
  const deleteAmount = sqlite.prepare(
    'DELETE FROM test_payment_amounts WHERE profile_id = ? AND currency = ?',
  );
  const selectFollowUp = sqlite
    .prepare<[string, string], number>(
      'SELECT 1 FROM draft_followups WHERE draft_id = ? AND fingerprint = ?',
    )
    .pluck();
  const insertFollowUp = sqlite.prepare(
    'INSERT INTO draft_followups (draft_id, fingerprint, created_ms) VALUES (?, ?, ?)',
  );

  return {
    holds: (draftId: string): StoredHold[] => selectHolds.all(draftId).map(toHold),
    hold(draftId: string, network: string, addressKey: string): StoredHold | undefined {
      const row = selectHold.get(draftId, network, addressKey);
      return row === undefined ? undefined : toHold(row);
    },
    saveHold: (hold: StoredHold) => upsertHold.run(hold),
    removeHold: (draftId: string, network: string, addressKey: string) =>
      deleteHold.run(draftId, network, addressKey),
    amounts: (profileId: string) => selectAmounts.all(profileId),
    setAmount: (profileId: string, currency: string, amount: string | null, atMs: number) => {
      if (amount === null) deleteAmount.run(profileId, currency);
      else upsertAmount.run(profileId, currency, amount, atMs);
    },
    hasFollowUp: (draftId: string, fingerprint: string): boolean =>
      selectFollowUp.get(draftId, fingerprint) !== undefined,
    recordFollowUp: (draftId: string, fingerprint: string, atMs: number) =>
      insertFollowUp.run(draftId, fingerprint, atMs),
  };
}

export type TestPaymentsRepo = ReturnType<typeof createTestPaymentsRepo>;
