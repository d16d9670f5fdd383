/**
 * The offline history: one filtered, sorted page of single and mass payouts plus the count
 * of all matches. The SQL is assembled only from the fixed fragments below, chosen by which
 * filters are present; every value the user gave (states, currencies, dates, search text)
 * is a bound parameter.
 */
import type {
  HistoryItem,
  HistoryPage,
  HistoryQuery,
  HistoryTotals,
  PayoutKind,
} from '../../../shared/history';
import { addDecimals, normalizeDecimal } from '../../../shared/money';
import type { CacheDatabase } from './database';
import { toHistoryItem } from './history-item';
import type { PayoutListRecord } from './rows';
import {
  isAscii,
  isIndexableFragment,
  textMatchClause,
  toMatchQuery,
  toNeedle,
} from './search-index';

export const DEFAULT_PAGE_SIZE = 100;
export const MAX_PAGE_SIZE = 1000;

export type QueryHistoryOptions = {
  /** "Now" for scheduledOnly; defaults to the wall clock. */
  nowMs?: number;
};

type Params = Record<string, string | number>;

const SORT_KEYS: Record<NonNullable<HistoryQuery['sort']>['field'], readonly string[]> = {
  // Each leads with the column(s) of one index (see 001-initial), then a stable tiebreak.
  date: ['p.date_ms'],
  // Within each currency: amounts of different currencies are not comparable (schema 13).
  amount: ['p.currency', 'p.amount_sort'],
  state: ['p.state', 'p.currency', 'p.date_ms'],
  currency: ['p.currency', 'p.date_ms'],
};

const LIST_COLUMNS = [
  'kind',
  'id',
  'state',
  'currency',
  'amount',
  'fee',
  'deposit_address',
  'label',
  'idempotency_key',
  'transaction_hash',
  'date_ms',
  'execution_date_ms',
  'synced_at_ms',
]
  .map((column) => `p.${column}`)
  .join(', ');

/** `column = @name` for one value, `IN (json_each)` for several: one statement shape per case. */
function inClause(column: string, name: string, values: readonly string[], params: Params) {
  if (values.length === 1) {
    params[name] = values[0] ?? '';
    return `${column} = @${name}`;
  }
  params[name] = JSON.stringify(values);
  return `${column} IN (SELECT value FROM json_each(@${name}))`;
}

function clampInteger(value: number | undefined, fallback: number, min: number, max: number) {
  if (value === undefined || !Number.isFinite(value)) return fallback;
  return Math.min(Math.max(Math.trunc(value), min), max);
}

const KINDS: readonly PayoutKind[] = ['single', 'mass'];

export type HistorySql = {
  countSql: string;
  pageSql: string;
  /** Currency and amount of the COMPLETED payouts among the matches (the view's totals). */
  paidSql: string;
  /** Named parameters of both statements (the page adds @limit and @offset). */
  params: Params;
  limit: number;
  offset: number;
};

