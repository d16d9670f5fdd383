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

const LINE_BREAKS = /\r\n?/g;

export function normalizeLineBreaks(text: string): string {
  return text.includes('\r') ? text.replace(LINE_BREAKS, '\n') : text;
}

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

/**
 * `text` must already have `\n` line breaks. Every line break of the text either ends a record
 * or sits inside a quoted cell, so a record's first line is 1 + the breaks before it.
 */
export function parseRecords(text: string, delimiter: Delimiter): ParsedRecords {
  const parsed = Papa.parse(text, { delimiter, newline: '\n', skipEmptyLines: false });
  // Without a quote no cell can hold a line break: every record is one line.
  const quoted = text.includes('"');
  const records: FileRecord[] = [];
  const lineOfRow: number[] = [];
  let line = 1;
  for (const cells of parsed.data) {
    lineOfRow.push(line);
    if (!isBlankRecord(cells)) records.push({ line, cells });
    line += quoted ? 1 + countLineBreaks(cells) : 1;
  }
  const unclosed = parsed.errors.find((error) => error.code === 'MissingQuotes');
  const unclosedRow = unclosed?.row;
  return {
    records,
    unclosedQuoteLine: unclosedRow === undefined ? null : (lineOfRow[unclosedRow] ?? null),
  };
}
