/**
 * Schema 8: what an edit needs to touch only the rows it touches (docs/drafts.md).
 * - draft_rows.dup_key: the row's duplicate key, addressKey(address) (shared/import/
 *   address-key.ts, the one definition the importer uses too), '' when the row has no
 *   address; indexed by draft, so the rows sharing an address are found without a scan.
 * - drafts.row_count / ok_count / warning_count / error_count: rows per verdict, kept by the
 *   drafts repository in the transaction of each write (they replace count(*) subqueries).
 * - draft_currency_totals: per draft and currency, the rows Submit would send and their
 *   exact total (a decimal string, summed exactly; never a float).
 * Existing drafts are filled from their rows here. Should addressKey ever change, a later
 * migration must recompute dup_key the same way.
 */
import type Database from 'better-sqlite3';
import type { RowVerdict } from '../../../../shared/drafts';
import { addressKey } from '../../../../shared/import/address-key';
import { sentCurrencyOf } from '../draft-tallies';
import { sumAmounts } from '../../../../shared/import/batches';
import type { Migration } from './migration';

const SQL = `
ALTER TABLE drafts ADD COLUMN row_count INTEGER NOT NULL DEFAULT 0;
ALTER TABLE drafts ADD COLUMN ok_count INTEGER NOT NULL DEFAULT 0;
ALTER TABLE drafts ADD COLUMN warning_count INTEGER NOT NULL DEFAULT 0;
ALTER TABLE drafts ADD COLUMN error_count INTEGER NOT NULL DEFAULT 0;
ALTER TABLE draft_rows ADD COLUMN dup_key TEXT NOT NULL DEFAULT '';
CREATE TABLE draft_currency_totals (
  draft_id TEXT NOT NULL REFERENCES drafts (id) ON DELETE CASCADE,
  currency TEXT NOT NULL,
  row_count INTEGER NOT NULL CHECK (row_count > 0),
  total TEXT NOT NULL,
  PRIMARY KEY (draft_id, currency)
) STRICT;
`;

type Row = {
  rowid: number;
  address: string;
  amount: string;
  currency: string;
  verdict: RowVerdict;
};

function fillDraft(sqlite: Database.Database, draftId: string): void {
  const rows = sqlite
    .prepare<[string], Row>(
      'SELECT rowid, address, amount, currency, verdict FROM draft_rows WHERE draft_id = ?',
    )
    .all(draftId);
  const setKey = sqlite.prepare('UPDATE draft_rows SET dup_key = ? WHERE rowid = ?');
  const counts: Record<RowVerdict, number> = { ok: 0, warning: 0, error: 0 };
  const sent = new Map<string, string[]>();
  for (const row of rows) {
    const key = addressKey(row.address);
    if (key !== '') setKey.run(key, row.rowid);
    counts[row.verdict] += 1;
    const code = sentCurrencyOf(row);
    if (code === null) continue;
    const amounts = sent.get(code);
    if (amounts) amounts.push(row.amount);
    else sent.set(code, [row.amount]);
  }
  sqlite
    .prepare(
      `UPDATE drafts SET row_count = ?, ok_count = ?, warning_count = ?, error_count = ?
        WHERE id = ?`,
    )
    .run(rows.length, counts.ok, counts.warning, counts.error, draftId);
  const insertTotal = sqlite.prepare(
    'INSERT INTO draft_currency_totals (draft_id, currency, row_count, total) VALUES (?, ?, ?, ?)',
  );
  for (const [code, amounts] of sent) {
    insertTotal.run(draftId, code, amounts.length, sumAmounts(amounts));
  }
}

export const migration008: Migration = {
  version: 8,
  name: 'draft-tallies',
  up: (sqlite) => {
    sqlite.exec(SQL);
    const ids = sqlite.prepare<[], string>('SELECT id FROM drafts').pluck().all();
    for (const id of ids) fillDraft(sqlite, id);
    // Built after the keys are filled: one sort instead of an index kept up row by row.
    sqlite.exec('CREATE INDEX draft_rows_by_dup_key ON draft_rows (draft_id, dup_key, row_no);');
  },
};
