import type { DraftCurrencyTotal, DraftSummary } from '../../../../shared/drafts';
import { formatCount } from '../../lib/format';
import { rowsText } from './verdicts';
import { CurrencyName } from '../../components/CurrencyName';
import { formatAmount } from '../../lib/amount-format';

type PlannedBatch = {
  batchNo: number;
  currency: string;
  rowCount: number;
  /** The currency's exact total, on its first batch (the cell spans the currency's batches). */
  total: { value: string; span: number } | null;
};

/** The batches Submit would make from these totals: each currency chunked by its cap. */
function batchesOf(totals: readonly DraftCurrencyTotal[]): PlannedBatch[] {
  const batches: PlannedBatch[] = [];
  for (const entry of totals) {
    for (let index = 0; index < entry.batchCount; index += 1) {
      batches.push({
        batchNo: batches.length + 1,
        currency: entry.currency,
        rowCount: Math.min(entry.batchSize, entry.rowCount - index * entry.batchSize),
        total: index === 0 ? { value: entry.total, span: entry.batchCount } : null,
      });
    }
  }
  return batches;
}

/**
 * How Submit would split the rows now: one mass payout per currency, within the limits.
 * Drawn from the draft's running totals, which every edit answers with (docs/drafts.md), so
 * it follows an edit at once on any draft size; the review step shows each batch's own total.
 */
export function BatchPlan({ draft }: { draft: DraftSummary }) {
  const batches = batchesOf(draft.totals);
  return (
    <section className="card side-card" aria-labelledby="batch-plan-title">
      <h3 id="batch-plan-title">Batches to send</h3>
      {batches.length === 0 ? (
        <p>No row can be sent yet: fix the rows with errors.</p>
      ) : (
        <table className="recipients" aria-label="Batches to send">
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">Currency</th>
              <th
                scope="col"
                className="num"
                title="The rows this mass payout would carry; rows with errors are not sent"
              >
                Rows
              </th>
              <th
                scope="col"
                className="num"
                title="The exact sum of the rows Submit would send in this currency, over all its batches"
              >
                Currency total
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
                {batch.total && (
                  <td
                    className="num amount"
                    rowSpan={batch.total.span}
                    data-currency-total={batch.currency}
                  >
                    {formatAmount(batch.total.value)}
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {draft.counts.error > 0 && (
        <p className="field-note problem">
          {rowsText(draft.counts.error)} with errors will not be sent.
        </p>
      )}
    </section>
  );
}
