/**
 * What the import screen shows of a file's reading: everything but the rows themselves,
 * the first rows that need a look, and the facts the screen needs about all rows. The desk
 * answers this, not every row (docs/import.md, "Files the desk reads"): a file's rows stay
 * where they were read, and a person reads the first few that need a look anyway.
 */
import { oversizedLines } from './draft-from-reading';
import type { ImportResult, ImportRow, PayoutBatch } from './types';

/** Rows needing a look that the import screen lists (the draft lists every one). */
export const ATTENTION_PREVIEW_ROWS = 50;
/** The first rows the preview shows as read, beside the cells as written (`sample`). */
export const PREVIEW_ROWS = 5;

/**
 * A planned mass payout as the import screen tells it: its currency, count and total. Without
 * its rows' indexes, lines and numbers: three numbers per row of the file were most of the
 * answer (150 of 172 KB for 10,000 rows) and the screen reads none (issue 10 part 3).
 */
export type PlannedBatch = Pick<PayoutBatch, 'currency' | 'count' | 'total'>;

export type ReadingSummary = Omit<ImportResult, 'rows' | 'batches'> & {
  batches: PlannedBatch[];
  rowCount: number;
  /** The first rows with a warning or an error, in file order, at most ATTENTION_PREVIEW_ROWS. */
  attention: ImportRow[];
  /** The file's first rows as read, whatever their verdict: `sample` has them as written. */
  preview: ImportRow[];
  /** File lines with a cell longer than a draft stores (oversizedLines). */
  oversizedLines: number[];
  /** Some row has no currency of its own: the screen offers one for the whole file. */
  currencyMissing: boolean;
};

export function summarizeReading(result: ImportResult): ReadingSummary {
  const { rows, batches, ...rest } = result;
  const attention: ImportRow[] = [];
  let currencyMissing = false;
  for (const row of rows) {
    if (row.verdict !== 'ok' && attention.length < ATTENTION_PREVIEW_ROWS) attention.push(row);
    if (!currencyMissing && row.problems.some((entry) => entry.code === 'CURRENCY_MISSING')) {
      currencyMissing = true;
    }
  }
  return {
    ...rest,
    batches: batches.map(({ currency, count, total }) => ({ currency, count, total })),
    rowCount: rows.length,
    attention,
    preview: rows.slice(0, PREVIEW_ROWS),
    oversizedLines: oversizedLines(result),
    currencyMissing,
  };
}
