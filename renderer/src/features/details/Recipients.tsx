import { useShallow } from 'zustand/react/shallow';
import { ErrorMessage } from '../../components/ErrorMessage';
import { StateBadge } from '../../components/StateBadge';
import { formatCount } from '../../lib/format';
import { WITHDRAWALS_PAGE_SIZE } from '../../stores/details-slice';
import { useDeskStore } from '../../stores/store';

/** The recipients of a mass payout, each with its own state, a page at a time. */
export function Recipients() {
  const { page, error, loading, loadWithdrawals } = useDeskStore(
    useShallow((state) => ({
      page: state.withdrawalsPage,
      error: state.withdrawalsError,
      loading: state.withdrawalsLoading,
      loadWithdrawals: state.loadWithdrawals,
    })),
  );
  return (
    <section className="details-section" aria-labelledby="recipients-title">
      <h3 id="recipients-title">Recipients{page ? ` (${formatCount(page.total)})` : ''}</h3>
      {error && (
        <ErrorMessage
          error={error}
          onRetry={() => {
            void loadWithdrawals(page?.offset ?? 0);
          }}
        />
      )}
      {!page && !error && <p className="muted">Loading recipients…</p>}
      {page && (
        <>
          <table className="recipients" aria-label="Recipients">
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
                <tr key={withdrawal.id} data-id={withdrawal.id}>
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
                void loadWithdrawals(Math.max(0, page.offset - WITHDRAWALS_PAGE_SIZE));
              }}
            >
              Previous
            </button>
            <span>
              {page.total === 0
                ? 'No recipients'
                : `${formatCount(page.offset + 1)}–${formatCount(page.offset + page.items.length)} of ${formatCount(page.total)}`}
            </span>
            <button
              type="button"
              className="small"
              disabled={loading || page.offset + page.items.length >= page.total}
              onClick={() => {
                void loadWithdrawals(page.offset + WITHDRAWALS_PAGE_SIZE);
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
