import { useShallow } from 'zustand/react/shallow';
import type { DraftBatch } from '../../../../shared/drafts';
import { ErrorMessage } from '../../components/ErrorMessage';
import { StateBadge } from '../../components/StateBadge';
import { formatCount } from '../../lib/format';
import { WITHDRAWALS_PAGE_SIZE } from '../../stores/details-slice';
import { useDeskStore } from '../../stores/store';
import { CancelBatch } from './CancelBatch';

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
        Recipients of batch {batch.batchNo} ({batch.currency})
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
        <>
          <table className="recipients" aria-label="Batch recipients">
            <thead>
              <tr>
                <th scope="col">Address</th>
                <th scope="col" className="num">
                  Amount
                </th>
                <th scope="col" className="num">
                  Fee
                </th>
                <th scope="col">State</th>
                <th scope="col">Transaction / error</th>
              </tr>
            </thead>
            <tbody>
              {page.items.map((withdrawal) => (
                <tr key={withdrawal.id} data-id={withdrawal.id} data-state={withdrawal.state}>
                  <td className="mono wrap">
                    {withdrawal.depositAddress}
                    {withdrawal.comment !== null && (
                      <span className="muted block">{withdrawal.comment}</span>
                    )}
                  </td>
                  <td className="num amount">
                    {withdrawal.amount} {withdrawal.currency}
                  </td>
                  <td className="num amount">{withdrawal.calypsoFee ?? '—'}</td>
                  <td>
                    <StateBadge state={withdrawal.state} withdrawal />
                  </td>
                  <td className="wrap">
                    {withdrawal.transactionHash !== null && (
                      <span className="mono">{withdrawal.transactionHash}</span>
                    )}
                    {withdrawal.withdrawalErrors.map((problem) => (
                      <span key={problem.id} className="error-inline block">
                        {problem.errorMessage}
                        {problem.errorResolved ? ' (resolved)' : ''}
                      </span>
                    ))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="pager">
            <button
              type="button"
              className="small"
              disabled={loading || page.offset === 0}
              onClick={() => {
                void load(Math.max(0, page.offset - WITHDRAWALS_PAGE_SIZE));
              }}
            >
              Previous
            </button>
            <span>
              {formatCount(page.offset + 1)}–{formatCount(page.offset + page.items.length)} of{' '}
              {formatCount(page.total)}
            </span>
            <button
              type="button"
              className="small"
              disabled={loading || page.offset + page.items.length >= page.total}
              onClick={() => {
                void load(page.offset + WITHDRAWALS_PAGE_SIZE);
              }}
            >
              Next
            </button>
          </div>
        </>
      )}
    </section>
  );
}
