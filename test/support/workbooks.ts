/**
 * Real workbooks for the spreadsheet import tests, written by the library the app reads
 * them with (SheetJS, @e965/xlsx): .xlsx, .ods and legacy .xls bytes, built in the test
 * instead of committed, so a fixture can never drift from the code that describes it.
 * Shared by the unit, desk and e2e tests (docs/spreadsheets.md, "Tests").
 */
import { utils, write, type CellObject, type WorkBook } from '@e965/xlsx';

/** A cell: a plain value, or a cell object for a number format (`z`) or a formula (`f`). */
export type Cell = string | number | boolean | Date | null | CellObject;
export type SheetSpec = {
  name: string;
  rows: Cell[][];
  hidden?: boolean;
  /** Merged ranges, e.g. "D3:D4". */
  merges?: string[];
};
export type BookType = 'xlsx' | 'ods' | 'xls';

function isCellObject(cell: Cell): cell is CellObject {
  return typeof cell === 'object' && cell !== null && !(cell instanceof Date);
}

function sheetOf(spec: SheetSpec) {
  const plain = spec.rows.map((row) => row.map((cell) => (isCellObject(cell) ? null : cell)));
  const sheet = utils.aoa_to_sheet(plain, { cellDates: true });
  spec.rows.forEach((row, r) => {
    row.forEach((cell, c) => {
      if (isCellObject(cell)) sheet[utils.encode_cell({ r, c })] = cell;
    });
  });
  const width = Math.max(1, ...spec.rows.map((row) => row.length));
  sheet['!ref'] = utils.encode_range({
    s: { r: 0, c: 0 },
    e: { r: Math.max(0, spec.rows.length - 1), c: width - 1 },
  });
  if (spec.merges) sheet['!merges'] = spec.merges.map((range) => utils.decode_range(range));
  return sheet;
}

export function workbookBytes(
  sheets: readonly SheetSpec[],
  bookType: BookType = 'xlsx',
): Uint8Array {
  const book: WorkBook = utils.book_new();
  for (const spec of sheets) utils.book_append_sheet(book, sheetOf(spec), spec.name);
  book.Workbook = { Sheets: sheets.map((spec) => ({ Hidden: spec.hidden ? 1 : 0 })) };
  const written: ArrayBuffer = write(book, {
    type: 'array',
    bookType: bookType === 'xls' ? 'biff8' : bookType,
  }) as ArrayBuffer;
  return new Uint8Array(written);
}

/** A number cell shown with a format, as a person formats an amount column. */
export const formatted = (value: number, format: string): CellObject => ({
  t: 'n',
  v: value,
  z: format,
});

/** A date cell with an explicit format, so its shown text does not depend on a locale. */
export const dated = (value: Date, format = 'yyyy-mm-dd'): CellObject => ({
  t: 'd',
  v: value,
  z: format,
});

/** A formula with its cached value (what the spreadsheet last computed and saved). */
export const formula = (expression: string, cached: number): CellObject => ({
  t: 'n',
  v: cached,
  f: expression,
});

/** Text, even when it looks like a number (a cell formatted as text before typing). */
export const text = (value: string): CellObject => ({ t: 's', v: value, z: '@' });
