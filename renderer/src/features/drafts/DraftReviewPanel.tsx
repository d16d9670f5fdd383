/**
 * The last look before money moves: counts, and per currency the exact amount, the estimated
 * Calypso fee, the total debit and the balance before and after; the mass payouts that will
 * be created, what is left out, and on which environment. One Submit, which disables itself;
 * a second click or a retry is harmless (main sends each batch once). Submit carries the
 * fingerprint of this review: if the draft changed since (another window, a late edit), main
 * sends nothing and the panel asks for a fresh review.
 */
import { useShallow } from 'zustand/react/shallow';
import type { DraftSummary } from '../../../../shared/drafts';
import type { DraftReview } from '../../../../shared/ipc';
import { DebitTable } from '../../components/DebitTable';
import { ErrorMessage } from '../../components/ErrorMessage';
import { DraftApprovalsPanel } from '../approvals/DraftApprovalsPanel';
import { BatchTotalsTable } from './BatchTotalsTable';
import { TestPaymentsPanel } from './TestPaymentsPanel';
import { formatCount } from '../../lib/format';
import { isDraftChangedError } from './draft-submission-slice';
import { useDeskStore } from '../../stores/store';
import { moneyAtStake } from './environment-words';
import { countsText, DELIVERY_LABELS, rowsText } from './verdicts';
import { currencyName } from '../../../../shared/currency-names';
import { formatAmount, formatOptionalAmount } from '../../lib/amount-format';

export function DraftReviewPanel({ draft }: { draft: DraftSummary }) {
  const {
    review,
    error,
    loading,
    reload,
    profile,
    submitting,
    submitError,
    batches,
    submit,
    reviewAgain,
    back,
    approvals,
  } = useDeskStore(
    useShallow((state) => ({
      review: state.draftReview,
      error: state.draftReviewError,
      loading: state.draftReviewLoading,
      reload: state.loadDraftReview,
      profile: state.profiles.find((entry) => entry.id === draft.profileId),
      submitting: state.draftSubmitting,
      submitError: state.draftSubmitError,
      batches: state.draftBatches,
      submit: state.submitDraft,
      reviewAgain: state.reviewDraftAgain,
      back: state.backToDraftEdit,
      approvals: state.draftApprovals,
    })),
  );
  const real = profile?.environment !== 'simulator';
  const ready = review !== null && !loading && review.batches.length > 0;
  const sent = (batches ?? []).filter(
    (batch) => batch.delivery !== 'planned' && batch.delivery !== 'not-sent',
  ).length;
  const changed = isDraftChangedError(submitError);
  // The approval policy is not met on the version on screen (docs/approvals.md): main
  // would refuse, so Submit says why instead of being pressed.
  const unapproved =
    review !== null &&
    review.summary.state === 'editing' &&
    approvals?.fingerprint === review.fingerprint
      ? approvals.blocked
      : null;

  return (
    <section className="card review" aria-labelledby="review-title">
      <h3 id="review-title">Review and submit</h3>
      {profile && (
        <p
          className={`confirm-environment ${real ? 'real' : 'simulated'}`}
          data-testid="review-environment"
        >
          {profile.name} · {moneyAtStake(profile.environment)}
        </p>
      )}
      {error && (
        <ErrorMessage
          error={error}
          onRetry={() => {
            void reload();
          }}
        />
      )}
      {review === null ? (
        !error && <p className="muted">Adding up the draft…</p>
      ) : (
        <ReviewBody review={review} />
      )}
      <TestPaymentsPanel draft={draft} />
      <DraftApprovalsPanel />
      {changed ? (
        <div className="error-message" role="alert" data-testid="review-changed">
          <strong className="error-title">Nothing was sent</strong>
          <p>
            The draft changed since you reviewed it: review it again before submitting.{' '}
            <button
              type="button"
              className="small"
              onClick={() => {
                void reviewAgain();
              }}
            >
              Review again
            </button>
          </p>
        </div>
      ) : (
        submitError && <ErrorMessage error={submitError} />
      )}
      {submitting && batches !== null && (
        <p role="status" data-testid="submit-progress">
          Sent {formatCount(sent)} of {formatCount(batches.length)} mass payouts…
        </p>
      )}
      {submitting && batches !== null && (
        <ul className="submit-progress">
          {batches.map((batch) => (
            <li key={batch.batchNo}>
              Batch {batch.batchNo} ({currencyName(batch.currency)}):{' '}
              {DELIVERY_LABELS[batch.delivery]}
            </li>
          ))}
        </ul>
      )}
      <div className="actions">
        <button
          type="button"
          className={real ? 'danger' : 'primary'}
          disabled={submitting || !ready || changed || unapproved !== null}
          onClick={() => {
            void submit();
          }}
        >
          {submitting
            ? 'Submitting…'
            : submitError
              ? 'Try again'
              : review !== null
                ? `Submit ${formatCount(review.batches.length)} mass ${review.batches.length === 1 ? 'payout' : 'payouts'}`
                : 'Submit'}
        </button>
        <button type="button" disabled={submitting} onClick={back}>
          Back to the rows
        </button>
      </div>
      {unapproved !== null && (
        <p className="warning" role="note" data-testid="submit-blocked">
          {unapproved}
        </p>
      )}
      <p className="field-note">
        {submitError
          ? 'Trying again is safe: each mass payout of this draft is created at most once.'
          : 'Submit creates the mass payouts at Calypso. Each one is created exactly once, even after a double click, an error or a restart.'}
      </p>
      {draft.counts.warning > 0 && (
        <p className="field-note">
          {rowsText(draft.counts.warning)} with warnings will be sent as they are.
        </p>
      )}
    </section>
  );
}

