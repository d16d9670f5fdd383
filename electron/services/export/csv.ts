/**
 * The one CSV writer behind every export (history, audit log, reconciliation). A cell typed by
 * anyone (a comment, a file name, a label synced from Calypso) could start with `=`, `+`, `-` or
 * `@` and run as a formula when the file is opened in a spreadsheet (OWASP "CSV injection").
 * Such a cell is prefixed with an apostrophe, which spreadsheets read as "this is text".
 *
 * Why not papaparse's `escapeFormulae`: its test is `/^[=+\-@\t\r].*$/`, and `.` does not cross
 * a newline, so `=HYPERLINK(...)` followed by a second line passed unescaped. The test here
 * looks only at the start: the first character after any leading whitespace or invisible
 * format character (spreadsheets skip leading spaces; U+200B and the BOM show nothing), and a
 * tab or carriage return as the very first character. What comes after never matters.
 * Amounts are never negative in this app, so a leading `-` is always text and is neutralised.
 */

/**
 * `=`, `+`, `-`, `@` and their full-width forms (some spreadsheets and IMEs turn `＝` into `=`)
 * after leading whitespace (`\s` covers tab, CR, LF, NBSP, U+2028, the ideographic space and the
 * BOM) and format characters (`\p{Cf}`: zero-width space, word joiner); or a first tab or CR.
 */
const FORMULA_START = /^(?:[\t\r]|[\s\p{Cf}]*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20])/u;

export function isFormulaLike(cell: string): boolean {
  return FORMULA_START.test(cell);
}

/** The cell as a spreadsheet will show it as text: unchanged, or with a leading apostrophe. */
export function neutraliseCell(cell: string): string {
  return isFormulaLike(cell) ? `'${cell}` : cell;
}

export type CsvDelimiter = ',' | ';' | '\t';

/** RFC 4180 quoting; a neutralised cell is always quoted, as papaparse did. */
function field(cell: string, delimiter: CsvDelimiter): string {
  const safe = neutraliseCell(cell);
  const quote =
    safe !== cell || /["\r\n]/.test(safe) || safe.includes(delimiter) || /^\s|\s$/.test(safe);
  return quote ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** One row as a CSV line (no line break), every cell neutralised and quoted as needed. */
export function csvLine(row: readonly string[], delimiter: CsvDelimiter = ','): string {
  let line = '';
  for (let index = 0; index < row.length; index += 1) {
    if (index > 0) line += delimiter;
    line += field(row[index] ?? '', delimiter);
  }
  return line;
}

/**
 * A header row and data rows as CSV text, CRLF between rows, every cell neutralised. The rows
 * may be any iterable: each becomes its line as it comes, so a generator of a million rows is
 * never held as a million arrays (the reconciliation of a large draft, docs/reconciliation.md).
 */
export function writeCsv(
  header: readonly string[],
  rows: Iterable<readonly string[]>,
  delimiter: CsvDelimiter = ',',
): string {
  const lines = [csvLine(header, delimiter)];
  for (const row of rows) lines.push(csvLine(row, delimiter));
  return lines.join('\r\n');
}
