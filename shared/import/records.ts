/**
 * Delimited text to records with papaparse, each tagged with the physical line it starts on.
 * Line breaks are normalised first so CRLF, LF and a lone CR (old Mac exports) all count as
 * one line each, whatever mix a file has. Blank records, including ones made only of
 * delimiters or invisible characters, are dropped but still counted in the line numbers.
 */
import Papa from 'papaparse/papaparse.min.js';
import { isBlankCell } from './invisible';
import type { Delimiter } from './types';

export type FileRecord = { line: number; cells: string[] };
export type ParsedRecords = {
  records: FileRecord[];
  /** Line where a quoted cell opens and never closes (it swallows the rest of the file). */
  unclosedQuoteLine: number | null;
};

/**
 * String patterns, not a regular expression: V8 keeps the subject of the last regular
 * expression match alive (RegExp.input), which for a large file was a second copy of its
 * whole text for the rest of the import.
 */
export function normalizeLineBreaks(text: string): string {
  return text.includes('\r') ? text.replaceAll('\r\n', '\n').replaceAll('\r', '\n') : text;
}

/**
 * The number of line breaks when every one is CRLF (Excel's exports on Windows), else null
 * (also for a text with no CR, which normalising leaves as it is). Such a text can be parsed
 * on "\r\n" as it stands, giving the records its normalised copy gives (walkRecords), so a
 * large file is not copied: the copy, built while the decoded text was live, more than
 * doubled the import's memory while it was made (docs/import.md, "Large files").
 */
export function crlfBreaks(text: string): number | null {
  if (!text.includes('\r')) return null;
  let breaks = 0;
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) {
    if (text.charCodeAt(at - 1) !== 13) return null;
    breaks += 1;
  }
  let returns = 0;
  for (let at = text.indexOf('\r'); at !== -1; at = text.indexOf('\r', at + 1)) returns += 1;
  // Every LF follows a CR, so as many CRs as LFs means no CR stands alone.
  return returns === breaks ? breaks : null;
}

/** What separates the records of a text: `\n` once normalised, `\r\n` for crlfBreaks' texts. */
export type Newline = '\n' | '\r\n';

export function isBlankRecord(cells: readonly string[]): boolean {
  for (const cell of cells) if (!isBlankCell(cell)) return false;
  return true;
}

function countLineBreaks(cells: readonly string[]): number {
  let count = 0;
  for (const cell of cells) {
    let at = cell.indexOf('\n');
    while (at !== -1) {
      count += 1;
      at = cell.indexOf('\n', at + 1);
    }
  }
  return count;
}

/** Parses at most `preview` records (all when omitted) of text with `\n` line breaks. */
export function parseRows(text: string, delimiter: Delimiter, preview?: number): string[][] {
  return Papa.parse(text, { delimiter, newline: '\n', skipEmptyLines: false, preview }).data;
}

export type RecordWalk = {
  /** Non-blank records seen. */
  count: number;
  /** Cells of the widest record, blank ones included. */
  width: number;
  unclosedQuoteLine: number | null;
};

/**
 * Where a walk is in its file: a piece of a text, cut where a record ends, starts at
 * `firstLine` and gives the records the whole text gives there. `onRecordEnd` hears after
 * every record (blank ones too) where the text after it starts and the line it is on.
 */
export type WalkPlace = {
  firstLine?: number;
  onRecordEnd?: (cursor: number, nextLine: number) => void;
};

/**
 * parseRecords without keeping the records: papaparse's step mode hands over one record at a
 * time (the same records, lines and unclosed-quote error as a whole parse: a unit test holds
 * them together), so a file of a million rows never has them all in memory at once. The
 * text has `\n` line breaks, or, with `newline` "\r\n", only CRLF ones (crlfBreaks): the
 * records are the same as its normalised copy's.
 */
export function walkRecords(
  text: string,
  delimiter: Delimiter,
  visit: (record: FileRecord) => void,
  newline: Newline = '\n',
  { firstLine = 1, onRecordEnd }: WalkPlace = {},
): RecordWalk {
  const quoted = text.includes('"');
  // Only a quoted cell can hold a line break; in a CRLF text it is normalised here.
  const crlfCells = quoted && newline === '\r\n';
  const walk: RecordWalk = { count: 0, width: 0, unclosedQuoteLine: null };
  let line = firstLine;
  Papa.parse(text, {
    delimiter,
    newline,
    skipEmptyLines: false,
    step: (results) => {
      const cells = results.data;
      if (crlfCells) {
        for (let index = 0; index < cells.length; index += 1) {
          const cell = cells[index] ?? '';
          if (cell.includes('\r')) cells[index] = normalizeLineBreaks(cell);
        }
      }
      if (
        walk.unclosedQuoteLine === null &&
        results.errors.some((e) => e.code === 'MissingQuotes')
      ) {
        walk.unclosedQuoteLine = line;
      }
      if (!isBlankRecord(cells)) {
        walk.count += 1;
        if (cells.length > walk.width) walk.width = cells.length;
        visit({ line, cells });
      }
      line += quoted ? 1 + countLineBreaks(cells) : 1;
      onRecordEnd?.(results.meta.cursor, line);
    },
  });
  return walk;
}

/**
 * `text` must already have `\n` line breaks. Every line break of the text either ends a record
 * or sits inside a quoted cell, so a record's first line is 1 + the breaks before it.
 */
export function parseRecords(text: string, delimiter: Delimiter): ParsedRecords {
  const parsed = Papa.parse(text, { delimiter, newline: '\n', skipEmptyLines: false });
  // Without a quote no cell can hold a line break: every record is one line.
  const quoted = text.includes('"');
  const unclosedRow = parsed.errors.find((error) => error.code === 'MissingQuotes')?.row;
  const records: FileRecord[] = [];
  // The line of the unclosed quote's row is noted as it is passed: no line kept per row.
  let unclosedQuoteLine: number | null = null;
  let line = 1;
  const { data } = parsed;
  for (let row = 0; row < data.length; row += 1) {
    const cells = data[row] ?? [];
    if (row === unclosedRow) unclosedQuoteLine = line;
    if (!isBlankRecord(cells)) records.push({ line, cells });
    line += quoted ? 1 + countLineBreaks(cells) : 1;
  }
  return { records, unclosedQuoteLine };
}
