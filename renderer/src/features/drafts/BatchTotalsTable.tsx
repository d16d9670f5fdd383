import type { DraftBatch } from '../../../../shared/drafts';
import { formatCount } from '../../lib/format';
import { CurrencyName } from '../../components/CurrencyName';
import { formatAmount } from '../../lib/amount-format';

type Props = {
  batches: readonly DraftBatch[];
  /** The table's accessible name (the e2e page models find it by this). */
  label: string;
  className?: string;
  numberHeader: string;
};

/** The planned mass payouts of a draft: one row per batch with its currency, rows and total. */
export function BatchTotalsTable({ batches, label, className, numberHeader }: Props) {
  return (
    <table className={className ? `recipients ${className}` : 'recipients'} aria-label={label}>
      <thead>
        <tr>
          <th scope="col">{numberHeader}</th>
          <th scope="col">Currency</th>
          <th scope="col" className="num">
            Rows
          </th>
          <th scope="col" className="num">
            Total
          </th>
        </tr>
      </thead>
      <tbody>
        {batches.map((batch) => (
          <tr key={batch.batchNo} data-batch-no={batch.batchNo}>
            <td>{batch.batchNo}</td>
            <td>
              <CurrencyName code={batch.currency} />
            </td>
            <td className="num">{formatCount(batch.rowCount)}</td>
            <td className="num amount">{formatAmount(batch.total)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
