/**
 * The columns of a file that no role uses (an employee number, a cost centre, a start date):
 * each row keeps its cells of them, so they reach the draft, its grid and the reconciliation
 * a person hands the accountant (docs/import.md, "Columns the payout does not use").
 */
import { isBlankCell } from './invisible';
import { problem } from './problems';
import type { ColumnMapping, ImportProblem, ImportRow } from './types';

/** More columns than this are not kept: no payroll sheet needs them beside a payout. */
export const MAX_EXTRA_COLUMNS = 50;
/**
 * A kept cell keeps at most this many characters, like a comment. A longer one (an ERP's
 * long description) is shortened with a file-level warning, never a blocked row: a column
 * the payout does not use must not stop the payout.
 */
export const EXTRA_CELL_MAX_LENGTH = 500;

/**
 * The kept cells of a row without any, shared: a million rows of a file without other columns
 * (or typed in the app) would otherwise hold a million empty arrays. Frozen, so a push that
 * forgot to copy fails loudly instead of giving every row the cell.
 */
export const NO_EXTRA_CELLS = Object.freeze([]) as unknown as string[];

export type ExtraColumns = {
  /** 0-based column index of each kept column, in file order. */
  indexes: number[];
  /** Its header as written, or "Column 7" when the header is blank or the file has none. */
  names: string[];
  /** Whether the file named it: an unnamed column empty in every row is dropped. */
  named: boolean[];
  /** Columns beyond MAX_EXTRA_COLUMNS, not kept. */
  notKept: number;
};

export function extraColumnsOf(
  headers: readonly string[],
  width: number,
  mapping: ColumnMapping,
): ExtraColumns {
  const used = new Set(Object.values(mapping).filter((column) => column !== null));
  const columns: ExtraColumns = { indexes: [], names: [], named: [], notKept: 0 };
  for (let column = 0; column < width; column += 1) {
    if (used.has(column)) continue;
    const header = headers[column]?.trim() ?? '';
    if (columns.indexes.length >= MAX_EXTRA_COLUMNS) {
      columns.notKept += 1;
      continue;
    }
    columns.indexes.push(column);
    columns.names.push(header === '' ? `Column ${column + 1}` : header);
    columns.named.push(header !== '');
  }
  return columns;
}

/**
 * Drops the unnamed columns that are empty in every row (a trailing delimiter makes one in
 * most exports), from the names and from each row's cells. Returns the names kept.
 */
export function dropEmptyUnnamed(columns: ExtraColumns, rows: ImportRow[]): string[] {
  const keep = columns.names.map(
    (_, position) =>
      columns.named[position] === true ||
      rows.some((row) => !isBlankCell(row.extra[position] ?? '')),
  );
  if (keep.every(Boolean)) return columns.names;
  const kept = (values: readonly string[]) => values.filter((_, position) => keep[position]);
  for (const row of rows) if (row.extra.length > 0) row.extra = kept(row.extra);
  return kept(columns.names);
}

/**
 * Shortens kept cells longer than EXTRA_CELL_MAX_LENGTH, in place, and returns the warning
 * naming the columns and the first lines, or null when none was.
 */
export function shortenLongCells(
  names: readonly string[],
  rows: ImportRow[],
): ImportProblem | null {
  const columns = new Set<string>();
  const lines: number[] = [];
  for (const row of rows) {
    // Most files keep no cell beside the payout's: nothing to look at in those rows.
    if (row.extra.length === 0) continue;
    if (!row.extra.some((cell) => cell.length > EXTRA_CELL_MAX_LENGTH)) continue;
    row.extra = row.extra.map((cell, position) => {
      if (cell.length <= EXTRA_CELL_MAX_LENGTH) return cell;
      columns.add(names[position] ?? `Column ${position + 1}`);
      return cell.slice(0, EXTRA_CELL_MAX_LENGTH);
    });
    lines.push(row.line);
  }
  if (lines.length === 0) return null;
  const named = [...columns].map((name) => `"${name}"`).join(', ');
  const shown = lines.slice(0, 5).join(', ');
  const more = lines.length > 5 ? ` and ${(lines.length - 5).toLocaleString('en-US')} more` : '';
  return problem(
    'COLUMN_CELLS_SHORTENED',
    `${columns.size === 1 ? 'Column' : 'Columns'} ${named} ${columns.size === 1 ? 'has' : 'have'} cells longer than ${EXTRA_CELL_MAX_LENGTH} characters (line${lines.length === 1 ? '' : 's'} ${shown}${more}): the draft and the reconciliation keep their first ${EXTRA_CELL_MAX_LENGTH} characters. The payout is not affected.`,
  );
}

export function columnsNotKeptProblem(columns: ExtraColumns): ImportProblem | null {
  if (columns.notKept === 0) return null;
  return problem(
    'COLUMNS_NOT_KEPT',
    `The file has ${columns.notKept} more column${columns.notKept === 1 ? '' : 's'} than Payout Desk keeps beside a payout (${MAX_EXTRA_COLUMNS} besides the payout's own): ${columns.notKept === 1 ? 'it is' : 'they are'} not in the draft or the reconciliation. Remove columns nobody needs, or split the file.`,
  );
}
