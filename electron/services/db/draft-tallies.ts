/**
 * A draft's running tallies (docs/drafts.md): rows per verdict on the drafts row, and per
 * currency the rows Submit would send and their exact total (draft_currency_totals). Every
 * write of draft_rows goes through the drafts repository, which hands each change here as
 * (row before, row after) inside the same transaction, so the tallies are what a count over
 * the rows would give, for the cost of the rows touched.
 *
 * Totals are exact decimals: each change adds or subtracts canonical amounts with big.js
 * (money.ts), never a float. A row counts towards a currency exactly when the batch planner
 * would send it (isBatchable), under the code the planner groups it by.
 */
import type { DraftRow, RowVerdict } from '../../../shared/drafts';
import { isBatchable, sumAmounts } from '../../../shared/import/batches';
import { addDecimals, subtractDecimals, type DecimalString } from '../../../shared/money';
import type { CacheDatabase } from './database';

export type TalliedRow = Pick<DraftRow, 'amount' | 'currency' | 'verdict'>;

/** One row written: `before` absent for an insert, `after` absent for a delete. */
export type RowChange = { before?: TalliedRow; after?: TalliedRow };

/** The currency code a row is sent under, or null when Submit leaves it out. */
export function sentCurrencyOf(row: TalliedRow): string | null {
  return isBatchable(row) ? row.currency.trim().toUpperCase() : null;
}

type CurrencyDelta = { rows: number; added: string[]; removed: string[] };

/** What a set of changes does to the tallies, summed before anything is written. */
export class TallyDelta {
  readonly verdicts: Record<RowVerdict, number> = { ok: 0, warning: 0, error: 0 };
  readonly currencies = new Map<string, CurrencyDelta>();

  private currency(code: string): CurrencyDelta {
    let entry = this.currencies.get(code);
    if (!entry) {
      entry = { rows: 0, added: [], removed: [] };
      this.currencies.set(code, entry);
    }
    return entry;
  }

  add(row: TalliedRow): void {
    this.verdicts[row.verdict] += 1;
    const code = sentCurrencyOf(row);
    if (code === null) return;
    const entry = this.currency(code);
    entry.rows += 1;
    entry.added.push(row.amount);
  }

  remove(row: TalliedRow): void {
    this.verdicts[row.verdict] -= 1;
    const code = sentCurrencyOf(row);
    if (code === null) return;
    const entry = this.currency(code);
    entry.rows -= 1;
    entry.removed.push(row.amount);
  }

  apply(change: RowChange): void {
    if (change.before) this.remove(change.before);
    if (change.after) this.add(change.after);
  }
}

export function createDraftTallies(db: CacheDatabase) {
  const { sqlite } = db;
  const bumpCounts = sqlite.prepare(
    `UPDATE drafts SET row_count = row_count + @rows, ok_count = ok_count + @ok,
       warning_count = warning_count + @warning, error_count = error_count + @error
     WHERE id = @draftId`,
  );
  const selectTotal = sqlite.prepare<[string, string], { row_count: number; total: DecimalString }>(
    'SELECT row_count, total FROM draft_currency_totals WHERE draft_id = ? AND currency = ?',
  );
  const upsertTotal = sqlite.prepare(
    `INSERT INTO draft_currency_totals (draft_id, currency, row_count, total) VALUES (?, ?, ?, ?)
     ON CONFLICT (draft_id, currency) DO UPDATE SET row_count = excluded.row_count,
       total = excluded.total`,
  );
  const deleteTotal = sqlite.prepare(
    'DELETE FROM draft_currency_totals WHERE draft_id = ? AND currency = ?',
  );

  /** Writes a delta; call inside the transaction that wrote the rows it describes. */
  function write(draftId: string, delta: TallyDelta): void {
    const { ok, warning, error } = delta.verdicts;
    if (ok !== 0 || warning !== 0 || error !== 0) {
      bumpCounts.run({ draftId, rows: ok + warning + error, ok, warning, error });
    }
    for (const [code, change] of delta.currencies) {
      if (change.added.length === 0 && change.removed.length === 0) continue;
      const stored = selectTotal.get(draftId, code) ?? { row_count: 0, total: '0' };
      const rows = stored.row_count + change.rows;
      if (rows < 0) throw new Error(`draft ${draftId}: ${code} would count ${rows} rows`);
      if (rows === 0) {
        deleteTotal.run(draftId, code);
        continue;
      }
      const total = addDecimals(
        stored.total,
        subtractDecimals(sumAmounts(change.added), sumAmounts(change.removed)),
      );
      upsertTotal.run(draftId, code, rows, total);
    }
  }

  return {
    write,
    /** The changes applied at once: the common case of one transaction. */
    record(draftId: string, changes: readonly RowChange[]): void {
      const delta = new TallyDelta();
      for (const change of changes) delta.apply(change);
      write(draftId, delta);
    },
  };
}

export type DraftTallies = ReturnType<typeof createDraftTallies>;
