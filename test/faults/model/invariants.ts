/**
 * The money invariants of issue 9, checked after a sequence against the simulator's own
 * store (never the desk's cache) and what the model itself did. Each violation is one
 * sentence naming the intent, the payout ids and what was expected.
 *
 * The model's intents: every single payout it confirmed (or tried to: a kill mid-call leaves
 * the outcome unknown) and every outbox row it ever saw in the desk's file between
 * operations. A recipient address is used by exactly one imported row or single payout, so
 * a retry draft's row is the same person's intent as the failed row it came from.
 */
import { compareDecimals } from '../../../shared/money';
import type { BatchRow, DeskState, OutboxRow, SimState, SimWithdrawal } from './stores';

export type RecipientRow = { address: string; amount: string; currency: string; comment: string };

export type SingleIntent = {
  requestId: string;
  profileId: string;
  /** The profile's Calypso account when the person confirmed. */
  account: string;
  address: string;
  amount: string;
  currency: string;
  /** The desk's answer: done, pending, rejected, killed, error CODE, ... */
  answer: string;
};

export type DraftIntent = {
  draftId: string;
  /** What the person saw in the review that preceded the Submit that fixed the batches. */
  reviewedRows: RecipientRow[] | null;
  /** The profile's account when that Submit was pressed. */
  account: string | null;
};

export type Ledger = {
  singles: SingleIntent[];
  drafts: Map<string, DraftIntent>;
  /** Every outbox row seen between operations, by request id (last state seen). */
  seenOutbox: Map<string, OutboxRow & { expectedAccount: string }>;
  seenBatches: Map<string, BatchRow>;
  /** Request ids the desk confirmed in an answer (createPayout / submitDraft returned). */
  confirmed: Set<string>;
  /** Accounts the model's profiles used, so payouts of other merchants are ignored. */
  accounts: Set<string>;
};

export type Violation = { invariant: InvariantName; message: string };

export const INVARIANTS = [
  'one payout per intent',
  'payout on the confirmed account',
  'signed payload = reviewed',
  'no rejected entry whose payout exists',
  'no outbox entry lost',
  // Checked by the driver where it races an edit against a Submit on two hosts.
  'no edit saved after signing',
  // Not a money invariant: the benign sequences' proof that the harness itself works.
  'benign operation succeeds',
] as const;
export type InvariantName = (typeof INVARIANTS)[number];

const NOT_PAID = new Set(['FAILED', 'CANCELED', 'CANCELLED', 'REJECTED']);

function sameRecipient(row: RecipientRow, paid: SimWithdrawal): boolean {
  return (
    row.address === paid.depositAddress &&
    row.currency === paid.currency &&
    compareDecimals(row.amount, paid.amount) === 0 &&
    row.comment === paid.comment
  );
}

function describeRow(row: RecipientRow | undefined): string {
  return row === undefined
    ? 'nothing'
    : `${row.amount} ${row.currency} to ${row.address}${row.comment ? ` ("${row.comment}")` : ''}`;
}

/** Where a signed list of recipients first differs from the reviewed one, in words. */
function firstDifference(signed: readonly SimWithdrawal[], reviewed: readonly RecipientRow[]) {
  const asRows = signed.map((paid) => ({
    address: paid.depositAddress,
    amount: paid.amount,
    currency: paid.currency,
    comment: paid.comment,
  }));
  for (let index = 0; index < Math.max(asRows.length, reviewed.length); index += 1) {
    const paid = signed[index];
    const row = reviewed[index];
    if (paid === undefined || row === undefined || !sameRecipient(row, paid)) {
      return `recipient ${index + 1} signed ${describeRow(asRows[index])}, reviewed ${describeRow(row)}`;
    }
  }
  return 'no difference';
}

