/**
 * Test payments before a mass payout (docs/test-payments.md). For a draft row paying an
 * address this account never paid (ADDRESS_FIRST_PAYMENT), the person may send one small
 * single payout first: the address is then held, every row of it left out of the draft's
 * batches and of Submit, until that payout is COMPLETED in the synced history AND the
 * address is marked trusted in the address book. The test goes through the single-payout
 * path (preview, confirmed hash, outbox intent, audit), so it is idempotent like any payout.
 *
 * What a hold's state is, is read every time from the outbox, the synced history and the
 * address book; only the hold itself (draft, address, amount, the test's request id) is
 * stored. So untrusting an address holds its rows again, and no sync can "miss" a release.
 */
import { randomUUID } from 'node:crypto';
import type { DraftRow, DraftSummary } from '../../../shared/drafts';
import { addressKey } from '../../../shared/import/address-key';
import { normalizeDecimal } from '../../../shared/money';
import { findCurrency, type NetworkId } from '../../../shared/networks';
import { checkAmount } from '../../../shared/payout-rules';
import {
  DEFAULT_TEST_AMOUNTS,
  FALLBACK_TEST_AMOUNT,
  type TestPaymentAmount,
  type TestPaymentHold,
  type TestPaymentOffer,
} from '../../../shared/test-payments';
import type { AuditLog, CacheDatabase, DraftsRepo, OutboxRepo, PayoutsRepo } from '../db';
import { DeskFailure } from '../ipc/desk-failure';
import type { SinglePayouts } from './single-payouts';
import type { StoredHold, TestPaymentsRepo } from './test-payments-repo';
import { immediateWrite } from '../db/immediate-write';
import { requireDraftOf } from './require-draft';

export const FIRST_PAYMENT_CODE = 'ADDRESS_FIRST_PAYMENT';
/** At most this many addresses are offered a test in one review. */
export const MAX_OFFERS = 200;
/** What the test payout carries as its comment, so the history tells it apart. */
export const TEST_PAYMENT_COMMENT = 'Payout Desk test payment';

export type TestPaymentsDeps = {
  db: CacheDatabase;
  repo: TestPaymentsRepo;
  drafts: DraftsRepo;
  outbox: OutboxRepo;
  payouts: PayoutsRepo;
  singlePayouts: Pick<SinglePayouts, 'preview' | 'submit'>;
  /** Whether the address book marks this address trusted (docs/address-book.md). */
  trustedOf: (profileId: string, network: NetworkId, address: string) => boolean;
  audit: Pick<AuditLog, 'append'>;
  now: () => number;
};

/** The key a row or a hold is matched on: the network and the address's duplicate key. */
export function holdKeyOf(network: string, address: string): string {
  return `${network}:${addressKey(address)}`;
}

/** The hold key of a draft row, or null when its currency names no network. */
export function rowHoldKey(row: Pick<DraftRow, 'address' | 'currency'>): string | null {
  const network = findCurrency(row.currency)?.network;
  const key = addressKey(row.address);
  return network === undefined || key === '' ? null : `${network}:${key}`;
}

const isFirstPayment = (row: DraftRow) =>
  row.verdict !== 'error' && row.problems.some((problem) => problem.code === FIRST_PAYMENT_CODE);

