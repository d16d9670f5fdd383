/** The history screen's filters and sort, and how they become a HistoryQuery for main. */
import type { PayoutState } from '../../../shared/calypso/types';
import type { HistoryQuery, HistorySortField, PayoutKind } from '../../../shared/history';
import { localDateToMs } from './format';

export type HistoryFilters = {
  kind: 'all' | PayoutKind;
  state: 'all' | PayoutState;
  /** A currency code, or 'all'. */
  currency: string;
  /** `<input type="date">` values, local days; '' when open. */
  fromDate: string;
  toDate: string;
  scheduledOnly: boolean;
  /** The search text as applied (the box itself debounces). */
  search: string;
};

export type HistorySort = { field: HistorySortField; direction: 'asc' | 'desc' };

export const DEFAULT_FILTERS: HistoryFilters = {
  kind: 'all',
  state: 'all',
  currency: 'all',
  fromDate: '',
  toDate: '',
  scheduledOnly: false,
  search: '',
};

export const DEFAULT_SORT: HistorySort = { field: 'date', direction: 'desc' };

export function hasActiveFilters(filters: HistoryFilters): boolean {
  return (
    filters.kind !== 'all' ||
    filters.state !== 'all' ||
    filters.currency !== 'all' ||
    filters.fromDate !== '' ||
    filters.toDate !== '' ||
    filters.scheduledOnly ||
    filters.search.trim() !== ''
  );
}

/** The query without paging: the list adds offset/limit, the export sends it as is. */
export function buildHistoryQuery(
  profileId: string,
  filters: HistoryFilters,
  sort: HistorySort,
): HistoryQuery {
  const query: HistoryQuery = { profileId, sort };
  if (filters.kind !== 'all') query.kinds = [filters.kind];
  if (filters.state !== 'all') query.states = [filters.state];
  if (filters.currency !== 'all') query.currencies = [filters.currency];
  const fromMs = localDateToMs(filters.fromDate, false);
  if (fromMs !== undefined) query.fromMs = fromMs;
  const toMs = localDateToMs(filters.toDate, true);
  if (toMs !== undefined) query.toMs = toMs;
  if (filters.scheduledOnly) query.scheduledOnly = true;
  const search = filters.search.trim();
  if (search !== '') query.search = search;
  return query;
}
