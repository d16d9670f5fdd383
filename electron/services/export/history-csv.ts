/**
 * The filtered history as a CSV file for a spreadsheet. A comment or label typed by anyone
 * could run as a formula when opened: the shared writer (csv.ts) neutralises such cells.
 */
import type { HistoryItem, HistoryQuery } from '../../../shared/history';
import type { CacheDatabase } from '../db';
import { queryHistory } from '../db';
import { writeCsv } from './csv';

const EXPORT_PAGE = 1000;

const COLUMNS: { header: string; value: (item: HistoryItem) => string }[] = [
  { header: 'Kind', value: (item) => item.kind },
  { header: 'Id', value: (item) => item.id },
  { header: 'State', value: (item) => item.state },
  { header: 'Currency', value: (item) => item.currency },
  { header: 'Amount', value: (item) => item.amount },
  { header: 'Fee', value: (item) => item.fee ?? '' },
  { header: 'Recipient address', value: (item) => item.depositAddress ?? '' },
  { header: 'Comment or name', value: (item) => item.label ?? '' },
  { header: 'Idempotency key', value: (item) => item.idempotencyKey ?? '' },
  { header: 'Transaction hash', value: (item) => item.transactionHash ?? '' },
  { header: 'Date (UTC)', value: (item) => new Date(item.dateMs).toISOString() },
  {
    header: 'Execution date (UTC)',
    value: (item) =>
      item.executionDateMs === null ? '' : new Date(item.executionDateMs).toISOString(),
  },
  { header: 'Last synced (UTC)', value: (item) => new Date(item.syncedAtMs).toISOString() },
];

export function exportHistoryCsv(
  db: CacheDatabase,
  query: HistoryQuery,
  nowMs: number,
): { fileName: string; csv: string; rowCount: number } {
  const rows: string[][] = [];
  // Every matching row, whatever page the list was showing.
  for (let offset = 0; ; offset += EXPORT_PAGE) {
    const page = queryHistory(db, { ...query, offset, limit: EXPORT_PAGE }, { nowMs });
    for (const item of page.items) rows.push(COLUMNS.map((column) => column.value(item)));
    if (page.items.length < EXPORT_PAGE) break;
  }
  const csv = writeCsv(
    COLUMNS.map((column) => column.header),
    rows,
  );
  const stamp = new Date(nowMs).toISOString().slice(0, 19).replaceAll(':', '-');
  return { fileName: `payout-history-${stamp}.csv`, csv, rowCount: rows.length };
}
