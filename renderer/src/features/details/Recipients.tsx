import { useShallow } from 'zustand/react/shallow';
import { ErrorMessage } from '../../components/ErrorMessage';
import { WithdrawalsTable } from '../../components/WithdrawalsTable';
import { formatCount } from '../../lib/format';
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
        <WithdrawalsTable
          page={page}
          loading={loading}
          label="Recipients"
          onPage={(offset) => {
            void loadWithdrawals(offset);
          }}
        />
      )}
    </section>
  );
}
