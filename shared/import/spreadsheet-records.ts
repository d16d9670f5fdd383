/**
 * A workbook's sheet to the records the CSV reader makes ({ line, cells }), so the mapping,
 * the row rules and the risk checks read a sheet exactly as they read a text export
 * (docs/spreadsheets.md). Read with SheetJS (@e965/xlsx): .xlsx, .ods and legacy .xls.
 *
 * - A cell is its text as the spreadsheet shows it (SheetJS's formatted text, `w`): dates,
 *   percentages and formatted numbers as a person sees them, a formula as its cached value.
 * - Beside the records, each number cell's stored value: the amount column reads that
 *   (shared/import/stored-number.ts) instead of the rounded text shown.
 * - `line` is the sheet's row number as Excel shows it (1-based); blank rows (merged cells
 *   leave their other rows empty) are dropped but keep their numbers, as blank CSV lines do.
 * - The first visible sheet unless another is asked for; an unknown one is a sentence naming
 *   the sheets there are.
 */
import { read, type CellObject, type ParsingOptions, type WorkBook } from '@e965/xlsx';
import type { WorkbookKind } from './file-kind';
import { isBlankRecord, type FileRecord } from './records';
import { listQuoted, problem, quote } from './problems';
import { decimalOfStoredNumber, storedNumberProblem } from './stored-number';
import type { ImportProblem } from './types';

export type SheetRecords = {
  /** Every sheet of the workbook, in tab order. */
  sheets: string[];
  /** The sheet read. */
  sheet: string;
  records: FileRecord[];
  /** Beside `records` (same index): the stored value of each number cell, by column. */
  numbers: (ReadonlyMap<number, number> | null)[];
};

export type WorkbookReading =
  ({ ok: true } & SheetRecords) | { ok: false; sheets: string[]; problem: ImportProblem };

// Only values are read: no formulas (their cached values are the cells), styles, HTML or
// macros, so a workbook's code and formatting never reach the importer.
const READ_OPTIONS: ParsingOptions = {
  type: 'array',
  dense: true,
  cellDates: true,
  cellFormula: false,
  cellHTML: false,
  cellStyles: false,
  cellNF: false,
  bookVBA: false,
  sheetStubs: false,
};

const SAVE_AGAIN =
  'Open it in your spreadsheet program, save it again (as .xlsx, or as "CSV UTF-8") and import that file.';

function unreadable(kind: WorkbookKind, error: unknown): ImportProblem {
  const reason = error instanceof Error ? error.message : '';
  if (/password|encrypt/i.test(reason)) {
    return problem(
      'FILE_NOT_TEXT',
      'This workbook is protected with a password, so it cannot be read. Save a copy without the password and import that file.',
    );
  }
  return problem(
    'FILE_NOT_TEXT',
    kind === 'xls'
      ? `This looks like an old Excel workbook (.xls), but it could not be read: it may be damaged, or another kind of Office file. ${SAVE_AGAIN}`
      : `This ${kind === 'ods' ? 'OpenDocument spreadsheet (.ods)' : 'Excel workbook (.xlsx)'} could not be read: it may be damaged. ${SAVE_AGAIN}`,
  );
}

function isHidden(book: WorkBook, index: number): boolean {
  return (book.Workbook?.Sheets?.[index]?.Hidden ?? 0) !== 0;
}

function sheetsSentence(sheets: readonly string[]): string {
  return sheets.length === 1
    ? `Its only sheet is ${quote(sheets[0] ?? '')}.`
    : `Its sheets are ${listQuoted(sheets, 20)}: choose one of them.`;
}

/** The sheet's name, or the problem saying the workbook has no such sheet. */
function chooseSheet(book: WorkBook, choice: string | number | undefined): string | ImportProblem {
  const sheets = book.SheetNames;
  if (choice === undefined) {
    // A hidden first sheet (a lookup table, say) is not what anyone means by "the sheet".
    const visible = sheets.findIndex((_, index) => !isHidden(book, index));
    return sheets[visible < 0 ? 0 : visible] ?? '';
  }
  if (typeof choice === 'number') {
    const byIndex = Number.isInteger(choice) ? sheets[choice] : undefined;
    if (byIndex !== undefined) return byIndex;
    return problem(
      'SHEET_NOT_FOUND',
      `The workbook has no sheet number ${choice + 1}; it has ${sheets.length}. ${sheetsSentence(sheets)}`,
    );
  }
  const wanted = choice.trim().toLowerCase();
  const found =
    sheets.find((name) => name === choice) ??
    sheets.find((name) => name.trim().toLowerCase() === wanted);
  if (found !== undefined) return found;
  return problem(
    'SHEET_NOT_FOUND',
    `The workbook has no sheet named ${quote(choice)}. ${sheetsSentence(sheets)}`,
  );
}

