/**
 * What the payouts this view shows paid, per currency: the COMPLETED ones among those
 * passing the filters and the search, summed exactly in main (getHistoryTotals). Read again
 * when the filters change or a sync changes the count; an answer for an older view is dropped.
 */
import { useEffect, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { HistoryTotals } from '../../../../shared/history';
import { CurrencyName } from '../../components/CurrencyName';
import { formatAmount } from '../../lib/amount-format';
import { formatCount } from '../../lib/format';
import { buildHistoryQuery } from '../../lib/history-query';
import { historyService } from '../../services/desk-service';
import { useDeskStore } from '../../stores/store';

export function HistoryPaidTotals() {
  const { profileId, filters, sort, total } = useDeskStore(
    useShallow((state) => ({
      profileId: state.activeProfileId,
      filters: state.historyFilters,
      sort: state.historySort,
      total: state.historyTotal,
    })),
  );
  const [shown, setShown] = useState<{ key: string; totals: HistoryTotals } | null>(null);
  const query = profileId === null ? null : buildHistoryQuery(profileId, filters, sort);
  const key = query === null ? '' : `${JSON.stringify(query)}|${String(total)}`;

  useEffect(() => {
    if (query === null) return;
    let current = true;
    void historyService.totals(query).then((result) => {
      if (current && result.ok) setShown({ key, totals: result.value });
    });
    return () => {
      current = false;
    };
    // The key names the query and the count it was read for.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);

  const paid = shown?.key === key ? shown.totals.paid : null;
  if (paid === null || paid.length === 0) return null;
  return (
    <p
      className="muted small-text history-paid"
      data-testid="history-paid"
      title="The COMPLETED payouts among those this view shows (every page), per currency, to the last digit. Failed, cancelled and pending ones are not counted."
    >
      Paid in this view:{' '}
      {paid.map((entry, index) => (
        <span key={entry.currency} data-currency={entry.currency}>
          {index > 0 ? ' · ' : ''}
          <span className="amount">{formatAmount(entry.total)}</span>{' '}
          <CurrencyName code={entry.currency} /> ({formatCount(entry.count)})
        </span>
      ))}
    </p>
  );
}
