/**
 * What the payouts this view shows paid, per currency: the COMPLETED ones among those
 * passing the filters and the search, summed exactly in main (getHistoryTotals). Read again
 * when the filters change, and when the count changes while no sync runs: a first sync changes
 * the count with every page, and each read sums the whole view, so it waits for the end.
 * An answer for another view is dropped.
 */
import { useEffect, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { HistoryTotals } from '../../../../shared/history';
import { CurrencyName } from '../../components/CurrencyName';
import { formatAmount } from '../../lib/amount-format';
import { formatCount } from '../../lib/format';
import { buildHistoryQuery } from '../../lib/history-query';
import { historyService } from '../../services/desk-service';
import { selectActiveSyncStatus } from '../../stores/selectors';
import { useDeskStore } from '../../stores/store';

export function HistoryPaidTotals() {
  const { profileId, filters, sort, total, syncing } = useDeskStore(
    useShallow((state) => ({
      profileId: state.activeProfileId,
      filters: state.historyFilters,
      sort: state.historySort,
      total: state.historyTotal,
      syncing: selectActiveSyncStatus(state)?.state === 'syncing',
    })),
  );
  const [shown, setShown] = useState<{ view: string; totals: HistoryTotals } | null>(null);
  const query = profileId === null ? null : buildHistoryQuery(profileId, filters, sort);
  const view = query === null ? '' : JSON.stringify(query);
  // While a sync runs, what was read for this view stays shown until the sync ends.
  const readFor = syncing ? null : `${view}|${String(total)}`;

  useEffect(() => {
    if (query === null || readFor === null) return;
    let current = true;
    void historyService.totals(query).then((result) => {
      if (current && result.ok) setShown({ view, totals: result.value });
    });
    return () => {
      current = false;
    };
    // readFor names the query and the count it is read for.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [readFor]);

  const paid = shown?.view === view ? shown.totals.paid : null;
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
