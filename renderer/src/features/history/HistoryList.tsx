/**
 * The history table: a header with sortable columns and a windowed body. Only the rows in
 * view exist in the DOM; rows whose page has not arrived yet show a placeholder.
 */
import { memo, useCallback } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { HistoryItem, HistorySortField } from '../../../../shared/history';
import { StateBadge } from '../../components/StateBadge';
import { WindowedList } from '../../components/WindowedList';
import { formatDateTime, shortId } from '../../lib/format';
import type { PayoutRef } from '../details/details-slice';
import { HISTORY_PAGE_SIZE } from './history-slice';
import { useDeskStore } from '../../stores/store';
import { CurrencyName } from '../../components/CurrencyName';
import { ScheduledIcon } from '../../components/ScheduledIcon';
import { formatAmount } from '../../lib/amount-format';

export const ROW_HEIGHT = 40;

type Column = { label: string; sort?: HistorySortField; className: string };

const COLUMNS: readonly Column[] = [
  { label: 'Date', sort: 'date', className: 'col-date' },
  { label: 'Type', className: 'col-kind' },
  { label: 'State', sort: 'state', className: 'col-state' },
  { label: 'Amount', sort: 'amount', className: 'col-amount' },
  { label: 'Currency', sort: 'currency', className: 'col-currency' },
  { label: 'Recipient or batch', className: 'col-recipient' },
  { label: 'Id', className: 'col-id' },
];

export function HistoryList() {
  const { total, pages, generation, sort, sortBy, setRange, openDetails, selected } = useDeskStore(
    useShallow((state) => ({
      total: state.historyTotal,
      pages: state.historyPages,
      generation: state.historyGeneration,
      sort: state.historySort,
      sortBy: state.sortHistoryBy,
      setRange: state.setHistoryRange,
      openDetails: state.openDetails,
      selected: state.detailsRef,
    })),
  );

  const renderRow = useCallback(
    (index: number, top: number) => {
      const item = pages[Math.floor(index / HISTORY_PAGE_SIZE)]?.[index % HISTORY_PAGE_SIZE];
      if (!item) {
        return (
          <div
            key={`loading-${index}`}
            className="history-row placeholder"
            role="row"
            aria-rowindex={index + 2}
            aria-busy="true"
            style={{ top, height: ROW_HEIGHT }}
          >
            <span role="cell" className="col-date muted">
              Loading…
            </span>
          </div>
        );
      }
      return (
        <HistoryRow
          key={`${item.kind}:${item.id}`}
          item={item}
          index={index}
          top={top}
          selected={selected?.kind === item.kind && selected.id === item.id}
          onOpen={openDetails}
        />
      );
    },
    [pages, selected, openDetails],
  );

  return (
    <div
      className="history-table"
      role="table"
      aria-label="Payout history"
      aria-rowcount={(total ?? 0) + 1}
    >
      <div className="history-head" role="rowgroup">
        <div className="history-row header" role="row" aria-rowindex={1}>
          {COLUMNS.map((column) => {
            const sorted = column.sort !== undefined && sort.field === column.sort;
            return (
              <span
                key={column.label}
                role="columnheader"
                className={column.className}
                aria-sort={
                  sorted ? (sort.direction === 'asc' ? 'ascending' : 'descending') : undefined
                }
              >
                {column.sort === undefined ? (
                  column.label
                ) : (
                  <button
                    type="button"
                    className="sort-button"
                    onClick={() => {
                      if (column.sort) sortBy(column.sort);
                    }}
                  >
                    {column.label}
                    <span aria-hidden="true" className="sort-arrow">
                      {sorted ? (sort.direction === 'asc' ? ' ▲' : ' ▼') : ''}
                    </span>
                  </button>
                )}
              </span>
            );
          })}
        </div>
      </div>
      {total === 0 ? (
        <p className="empty">No payouts match. Change the filters or the search.</p>
      ) : (
        <WindowedList
          className="history-body"
          role="rowgroup"
          rowCount={total ?? 0}
          rowHeight={ROW_HEIGHT}
          resetKey={generation}
          onRangeChange={setRange}
          renderRow={renderRow}
        />
      )}
    </div>
  );
}

type RowProps = {
  item: HistoryItem;
  index: number;
  top: number;
  selected: boolean;
  onOpen: (ref: PayoutRef) => void;
};

const HistoryRow = memo(function HistoryRow({ item, index, top, selected, onOpen }: RowProps) {
  const open = () => {
    onOpen({ kind: item.kind, id: item.id });
  };
  const address = item.depositAddress ?? '—';
  // A single payout's recipient by the name the address book gives it, then the address.
  const recipient =
    item.kind === 'single'
      ? item.recipientLabel
        ? `${item.recipientLabel} · ${address}`
        : address
      : (item.label ?? 'Mass payout');
  return (
    <div
      className={`history-row${selected ? ' selected' : ''}`}
      role="row"
      aria-rowindex={index + 2}
      aria-selected={selected}
      tabIndex={0}
      data-id={item.id}
      data-kind={item.kind}
      style={{ top, height: ROW_HEIGHT }}
      onClick={open}
      onKeyDown={(event) => {
        if (event.key === 'Enter' || event.key === ' ') {
          event.preventDefault();
          open();
        }
      }}
    >
      <span role="cell" className="col-date">
        {formatDateTime(item.dateMs)}
        {item.executionDateMs !== null && item.executionDateMs > item.dateMs && (
          <span className="scheduled-mark">
            {' '}
            <ScheduledIcon label={`Scheduled for ${formatDateTime(item.executionDateMs)}`} />
          </span>
        )}
      </span>
      <span role="cell" className="col-kind">
        {item.kind === 'mass' ? 'Mass' : 'Single'}
      </span>
      <span role="cell" className="col-state">
        <StateBadge state={item.state} />
      </span>
      <span role="cell" className="col-amount amount" title={formatAmount(item.amount)}>
        {formatAmount(item.amount)}
      </span>
      <span role="cell" className="col-currency">
        <CurrencyName code={item.currency} />
      </span>
      <span role="cell" className="col-recipient mono" title={item.label ?? undefined}>
        {recipient}
      </span>
      <span role="cell" className="col-id mono" title={item.id}>
        {shortId(item.id)}
      </span>
    </div>
  );
});