function ReviewBody({ review }: { review: DraftReview }) {
  const short = review.debits.filter((entry) => entry.short);
  const rowCounts = new Map(review.totals.map((entry) => [entry.currency, entry.rowCount]));
  const rowsSent = review.totals.reduce((sum, entry) => sum + entry.rowCount, 0);
  return (
    <>
      <p data-testid="review-counts">
        {rowsText(review.summary.rowCount)}: {countsText(review.summary.counts)}.{' '}
        <strong>
          {rowsText(rowsSent)} will be paid in {formatCount(review.batches.length)} mass{' '}
          {review.batches.length === 1 ? 'payout' : 'payouts'}.
        </strong>
      </p>
      {review.excludedRows > 0 && (
        <p className="warning" role="note" data-testid="review-excluded">
          {rowsText(review.excludedRows)} with errors will not be sent. Go back to the rows to fix
          or delete them, or submit without them.
        </p>
      )}
      {review.testPayments.heldRows.length > 0 && (
        <p className="warning" role="note" data-testid="review-held">
          {rowsText(review.testPayments.heldRows.length)} held for a test payment will not be sent
          now (rows {review.testPayments.heldRows.map((row) => row.rowNo).join(', ')}): they go once
          the test is completed and the address is trusted.
        </p>
      )}
      {short.length > 0 && (
        <div className="error-message" role="alert" data-testid="review-short">
          <strong className="error-title">Not enough funds</strong>
          {short.map((entry) => (
            <p key={entry.currency}>
              {currencyName(entry.currency)}: the draft needs{' '}
              <span className="amount">{formatAmount(entry.totalDebit)}</span>
              {entry.estimatedFee !== null && ' with the estimated Calypso fee'}, but the balance is{' '}
              <span className="amount">{formatOptionalAmount(entry.balance)}</span>. Top up the
              balance first, or Calypso may refuse or only partly pay these payouts.
            </p>
          ))}
        </div>
      )}
      {review.balanceError && (
        <div className="warning" role="note">
          The balance could not be checked: {review.balanceError.message} The totals below are still
          exact.
        </div>
      )}
      <DebitTable
        debits={review.debits}
        rowCounts={rowCounts}
        label="Totals per currency"
        balancesKnown={review.balanceError === null}
      />
      <p className="field-note">
        The Calypso fee is an estimate from the percentage Calypso charged this account on its
        recent payouts of each currency; “unknown” when none is in the history yet.
      </p>
      <BatchTotalsTable
        batches={review.batches}
        label="Mass payouts to create"
        className="review-batches"
        numberHeader="Batch"
      />
    </>
  );
}