export function createTestPayments(deps: TestPaymentsDeps) {
  const { repo, drafts, outbox, payouts, audit, now } = deps;

  const write = <T>(body: () => T): T => immediateWrite(deps.db, body);
  const requireDraft = (draftId: string): DraftSummary => requireDraftOf(drafts, draftId);

  function amountFor(profileId: string, currency: string): string {
    const own = repo.amounts(profileId).find((entry) => entry.currency === currency);
    return own?.amount ?? DEFAULT_TEST_AMOUNTS[currency] ?? FALLBACK_TEST_AMOUNT;
  }

  /** The rows of the draft a hold covers (its network and address), in row order. */
  function rowsOf(hold: Pick<StoredHold, 'draftId' | 'network' | 'addressKey'>): DraftRow[] {
    return drafts
      .duplicateGroup(hold.draftId, hold.addressKey)
      .filter((row) => findCurrency(row.currency)?.network === hold.network);
  }

  function batchedRowNos(draftId: string): Set<number> {
    return new Set(drafts.batches(draftId).flatMap((batch) => drafts.batchRowNos(batch.requestId)));
  }

  /** Where a test is and what releases its rows: read from the outbox, history and book. */
  function statusOf(
    summary: DraftSummary,
    hold: StoredHold,
    batched: ReadonlySet<number>,
  ): TestPaymentHold {
    const entry = outbox.get(hold.requestId);
    const payoutId = entry?.state === 'done' ? entry.resultId : null;
    const payoutState =
      payoutId === null
        ? null
        : (payouts.getDetails(summary.profileId, 'single', payoutId)?.item.state ?? null);
    const trusted = deps.trustedOf(summary.profileId, hold.network, hold.address);
    const rowNos = rowsOf(hold)
      .filter((row) => row.verdict !== 'error')
      .map((row) => row.rowNo);
    const unsentRows = rowNos.filter((rowNo) => !batched.has(rowNo)).length;
    const rows = `${unsentRows} row${unsentRows === 1 ? '' : 's'}`;
    let state: TestPaymentHold['state'];
    let message: string;
    if (entry === undefined) {
      state = 'failed';
      message = `The test payment was never stored, so nothing was sent: send it again. Its ${rows} stay held.`;
    } else if (entry.state === 'rejected') {
      state = 'failed';
      message = `Calypso refused the test payment (${entry.errorMessage ?? entry.errorCode ?? 'no reason given'}): its ${rows} stay held. Check the address, then send a new test.`;
    } else if (entry.state === 'cancelled' || entry.state === 'expired') {
      state = 'failed';
      message = `The test payment was ${entry.state} before it was sent: its ${rows} stay held. Send a new test.`;
    } else if (entry.state !== 'done') {
      state = 'sending';
      message =
        entry.state === 'not-sent'
          ? `Calypso could not be reached, so the test payment is not sent yet: it goes when the connection returns. Its ${rows} stay held.`
          : `The test payment is on its way to Calypso: its ${rows} stay held until it is COMPLETED and you mark the address trusted.`;
    } else if (payoutState === 'COMPLETED') {
      state = trusted ? 'released' : 'completed';
      const sent = rowNos.length - unsentRows;
      if (!trusted) {
        message = `The test payment COMPLETED: check that the recipient received it, then mark the address trusted to release its ${rows}.`;
      } else if (unsentRows === 0 && sent > 0) {
        message = `The test payment COMPLETED and the address is trusted: its ${sent} row${sent === 1 ? ' is' : 's are'} in this draft's mass payouts.`;
      } else {
        message = `The test payment COMPLETED and the address is trusted: its ${rows} can be sent.`;
      }
    } else if (
      payoutState === 'FAILED' ||
      payoutState === 'CANCELED' ||
      payoutState === 'PARTIAL'
    ) {
      state = 'failed';
      message = `The test payment ended ${payoutState}: its ${rows} stay held. Check the address, then send a new test.`;
    } else {
      state = 'sent';
      message = `The test payment was sent${payoutState ? ` (${payoutState})` : ''}: its ${rows} stay held until it is COMPLETED and you mark the address trusted.`;
    }
    return {
      network: hold.network,
      address: hold.address,
      currency: hold.currency,
      amount: hold.amount,
      requestId: hold.requestId,
      payoutId,
      payoutState,
      trusted,
      state,
      message,
      rowNos,
      unsentRows,
    };
  }

  function holdsOf(draftId: string): TestPaymentHold[] {
    const summary = requireDraft(draftId);
    const stored = repo.holds(draftId);
    if (stored.length === 0) return [];
    const batched = batchedRowNos(draftId);
    return stored.map((hold) => statusOf(summary, hold, batched));
  }

  /** The one hold the person means: the address's rows of one network, which need a test. */
  function targetOf(summary: DraftSummary, address: string, currency: string | undefined) {
    const key = addressKey(address);
    const wanted = currency === undefined ? undefined : findCurrency(currency);
    if (currency !== undefined && wanted === undefined) {
      throw new DeskFailure(
        'VALIDATION',
        `currency: "${currency}" is not a currency Calypso pays out.`,
      );
    }
    const candidates = drafts
      .duplicateGroup(summary.id, key)
      .filter(isFirstPayment)
      .filter(
        (row) => wanted === undefined || findCurrency(row.currency)?.network === wanted.network,
      );
    const first = candidates[0];
    if (first === undefined) {
      throw new DeskFailure(
        'VALIDATION',
        `address: no row of this draft pays "${address}" for the first time${wanted ? ` on ${wanted.label}` : ''}, so it needs no test payment.`,
      );
    }
    const networks = new Set(candidates.map((row) => findCurrency(row.currency)?.network));
    if (networks.size > 1) {
      throw new DeskFailure(
        'VALIDATION',
        `currency: rows pay "${address}" on more than one network; say which currency the test payment is in.`,
      );
    }
    const found = findCurrency(wanted?.code ?? first.currency);
    if (!found) throw new Error('a first-payment row without a known currency');
    return { network: found.network, currency: found.code, address: first.address };
  }

  return {
    holdsOf,

    /** The hold keys of a draft whose rows must stay out of its batches now. */
    heldKeys(draftId: string): Map<string, TestPaymentHold> {
      const held = new Map<string, TestPaymentHold>();
      for (const hold of holdsOf(draftId)) {
        held.set(holdKeyOf(hold.network, hold.address), hold);
      }
      return held;
    },

    /**
     * First-payment addresses of these rows that have no test yet, with what it would send:
     * the first MAX_OFFERS in row order (a test per address is for a few new recipients, not
     * a whole file of them), and how many there are.
     */
    offersOf(
      summary: DraftSummary,
      rows: readonly DraftRow[],
    ): { offers: TestPaymentOffer[]; total: number } {
      const held = new Set(
        repo.holds(summary.id).map((hold) => `${hold.network}:${hold.addressKey}`),
      );
      const offers = new Map<string, TestPaymentOffer>();
      for (const row of rows) {
        if (!isFirstPayment(row)) continue;
        const key = rowHoldKey(row);
        const currency = findCurrency(row.currency);
        if (key === null || currency === undefined || held.has(key)) continue;
        const offer = offers.get(key);
        if (offer) offer.rowCount += 1;
        else {
          offers.set(key, {
            network: currency.network,
            address: row.address,
            currency: currency.code,
            amount: amountFor(summary.profileId, currency.code),
            rowCount: 1,
          });
        }
      }
      return { offers: [...offers.values()].slice(0, MAX_OFFERS), total: offers.size };
    },

    /**
     * Records the hold and sends the test payout. A repeat (double click, second window)
     * while a test is under way or done returns that test; only a failed test is replaced
     * by a new one (a new request id: the failed intent stays as it ended).
     */
    async start(input: { draftId: string; address: string; currency?: string }) {
      const prepared = write(() => {
        const summary = requireDraft(input.draftId);
        if (summary.state !== 'editing') {
          throw new DeskFailure(
            'VALIDATION',
            'This draft was submitted: a test payment can only hold rows of a draft still being edited.',
          );
        }
        const target = targetOf(summary, input.address, input.currency);
        const key = addressKey(target.address);
        const existing = repo.hold(summary.id, target.network, key);
        if (existing) {
          // A hold whose test was never stored (a crash, or another process storing it right
          // now) is sent again under the SAME request id: Calypso's idempotency key, and the
          // outbox's own check of a stored request id, make that one payout at most.
          if (outbox.get(existing.requestId) === undefined) {
            return { summary, send: { hold: existing, replaced: undefined } };
          }
          const status = statusOf(summary, existing, new Set());
          if (status.state !== 'failed') return { summary, send: null };
        }
        const amount = normalizeDecimal(amountFor(summary.profileId, target.currency));
        const hold: StoredHold = {
          draftId: summary.id,
          network: target.network,
          addressKey: key,
          address: target.address,
          currency: target.currency,
          amount,
          requestId: randomUUID(),
          createdMs: now(),
        };
        repo.saveHold(hold);
        audit.append({
          atMs: now(),
          profileId: summary.profileId,
          action: 'draft.test-payment-started',
          detail: {
            draftId: summary.id,
            network: hold.network,
            address: hold.address,
            currency: hold.currency,
            amount: hold.amount,
            requestId: hold.requestId,
            ...(existing ? { replacesRequestId: existing.requestId } : {}),
          },
        });
        return { summary, send: { hold, replaced: existing } };
      });
      const { summary, send } = prepared;
      if (send !== null) {
        const payout = {
          profileId: summary.profileId,
          requestId: send.hold.requestId,
          depositAddress: send.hold.address,
          amount: send.hold.amount,
          currency: send.hold.currency,
          comment: TEST_PAYMENT_COMMENT,
        };
        try {
          const preview = deps.singlePayouts.preview(payout);
          await deps.singlePayouts.submit({
            ...payout,
            payloadHash: preview.payloadHash,
            shownRisks: preview.risks.map((risk) => risk.code),
          });
        } catch (error) {
          // Refused before it was stored (a rule, a risk): no test exists, so no hold either;
          // a replaced failed test holds again as it was. A refusal after storing is the
          // intent's own state, which the hold reports.
          if (outbox.get(send.hold.requestId) === undefined) {
            write(() => {
              if (send.replaced) repo.saveHold(send.replaced);
              else repo.removeHold(summary.id, send.hold.network, send.hold.addressKey);
            });
          }
          if (!(error instanceof DeskFailure && error.code === 'CALYPSO_REJECTED')) throw error;
        }
      }
      return holdsOf(summary.id);
    },

    amounts(profileId: string): TestPaymentAmount[] {
      const own = new Map(repo.amounts(profileId).map((entry) => [entry.currency, entry.amount]));
      const codes = new Set([...Object.keys(DEFAULT_TEST_AMOUNTS), ...own.keys()]);
      return [...codes].sort().map((currency) => ({
        currency,
        amount: own.get(currency) ?? DEFAULT_TEST_AMOUNTS[currency] ?? FALLBACK_TEST_AMOUNT,
        isDefault: !own.has(currency),
      }));
    },

    /** A profile's own test amount for a currency; null goes back to the default. */
    setAmount(input: { profileId: string; currency: string; amount: string | null }) {
      const currency = findCurrency(input.currency);
      if (!currency) {
        throw new DeskFailure(
          'VALIDATION',
          `currency: "${input.currency}" is not a currency Calypso pays out.`,
        );
      }
      if (input.amount !== null) {
        const problems = checkAmount(input.amount, currency);
        if (problems.length > 0) {
          throw new DeskFailure(
            'VALIDATION',
            `amount: ${problems.map((p) => p.message).join(' ')}`,
          );
        }
      }
      const amount = input.amount === null ? null : normalizeDecimal(input.amount);
      write(() => {
        repo.setAmount(input.profileId, currency.code, amount, now());
        audit.append({
          atMs: now(),
          profileId: input.profileId,
          action: 'test-payment.amount-set',
          detail: { currency: currency.code, amount },
        });
      });
      return this.amounts(input.profileId);
    },
  };
}

export type TestPayments = ReturnType<typeof createTestPayments>;