/**
 * What the spreadsheet shows in a cell; an empty string for an empty one. A dense sheet's
 * rows have holes and nulls where no cell is, whatever the library's types say.
 */
function textOf(cell: CellObject | null | undefined): string {
  if (cell === undefined || cell === null || cell.t === 'z') return '';
  if (typeof cell.w === 'string') return cell.w;
  const value = cell.v;
  if (cell.t === 'n') {
    return typeof value === 'number' && Number.isFinite(value) ? decimalOfStoredNumber(value) : '';
  }
  if (cell.t === 'b') return value === true ? 'TRUE' : 'FALSE';
  if (cell.t === 'd') return value instanceof Date ? value.toISOString().slice(0, 10) : '';
  // An error cell without its text still reads as one ("#..." is a spreadsheet error).
  if (cell.t === 'e') return '#ERROR';
  return typeof value === 'string' ? value : '';
}

function recordsOf(rows: readonly ((CellObject | null | undefined)[] | null | undefined)[]): {
  records: FileRecord[];
  numbers: (ReadonlyMap<number, number> | null)[];
} {
  const records: FileRecord[] = [];
  const numbers: (ReadonlyMap<number, number> | null)[] = [];
  rows.forEach((row, rowIndex) => {
    if (!row) return;
    const cells: string[] = [];
    let stored: Map<number, number> | null = null;
    for (let column = 0; column < row.length; column += 1) {
      const cell = row[column];
      cells.push(textOf(cell));
      if (cell?.t === 'n' && typeof cell.v === 'number' && Number.isFinite(cell.v)) {
        stored ??= new Map();
        stored.set(column, cell.v);
      }
    }
    if (isBlankRecord(cells)) return;
    records.push({ line: rowIndex + 1, cells });
    numbers.push(stored);
  });
  return { records, numbers };
}

function readBook(bytes: Uint8Array, options: ParsingOptions): WorkBook {
  return read(bytes, { ...READ_OPTIONS, ...options });
}

/**
 * The records of one sheet. `sheetRows` reads only the sheet's first rows (enough to find
 * its header). Never throws: a workbook the library cannot open is a sentence.
 */
export function readSheetRecords(
  bytes: Uint8Array,
  kind: WorkbookKind,
  choice: string | number | undefined,
  sheetRows?: number,
): WorkbookReading {
  const limit = sheetRows !== undefined ? { sheetRows } : {};
  // An .xlsx keeps each sheet apart: only the one asked for (or the first) is parsed, and a
  // second read parses another when that one turns out hidden or was named in another case.
  // The other formats hold every sheet in one part, parsed whole either way.
  const only = (sheet: string | number) => (kind === 'xlsx' ? { sheets: sheet } : {});
  let book: WorkBook;
  try {
    book = readBook(bytes, { ...limit, ...only(choice ?? 0) });
  } catch (error) {
    return { ok: false, sheets: [], problem: unreadable(kind, error) };
  }
  const sheets = [...book.SheetNames];
  if (sheets.length === 0) return { ok: false, sheets, problem: unreadable(kind, null) };
  const sheet = chooseSheet(book, choice);
  if (typeof sheet !== 'string') return { ok: false, sheets, problem: sheet };
  let content = book.Sheets[sheet];
  if (content === undefined && kind === 'xlsx') {
    try {
      content = readBook(bytes, { ...limit, ...only(sheet) }).Sheets[sheet];
    } catch (error) {
      return { ok: false, sheets, problem: unreadable(kind, error) };
    }
  }
  return { ok: true, sheets, sheet, ...recordsOf(content?.['!data'] ?? []) };
}

/** The data records with the amount column's number cells as exact decimals, and their warnings. */
export type StoredAmounts = {
  data: FileRecord[];
  /** By index into `data`: the rows whose amount is a stored number, with its warning if any. */
  stored: ReadonlyMap<number, ImportProblem | null>;
};

/**
 * `records` and `numbers` as readSheetRecords gave them; the data starts after `headerIndex`.
 * Other columns keep the text shown: an address or a comment is what a person sees.
 */
export function withStoredAmounts(
  records: readonly FileRecord[],
  numbers: readonly (ReadonlyMap<number, number> | null)[],
  headerIndex: number,
  amountColumn: number | null,
): StoredAmounts {
  const data: FileRecord[] = [];
  const stored = new Map<number, ImportProblem | null>();
  for (let index = headerIndex + 1; index < records.length; index += 1) {
    const record = records[index];
    if (record === undefined) continue;
    const value = amountColumn === null ? undefined : numbers[index]?.get(amountColumn);
    if (value === undefined || amountColumn === null) {
      data.push(record);
      continue;
    }
    const cells = [...record.cells];
    cells[amountColumn] = decimalOfStoredNumber(value);
    stored.set(data.length, storedNumberProblem(value, record.cells[amountColumn] ?? ''));
    data.push({ line: record.line, cells });
  }
  return { data, stored };
}
