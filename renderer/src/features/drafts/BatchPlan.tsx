import { useShallow } from 'zustand/react/shallow';
import { ErrorMessage } from '../../components/ErrorMessage';
import { BatchTotalsTable } from './BatchTotalsTable';
import { useDeskStore } from '../../stores/store';
import { rowsText } from './verdicts';

/** How Submit would split the rows now: one mass payout per currency, within the limits. */
export function BatchPlan() {
  const { review, error, loading, reload } = useDeskStore(
    useShallow((state) => ({
      review: state.draftReview,
      error: state.draftReviewError,
      loading: state.draftReviewLoading,
      reload: state.loadDraftReview,
    })),
  );
  return (
    <section className="card side-card" aria-labelledby="batch-plan-title">
      <h3 id="batch-plan-title">
        Batches to send {loading && <span className="muted small-text">(updating…)</span>}
      </h3>
      {error && (
        <ErrorMessage
          error={error}
          onRetry={() => {
            void reload();
          }}
        />
      )}
      {review === null ? (
        !error && <p className="muted">Planning…</p>
      ) : review.batches.length === 0 ? (
        <p>No row can be sent yet: fix the rows with errors.</p>
      ) : (
        <BatchTotalsTable batches={review.batches} label="Batches to send" numberHeader="#" />
      )}
      {review !== null && review.excludedRows > 0 && (
        <p className="field-note problem">
          {rowsText(review.excludedRows)} with errors will not be sent.
        </p>
      )}
    </section>
  );
}
