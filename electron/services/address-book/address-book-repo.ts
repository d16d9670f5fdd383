/**
 * The address book's two sources: the decisions a person made (table address_book, schema
 * 8) and what the synced history says was paid. Reads are per profile.
 */
import type { CacheDatabase } from '../db';
import { createProfileRefs } from '../db/profile-ref';

/** One row of address_book. */
export type AddressBookRecord = {
  network: string;
  address_key: string;
  address: string;
  label: string | null;
  notes: string | null;
  trusted: 0 | 1;
  updated_ms: number;
};

/** One payment that reached an address: a COMPLETED single payout or mass recipient. */
export type PaidRecord = {
  address: string;
  currency: string;
  amount: string;
  comment: string | null;
  at_ms: number;
};

export type AddressDecision = {
  network: string;
  addressKey: string;
  address: string;
  label: string | null;
  notes: string | null;
  trusted: boolean;
  atMs: number;
};

export function createAddressBookRepo(db: CacheDatabase) {
  const { sqlite } = db;
  const refs = createProfileRefs(db);
  const selectAll = sqlite.prepare<[number], AddressBookRecord>(
    `SELECT network, address_key, address, label, notes, trusted, updated_ms
       FROM address_book WHERE profile_ref = ?`,
  );
  const selectOne = sqlite.prepare<[number, string, string], AddressBookRecord>(
    `SELECT network, address_key, address, label, notes, trusted, updated_ms
       FROM address_book WHERE profile_ref = ? AND network = ? AND address_key = ?`,
  );
  const upsert = sqlite.prepare(
    `INSERT INTO address_book (profile_ref, network, address_key, address, label, notes,
       trusted, updated_ms)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (profile_ref, network, address_key) DO UPDATE SET
       label = excluded.label, notes = excluded.notes, trusted = excluded.trusted,
       updated_ms = excluded.updated_ms`,
  );
  // Single payouts carry their recipient; a mass payout's recipients are its withdrawals.
  const selectPaid = sqlite.prepare<[number, number], PaidRecord>(
    `SELECT deposit_address AS address, currency, amount, comment, date_ms AS at_ms
       FROM payouts
       WHERE profile_ref = ? AND kind = 'single' AND state = 'COMPLETED'
         AND deposit_address IS NOT NULL
     UNION ALL
     SELECT deposit_address, currency, amount, comment, created_ms
       FROM withdrawals WHERE profile_ref = ? AND state = 'COMPLETED'`,
  );

  // The risk checks need only which addresses were paid in which currency, not the totals.
  const selectPaidAddresses = sqlite.prepare<
    [number, number],
    { address: string; currency: string }
  >(
    `SELECT DISTINCT deposit_address AS address, currency FROM payouts
       WHERE profile_ref = ? AND kind = 'single' AND state = 'COMPLETED'
         AND deposit_address IS NOT NULL
     UNION
     SELECT DISTINCT deposit_address, currency FROM withdrawals
       WHERE profile_ref = ? AND state = 'COMPLETED'`,
  );

  // Recipient names of submitted drafts' rows (schema 12): a name column names the person
  // an address belongs to better than any recurring comment.
  const selectNames = sqlite.prepare<
    [string],
    { address: string; currency: string; name: string; at_ms: number }
  >(
    `SELECT r.address, r.currency, r.recipient_name AS name, d.updated_ms AS at_ms
       FROM draft_rows r JOIN drafts d ON d.id = r.draft_id
      WHERE d.profile_id = ? AND d.state = 'submitted' AND r.recipient_name <> ''
        AND r.verdict <> 'error'`,
  );

  return {
    /** Names given to addresses in the name column of submitted drafts, one at a time. */
    *recipientNames(profileId: string) {
      yield* selectNames.iterate(profileId);
    },
    paidAddresses(profileId: string): { address: string; currency: string }[] {
      const ref = refs.find(profileId);
      return ref === undefined ? [] : selectPaidAddresses.all(ref, ref);
    },
    decisions(profileId: string): AddressBookRecord[] {
      const ref = refs.find(profileId);
      return ref === undefined ? [] : selectAll.all(ref);
    },
    decision(profileId: string, network: string, addressKey: string) {
      const ref = refs.find(profileId);
      return ref === undefined ? undefined : selectOne.get(ref, network, addressKey);
    },
    /** Every payment that reached a recipient, one at a time (the history can be large). */
    *paid(profileId: string): Generator<PaidRecord> {
      const ref = refs.find(profileId);
      if (ref === undefined) return;
      yield* selectPaid.iterate(ref, ref);
    },
    save(profileId: string, decisions: readonly AddressDecision[]): void {
      const ref = refs.require(profileId);
      sqlite.transaction(() => {
        for (const entry of decisions) {
          upsert.run(
            ref,
            entry.network,
            entry.addressKey,
            entry.address,
            entry.label,
            entry.notes,
            entry.trusted ? 1 : 0,
            entry.atMs,
          );
        }
      })();
    },
  };
}

export type AddressBookRepo = ReturnType<typeof createAddressBookRepo>;