/** Builds the two statements of a history query; exported for EXPLAIN QUERY PLAN checks. */
export function buildHistorySql(
  query: HistoryQuery,
  profileRef: number,
  options: QueryHistoryOptions = {},
): HistorySql {
  const params: Params = { profileRef };
  const where = ['p.profile_ref = @profileRef'];
  let from = 'payouts p';

  const kinds = KINDS.filter((kind) => query.kinds?.includes(kind) ?? true);
  if (kinds.length === 0) where.push('0');
  else if (kinds.length < KINDS.length) where.push(inClause('p.kind', 'kinds', kinds, params));
  if (query.states !== undefined && query.states.length > 0) {
    where.push(inClause('p.state', 'states', query.states, params));
  }
  if (query.currencies !== undefined && query.currencies.length > 0) {
    where.push(inClause('p.currency', 'currencies', query.currencies, params));
  }
  if (query.fromMs !== undefined) {
    params.fromMs = query.fromMs;
    where.push('p.date_ms >= @fromMs');
  }
  if (query.toMs !== undefined) {
    params.toMs = query.toMs;
    where.push('p.date_ms <= @toMs');
  }
  if (query.scheduledOnly === true) {
    params.nowMs = options.nowMs ?? Date.now();
    where.push('p.execution_date_ms > @nowMs');
  }

  const fragment = query.search?.trim() ?? '';
  if (fragment !== '') {
    params.needle = toNeedle(fragment);
    if (isIndexableFragment(fragment)) {
      // Candidates: indexed rows holding every trigram, plus the not-yet-indexed backlog.
      // The CROSS JOIN makes SQLite start from those few rows instead of the whole profile;
      // textMatchClause then keeps the rows that really contain the fragment.
      params.match = toMatchQuery(fragment);
      from = `(SELECT rowid AS row_id FROM payouts_search WHERE payouts_search MATCH @match
          UNION ALL
          SELECT b.row_id FROM payouts b
          WHERE b.row_id > (SELECT indexed_through_row_id FROM search_index_state WHERE id = 1)
        ) AS hits CROSS JOIN payouts p ON p.row_id = hits.row_id`;
    }
    where.push(textMatchClause('p', isAscii(fragment)));
  }

  const sort = query.sort ?? { field: 'date', direction: 'desc' };
  const direction = sort.direction === 'asc' ? 'ASC' : 'DESC';
  const orderBy = [...SORT_KEYS[sort.field], 'p.kind', 'p.id']
    .map((key) => `${key} ${direction}`)
    .join(', ');

  const condition = where.join(' AND ');
  return {
    countSql: `SELECT count(*) AS total FROM ${from} WHERE ${condition}`,
    paidSql: `SELECT p.currency AS currency, p.amount AS amount FROM ${from}
      WHERE ${condition} AND p.state = 'COMPLETED'`,
    pageSql: `SELECT ${LIST_COLUMNS} FROM ${from} WHERE ${condition}
      ORDER BY ${orderBy} LIMIT @limit OFFSET @offset`,
    params,
    offset: clampInteger(query.offset, 0, 0, Number.MAX_SAFE_INTEGER),
    limit: clampInteger(query.limit, DEFAULT_PAGE_SIZE, 0, MAX_PAGE_SIZE),
  };
}

export function queryHistory(
  db: CacheDatabase,
  query: HistoryQuery,
  options: QueryHistoryOptions = {},
): HistoryPage {
  // One read transaction: the count and the page see the same snapshot.
  return db.sqlite.transaction((): HistoryPage => {
    const profileRef = db
      .statement('SELECT ref FROM profiles WHERE id = ?')
      .pluck()
      .get(query.profileId);
    if (typeof profileRef !== 'number') return { items: [], total: 0, offset: 0 };
    const { countSql, pageSql, params, limit, offset } = buildHistorySql(
      query,
      profileRef,
      options,
    );
    const { total } = db.statement(countSql).get(params) as { total: number };
    let items: HistoryItem[] = [];
    if (limit > 0 && offset < total) {
      const rows = db.statement(pageSql).all({ ...params, limit, offset }) as PayoutListRecord[];
      items = rows.map(toHistoryItem);
    }
    return { items, total, offset };
  })();
}

/**
 * What the payouts the history shows paid, per currency: the COMPLETED ones among those
 * matching the filters (any page), summed exactly (shared/money.ts, never SQLite's float SUM).
 */
export function queryHistoryTotals(
  db: CacheDatabase,
  query: HistoryQuery,
  options: QueryHistoryOptions = {},
): HistoryTotals {
  return db.sqlite.transaction((): HistoryTotals => {
    const profileRef = db
      .statement('SELECT ref FROM profiles WHERE id = ?')
      .pluck()
      .get(query.profileId);
    if (typeof profileRef !== 'number') return { paid: [] };
    const { paidSql, params } = buildHistorySql(query, profileRef, options);
    const sums = new Map<string, { count: number; total: string }>();
    for (const row of db.statement(paidSql).iterate(params) as Iterable<{
      currency: string;
      amount: string;
    }>) {
      const entry = sums.get(row.currency) ?? { count: 0, total: '0' };
      entry.count += 1;
      entry.total = addDecimals(entry.total, row.amount);
      sums.set(row.currency, entry);
    }
    return {
      paid: [...sums]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([currency, entry]) => ({
          currency,
          count: entry.count,
          total: normalizeDecimal(entry.total),
        })),
    };
  })();
}
