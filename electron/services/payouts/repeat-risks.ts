/**
 * A single payout that repeats one of the account's payments (docs/intents.md, "The same
 * payout again"). The same recipient, currency and amount as an instruction that is not
 * settled yet (not sent, or sent without an answer) is refused: the first one will still be
 * sent or looked up by its own key, so a second one under a new request id could pay twice.
 * "The account" is the Calypso account the intent is sent to (its target), not the profile:
 * two profiles of one account pay from the same balance.
 * A repeat of a payment of the last 30 days (paid, or on its way) is a warning, as for a
 * draft row: paying the same amount again can be meant.
 */
import type { AddressRisk } from '../../../shared/address-risk';
import { addressKey } from '../../../shared/import/address-key';
import { findRecentPayout } from '../../../shared/import/recent-payouts';
import { normalizeDecimal } from '../../../shared/money';
import type { IntentTarget, OutboxEntry, OutboxRepo, PaidOrBeingPaid } from '../db';
import { sameTarget } from '../profiles/calypso-target';
import { utcMinute } from './utc-minute';

export type RepeatedPayment = { depositAddress: string; currency: string; amount: string };

export type RepeatRiskDeps = {
  outbox: Pick<OutboxRepo, 'listUnresolved'>;
  /** Where this profile's intents are sent (outbox.insertPending stores the same). */
  targetOf: (profileId: string) => IntentTarget;
  /**
   * What the account paid or is paying in the last 30 days (the window drafts use), over
   * every profile of that Calypso account.
   */
  recentPayments: (profileId: string) => PaidOrBeingPaid[];
  now: () => number;
};

function sameAmount(a: unknown, b: string): boolean {
  if (typeof a !== 'string') return false;
  try {
    return normalizeDecimal(a.trim()) === b;
  } catch {
    return false;
  }
}

/** Whether the stored instruction pays `payment` (a single payout, or one mass recipient). */
function pays(entry: OutboxEntry, payment: RepeatedPayment, amount: string): boolean {
  const { payload } = entry;
  if (payload.currency !== payment.currency) return false;
  const key = addressKey(payment.depositAddress);
  const recipients: unknown[] =
    entry.kind === 'single'
      ? [payload]
      : Array.isArray(payload.massAddresses)
        ? payload.massAddresses
        : [];
  return recipients.some((recipient) => {
    if (typeof recipient !== 'object' || recipient === null) return false;
    const { depositAddress, amount: paid } = recipient as Record<string, unknown>;
    return (
      typeof depositAddress === 'string' &&
      addressKey(depositAddress) === key &&
      sameAmount(paid, amount)
    );
  });
}

function notSettled(entry: OutboxEntry, payment: RepeatedPayment, amount: string): AddressRisk {
  const where =
    entry.state === 'pending'
      ? "Calypso's answer did not arrive, and Payout Desk asks Calypso with that payout's own key at the next sync"
      : 'it has not reached Calypso yet, and Payout Desk sends it at the next sync';
  return {
    code: 'PAYOUT_NOT_SETTLED',
    severity: 'error',
    message:
      `A payout of ${amount} ${payment.currency} to this address from this account is not ` +
      `settled yet: it was confirmed at ${utcMinute(entry.createdMs)} and ${where}. ` +
      'Confirming this one as well could pay the recipient twice: wait until that payout is ' +
      'settled, or cancel it while it is not sent.',
  };
}

export function createRepeatRisks(deps: RepeatRiskDeps) {
  /** `requestId`: the request being confirmed, which never repeats itself. */
  return (profileId: string, payment: RepeatedPayment, requestId: string): AddressRisk[] => {
    let amount: string;
    try {
      amount = normalizeDecimal(payment.amount.trim());
    } catch {
      return []; // not an amount: the recipient rules refuse it with their own sentence
    }
    const target = deps.targetOf(profileId);
    const nowMs = deps.now();
    const unsettled = deps.outbox.listUnresolved().find(
      (entry) =>
        entry.requestId !== requestId &&
        sameTarget(entry.target, target) &&
        // A not-sent one past its expiry is never sent again (it is marked so at the next pass).
        !(entry.state === 'not-sent' && entry.expiresMs <= nowMs) &&
        pays(entry, payment, amount),
    );
    if (unsettled) return [notSettled(unsettled, payment, amount)];
    const recent = deps.recentPayments(profileId);
    if (!findRecentPayout(recent, payment.depositAddress, payment.currency, amount)) return [];
    return [
      {
        code: 'DUPLICATE_RECENT_PAYOUT',
        severity: 'warning',
        message: `This recipient was already paid ${amount} ${payment.currency} from this account in the last 30 days, or is being paid now (same address and amount). Confirm only if this is another payment.`,
      },
    ];
  };
}
