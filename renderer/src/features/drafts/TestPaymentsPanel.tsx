/**
 * Test payments of a draft's new addresses (docs/test-payments.md). While the draft is being
 * edited: per first-payment address, "Send a test payment first" with the amount it sends;
 * per hold, where its test is and what releases its rows, with a "Mark trusted" shortcut to
 * the address book. Once submitted: the rows still held, and "Send the held rows" after a
 * fresh review of just those rows (main sends exactly that plan, once).
 *
 * A hold's state changes as the history syncs (main polls a sent payout until final): the
 * holds are read again every few seconds while a test is under way, and the review is
 * reloaded when one changed, since a release changes the plan and its fingerprint.
 */
import { useCallback, useEffect, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { DraftSummary } from '../../../../shared/drafts';
import type { DeskError, HeldRowsReview } from '../../../../shared/ipc';
import type { TestPaymentHold, TestPaymentOffer } from '../../../../shared/test-payments';
import { ErrorMessage } from '../../components/ErrorMessage';
import { formatCount } from '../../lib/format';
import { addressBookService, testPaymentsService } from '../../services/desk-service';
import { useDeskStore } from '../../stores/store';
import { rowsText } from './verdicts';
import { currencyName } from '../../../../shared/currency-names';
import { formatAmount } from '../../lib/amount-format';

const STATE_LABELS: Record<TestPaymentHold['state'], string> = {
  sending: 'Sending',
  sent: 'Sent',
  completed: 'Completed — waiting for “trusted”',
  released: 'Released',
  failed: 'Failed',
};

const POLL_MS = 1_500;

/** Whether a hold can still change without the person doing anything. */
const moving = (hold: TestPaymentHold) => hold.state === 'sending' || hold.state === 'sent';

const signature = (holds: readonly TestPaymentHold[]) =>
  holds.map((hold) => `${hold.requestId}:${hold.state}:${hold.unsentRows}`).join('|');

export function TestPaymentsPanel({ draft }: { draft: DraftSummary }) {
  const { review, reloadReview, refreshBatches, reloadDraft } = useDeskStore(
    useShallow((state) => ({
      review: state.draftReviewLoading ? null : state.draftReview,
      reloadReview: state.loadDraftReview,
      refreshBatches: state.refreshDraftBatches,
      reloadDraft: state.reloadDraft,
    })),
  );
  const editing = draft.state === 'editing';
  const fromReview = review?.summary.id === draft.id ? review.testPayments : null;
  const [holds, setHolds] = useState<TestPaymentHold[] | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<DeskError | null>(null);
  const [heldReview, setHeldReview] = useState<HeldRowsReview | null>(null);
  const shown = holds ?? fromReview?.holds ?? [];
  const offers: TestPaymentOffer[] = editing ? (fromReview?.offers ?? []) : [];

  const anyMoving = (holds ?? fromReview?.holds ?? []).some(moving);

  const refresh = useCallback(async () => {
    const result = await testPaymentsService.list(draft.id);
    if (result.ok) setHolds(result.value);
  }, [draft.id]);

  // Read once, then every few seconds while a test can still change by itself.
  useEffect(() => {
    const tick = () => {
      void refresh();
    };
    const first = setTimeout(tick, 0);
    const timer = anyMoving ? setInterval(tick, POLL_MS) : undefined;
    return () => {
      clearTimeout(first);
      if (timer !== undefined) clearInterval(timer);
    };
  }, [refresh, anyMoving]);

  // A hold that moved changes the plan (and its fingerprint): the review is read again.
  const moved =
    editing &&
    holds !== null &&
    fromReview !== null &&
    signature(holds) !== signature(fromReview.holds);
  useEffect(() => {
    if (moved) void reloadReview();
  }, [moved, reloadReview]);

  async function run(key: string, action: () => Promise<DeskError | null>) {
    setBusy(key);
    setError(null);
    const failed = await action();
    setError(failed);
    setBusy(null);
  }

  const startTest = (offer: TestPaymentOffer) =>
    run(`test:${offer.address}`, async () => {
      const result = await testPaymentsService.start({
        draftId: draft.id,
        address: offer.address,
        currency: offer.currency,
      });
      if (!result.ok) return result.error;
      setHolds(result.value);
      await reloadReview();
      return null;
    });

  const markTrusted = (hold: TestPaymentHold) =>
    run(`trust:${hold.address}`, async () => {
      const result = await addressBookService.update({
        profileId: draft.profileId,
        network: hold.network,
        address: hold.address,
        trusted: true,
      });
      if (!result.ok) return result.error;
      await refresh();
      if (editing) await reloadReview();
      return null;
    });

  const saveAmount = (currency: string, amount: string) =>
    run(`amount:${currency}`, async () => {
      const result = await testPaymentsService.setAmount({
        profileId: draft.profileId,
        currency,
        amount: amount.trim() === '' ? null : amount.trim(),
      });
      if (!result.ok) return result.error;
      await reloadReview();
      return null;
    });

  const reviewHeld = () =>
    run('review-held', async () => {
      const result = await testPaymentsService.reviewHeldRows(draft.id);
      if (!result.ok) return result.error;
      setHeldReview(result.value);
      return null;
    });

  const sendHeld = (planned: HeldRowsReview) =>
    run('send-held', async () => {
      const result = await testPaymentsService.sendHeldRows(draft.id, planned.fingerprint);
      setHeldReview(null);
      await Promise.all([refreshBatches(), reloadDraft(), refresh()]);
      return result.ok ? null : result.error;
    });

  if (shown.length === 0 && offers.length === 0) return null;
  const released = shown.filter((hold) => hold.state === 'released' && hold.unsentRows > 0);
  const heldRowCount = heldReview?.totals.reduce((sum, entry) => sum + entry.rowCount, 0) ?? 0;

  return (
    <section className="card test-payments" aria-labelledby="test-payments-title">
      <h4 id="test-payments-title">Test payments to new addresses</h4>
      <p className="field-note">
        A test payment sends a small single payout first. The address’s rows stay out of the mass
        payouts until it is completed and you mark the address trusted.
      </p>
      {error && <ErrorMessage error={error} />}
      {shown.length > 0 && (
        <ul className="test-payment-holds" data-testid="test-payment-holds">
          {shown.map((hold) => (
            <li key={`${hold.network}:${hold.address}`} data-testid="test-payment-hold">
              <code className="address">{hold.address}</code>{' '}
              <span className="amount">
                {formatAmount(hold.amount)} {currencyName(hold.currency)}
              </span>{' '}
              <strong data-testid="test-payment-state">{STATE_LABELS[hold.state]}</strong>
              <p role="note">{hold.message}</p>
              {!hold.trusted && (
                <button
                  type="button"
                  className="small"
                  disabled={busy !== null}
                  onClick={() => {
                    void markTrusted(hold);
                  }}
                >
                  Mark trusted
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {offers.length > 0 && (
        <ul className="test-payment-offers" data-testid="test-payment-offers">
          {offers.map((offer) => (
            <li key={`${offer.network}:${offer.address}`}>
              <code className="address">{offer.address}</code> ({rowsText(offer.rowCount)}){' '}
              <button
                type="button"
                className="small"
                disabled={busy !== null}
                onClick={() => {
                  void startTest(offer);
                }}
              >
                Send a test payment first: {formatAmount(offer.amount)}{' '}
                {currencyName(offer.currency)}
              </button>
            </li>
          ))}
        </ul>
      )}
      {offers.length > 0 && (
        <TestAmounts
          currencies={[...new Map(offers.map((offer) => [offer.currency, offer.amount]))]}
          disabled={busy !== null}
          onSave={(currency, amount) => {
            void saveAmount(currency, amount);
          }}
        />
      )}
      {editing && fromReview !== null && fromReview.offerCount > offers.length && (
        <p className="field-note">
          {formatCount(fromReview.offerCount - offers.length)} more new addresses are not listed
          here: a test payment is meant for a few new recipients.
        </p>
      )}
      {!editing && released.length > 0 && heldReview === null && (
        <div className="actions">
          <button
            type="button"
            disabled={busy !== null}
            onClick={() => {
              void reviewHeld();
            }}
          >
            Review the held rows
          </button>
        </div>
      )}
      {!editing && heldReview !== null && (
        <div data-testid="held-rows-review">
          <p>
            {rowsText(heldRowCount)} will be paid in {formatCount(heldReview.batches.length)} more
            mass {heldReview.batches.length === 1 ? 'payout' : 'payouts'}:{' '}
            {heldReview.totals
              .map((entry) => `${formatAmount(entry.total)} ${currencyName(entry.currency)}`)
              .join(', ')}
            .{heldReview.stillHeld > 0 && ` ${rowsText(heldReview.stillHeld)} stay held.`}
          </p>
          {heldReview.excludedRows > 0 && (
            <div role="alert" data-testid="held-rows-left-out">
              <p>{rowsText(heldReview.excludedRows)} will not be sent:</p>
              <ul>
                {heldReview.leftOut.map((entry) => (
                  <li key={entry.rowNo}>
                    Row {formatCount(entry.rowNo)}
                    {entry.line !== null ? ` (line ${formatCount(entry.line)})` : ''}:{' '}
                    {entry.reason}
                  </li>
                ))}
              </ul>
              {heldReview.excludedRows > heldReview.leftOut.length && (
                <p>and {formatCount(heldReview.excludedRows - heldReview.leftOut.length)} more.</p>
              )}
            </div>
          )}
          <div className="actions">
            <button
              type="button"
              className="primary"
              disabled={busy !== null || heldReview.batches.length === 0}
              onClick={() => {
                void sendHeld(heldReview);
              }}
            >
              {busy === 'send-held' ? 'Sending…' : 'Send the held rows'}
            </button>
          </div>
        </div>
      )}
    </section>
  );
}

/** The amount a test sends per currency, for this profile; empty goes back to the default. */
function TestAmounts({
  currencies,
  disabled,
  onSave,
}: {
  currencies: [currency: string, amount: string][];
  disabled: boolean;
  onSave: (currency: string, amount: string) => void;
}) {
  return (
    <details className="test-amounts">
      <summary>Test payment amounts</summary>
      {currencies.map(([currency, amount]) => (
        <form
          key={`${currency}:${amount}`}
          className="inline-form"
          onSubmit={(event) => {
            event.preventDefault();
            const field = new FormData(event.currentTarget).get('amount');
            onSave(currency, typeof field === 'string' ? field : '');
          }}
        >
          <label>
            {currencyName(currency)}{' '}
            <input
              name="amount"
              defaultValue={amount}
              inputMode="decimal"
              aria-label={`Test payment amount in ${currencyName(currency)}`}
            />
          </label>{' '}
          <button type="submit" className="small" disabled={disabled}>
            Save
          </button>
        </form>
      ))}
    </details>
  );
}
