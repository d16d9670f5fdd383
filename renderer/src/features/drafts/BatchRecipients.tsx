import { useShallow } from 'zustand/react/shallow';
import type { DraftBatch } from '../../../../shared/drafts';
import { ErrorMessage } from '../../components/ErrorMessage';
import { WithdrawalsTable } from '../../components/WithdrawalsTable';
import { formatCount } from '../../lib/format';
import { useDeskStore } from '../../stores/store';
import { CancelBatch } from './CancelBatch';
import { currencyName } from '../../../../shared/currency-names';

/** One batch's recipients, a page at a time, each with its own state and errors. */
export function BatchRecipients({ batch }: { batch: DraftBatch }) {
  const { recipients, load } = useDeskStore(
    useShallow((state) => ({
      recipients: state.batchRecipients,
      load: state.loadBatchRecipients,
    })),
  );
  if (recipients === null) return null;
  const { page, error, loading } = recipients;
  return (
    <section className="details-section batch-recipients" aria-labelledby="batch-recipients-title">
      <h3 id="batch-recipients-title">
        Recipients of batch {batch.batchNo} ({currencyName(batch.currency)})
        {page ? ` — ${formatCount(page.total)}` : ''}
      </h3>
      <p className="muted small-text mono">Mass payout {batch.payoutId}</p>
      <CancelBatch batch={batch} />
      {error && (
        <ErrorMessage
          error={error}
          onRetry={() => {
            void load(page?.offset ?? 0);
          }}
        />
      )}
      {!page && !error && <p className="muted">Loading recipients…</p>}
      {page && page.total === 0 && (
        <p className="muted">
          Calypso has not listed this batch’s recipients yet; they appear after the next sync.
        </p>
      )}
      {page && page.total > 0 && (
        <WithdrawalsTable
          page={page}
          loading={loading}
          label="Batch recipients"
          onPage={(offset) => {
            void load(offset);
          }}
        />
      )}
    </section>
  );
}