export function checkInvariants(ledger: Ledger, sim: SimState, desk: DeskState): Violation[] {
  const violations: Violation[] = [];
  const add = (invariant: InvariantName, message: string) =>
    violations.push({ invariant, message });
  const payouts = sim.payouts.filter((payout) => ledger.accounts.has(payout.account));
  const byKey = new Map<string, typeof payouts>();
  for (const payout of payouts) {
    if (payout.idempotencyKey === null) continue;
    byKey.set(payout.idempotencyKey, [...(byKey.get(payout.idempotencyKey) ?? []), payout]);
  }
  const withdrawalsOf = new Map<string, SimWithdrawal[]>();
  for (const withdrawal of sim.withdrawals) {
    withdrawalsOf.set(withdrawal.parentId, [
      ...(withdrawalsOf.get(withdrawal.parentId) ?? []),
      withdrawal,
    ]);
  }
  const finalOutbox = new Map(desk.outbox.map((row) => [row.requestId, row]));
  const singles = new Map(ledger.singles.map((single) => [single.requestId, single]));

  // 1. At most one payout per intent: per idempotency key (on any account), and per
  //    recipient (a row, its retries and a single payout entered again are one intent).
  for (const [key, found] of byKey) {
    if (found.length > 1) {
      add(
        'one payout per intent',
        `intent ${key} has ${found.length} payouts at the simulator: ${found
          .map((payout) => `${payout.kind} ${payout.id} on ${payout.account}`)
          .join(', ')}`,
      );
    }
  }
  const paidTo = new Map<string, SimWithdrawal[]>();
  for (const withdrawal of sim.withdrawals) {
    if (!ledger.accounts.has(withdrawal.account) || NOT_PAID.has(withdrawal.state)) continue;
    paidTo.set(withdrawal.depositAddress, [
      ...(paidTo.get(withdrawal.depositAddress) ?? []),
      withdrawal,
    ]);
  }
  for (const [address, paid] of paidTo) {
    if (paid.length > 1) {
      add(
        'one payout per intent',
        `recipient ${address} was paid ${paid.length} times: withdrawals ${paid
          .map((w) => `${w.id} (${w.amount} ${w.currency}, ${w.state}, in payout ${w.parentId})`)
          .join(', ')}`,
      );
    }
  }

  // 2. Every payout on the account its intent was confirmed for; 6. none without an intent.
  for (const payout of payouts) {
    const key = payout.idempotencyKey;
    const seen = key === null ? undefined : ledger.seenOutbox.get(key);
    const single = key === null ? undefined : singles.get(key);
    const expected = single?.account ?? seen?.expectedAccount;
    if (key === null || expected === undefined) {
      add(
        'one payout per intent',
        `${payout.kind} payout ${payout.id} on ${payout.account} (key ${key ?? 'none'}) matches no intent the model confirmed`,
      );
      continue;
    }
    if (payout.account !== expected) {
      add(
        'payout on the confirmed account',
        `intent ${key}: ${payout.kind} payout ${payout.id} was created on ${payout.account}, confirmed for ${expected}`,
      );
    }
  }

  // 3. Every signed payload equals what was reviewed.
  for (const single of ledger.singles) {
    for (const payout of byKey.get(single.requestId) ?? []) {
      const same =
        payout.kind === 'single' &&
        payout.depositAddress === single.address &&
        payout.currency === single.currency &&
        payout.amount !== null &&
        compareDecimals(payout.amount, single.amount) === 0;
      if (!same) {
        add(
          'signed payload = reviewed',
          `single intent ${single.requestId}: payout ${payout.id} pays ${payout.amount ?? '?'} ${payout.currency} to ${payout.depositAddress ?? '?'}, confirmed ${single.amount} ${single.currency} to ${single.address}`,
        );
      }
    }
  }
  const batchesOf = new Map<string, BatchRow[]>();
  for (const batch of ledger.seenBatches.values()) {
    batchesOf.set(batch.draftId, [...(batchesOf.get(batch.draftId) ?? []), batch]);
  }
  for (const [draftId, batches] of batchesOf) {
    const draft = ledger.drafts.get(draftId);
    const sent = batches.filter((batch) => (byKey.get(batch.requestId) ?? []).length > 0);
    if (sent.length === 0) continue;
    if (!draft?.reviewedRows) {
      add(
        'signed payload = reviewed',
        `draft ${draftId}: mass payouts ${sent.map((batch) => byKey.get(batch.requestId)?.[0]?.id).join(', ')} were created although the draft was never reviewed before its Submit`,
      );
      continue;
    }
    for (const currency of new Set(batches.map((batch) => batch.currency))) {
      const ofCurrency = batches
        .filter((batch) => batch.currency === currency)
        .sort((a, b) => a.batchNo - b.batchNo);
      const created = ofCurrency.map((batch) => byKey.get(batch.requestId)?.[0]);
      if (created.some((payout) => payout === undefined)) continue; // partly refused: below
      const signed = created.flatMap((payout) =>
        payout ? [...(withdrawalsOf.get(payout.id) ?? [])].sort((a, b) => +a.id - +b.id) : [],
      );
      const reviewed = draft.reviewedRows.filter((row) => row.currency === currency);
      const same =
        signed.length === reviewed.length &&
        signed.every((paid, index) => {
          const row = reviewed[index];
          return row !== undefined && sameRecipient(row, paid);
        });
      if (!same) {
        add(
          'signed payload = reviewed',
          `draft ${draftId} ${currency}: mass payout ${created.map((payout) => payout?.id).join('+')} signed ${signed.length} rows, the review showed ${reviewed.length}; ${firstDifference(signed, reviewed)}`,
        );
      }
    }
    for (const batch of ofReviewedCurrencyMissing(draft.reviewedRows, batches)) {
      add(
        'signed payload = reviewed',
        `draft ${draftId}: reviewed rows in ${batch} were never planned into a batch`,
      );
    }
  }

  // 4. No `rejected` entry whose payout exists.
  const rejectedRows = new Map<string, string>();
  for (const row of ledger.seenOutbox.values()) {
    if (row.state === 'rejected') rejectedRows.set(row.requestId, 'seen between operations');
  }
  for (const row of desk.outbox) {
    if (row.state === 'rejected') rejectedRows.set(row.requestId, 'at the end');
  }
  for (const [requestId, when] of rejectedRows) {
    const found = byKey.get(requestId) ?? [];
    if (found.length > 0) {
      add(
        'no rejected entry whose payout exists',
        `intent ${requestId} was stored rejected (${when}) but the simulator has ${found
          .map(
            (payout) => `${payout.kind} payout ${payout.id} (${payout.state}) on ${payout.account}`,
          )
          .join(', ')}`,
      );
    }
  }

  // 5. No outbox entry lost: confirmed or once seen, it is still in the outbox at the end.
  const expectedRows = new Set([...ledger.confirmed, ...ledger.seenOutbox.keys()]);
  for (const requestId of expectedRows) {
    if (finalOutbox.has(requestId)) continue;
    const found = byKey.get(requestId) ?? [];
    const seen = ledger.seenOutbox.get(requestId);
    add(
      'no outbox entry lost',
      `intent ${requestId} (${seen ? `${seen.kind}, last seen ${seen.state}` : 'confirmed by the desk'}) has no outbox row at the end; the simulator has ${
        found.length === 0
          ? 'no payout for it'
          : found.map((payout) => `${payout.kind} payout ${payout.id} (${payout.state})`).join(', ')
      }`,
    );
  }
  return violations;
}

/** Currencies the review showed rows of but no batch was planned for. */
function ofReviewedCurrencyMissing(
  reviewed: readonly RecipientRow[],
  batches: readonly BatchRow[],
): string[] {
  const planned = new Set(batches.map((batch) => batch.currency));
  return [...new Set(reviewed.map((row) => row.currency))].filter(
    (currency) => !planned.has(currency),
  );
}

export type { OutboxRow };
