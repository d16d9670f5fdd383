import { formatCount } from '../lib/format';
import { WITHDRAWALS_PAGE_SIZE, type WithdrawalsPage } from '../features/details/details-slice';
import { StateBadge } from './StateBadge';
import { CurrencyName } from './CurrencyName';
import { formatAmount, formatOptionalAmount } from '../lib/amount-format';

type Props = {
  page: WithdrawalsPage;
  loading: boolean;
  /** The table's accessible name (the e2e page models find it by this). */
  label: string;
  onPage: (offset: number) => void;
};

/** One page of recipients (withdrawals), each with its state, hash and errors, and a pager. */
export function WithdrawalsTable({ page, loading, label, onPage }: Props) {
  return (
    <>
      <table className="recipients" aria-label={label}>
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
                {page.labels[withdrawal.id] !== undefined && (
                  <span className="address-label block">{page.labels[withdrawal.id]}</span>
                )}
                {withdrawal.depositAddress}
                {withdrawal.comment !== null && (
                  <span className="muted block">{withdrawal.comment}</span>
                )}
              </td>
              <td className="num amount">
                {formatAmount(withdrawal.amount)} <CurrencyName code={withdrawal.currency} />
              </td>
              <td className="num amount">{formatOptionalAmount(withdrawal.calypsoFee)}</td>
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
            onPage(Math.max(0, page.offset - WITHDRAWALS_PAGE_SIZE));
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
            onPage(page.offset + WITHDRAWALS_PAGE_SIZE);
          }}
        >
          Next
        </button>
      </div>
    </>
  );
}
