/**
 * What importPayoutFile needs of a file's records, however they were read (a whole or
 * streamed text parse, or a workbook's sheet), and the pieces both readers share.
 */
import type { MappingOutcome } from './column-mapping';
import { listQuoted, problem } from './problems';
import type { FileRecord } from './records';
import type { StoredAmounts } from './spreadsheet-records';
import type { ImportProblem, ImportResult } from './types';

export const SAMPLE_RECORDS = 5;
const SAMPLE_CELLS = 50;
const SAMPLE_CELL_LENGTH = 200;

/** What a result says about the file itself, before any record is read. */
export type FileFacts = Pick<ImportResult, 'fileKind' | 'sheets' | 'sheet' | 'encoding' | 'bom'>;

export type ReadRecords = {
  count: number;
  /** Cells of the widest record: the columns a row may keep beside the payout. */
  width: number;
  unclosedQuoteLine: number | null;
  outcome: MappingOutcome;
  /** The data records (after the header), or null when they are to be streamed. */
  data: FileRecord[] | null;
  sample: string[][];
  /** A workbook's rows whose amount is a stored number; empty for text. */
  stored?: StoredAmounts['stored'];
};

export function widthOf(records: readonly FileRecord[]): number {
  let width = 0;
  for (const record of records) width = Math.max(width, record.cells.length);
  return width;
}

export function sampleOf(records: readonly FileRecord[]): string[][] {
  // Shortened: a mapping screen needs a glimpse, not a 100,000-character cell.
  return records
    .slice(0, SAMPLE_RECORDS)
    .map((record) =>
      record.cells.slice(0, SAMPLE_CELLS).map((cell) => cell.slice(0, SAMPLE_CELL_LENGTH)),
    );
}

/** FILE_EMPTY; for a workbook's empty sheet, naming the workbook's other sheets. */
export function emptyFileProblem(sheets: readonly string[], sheet: string | null): ImportProblem {
  const others = sheets.filter((name) => name !== sheet);
  const elsewhere =
    others.length === 0
      ? ''
      : ` The workbook's other sheet${others.length === 1 ? ' is' : 's are'} ${listQuoted(others)}: choose the one with the payout list.`;
  return problem(
    'FILE_EMPTY',
    `The file is empty. Export the payout list again, with a header row and one row per recipient.${elsewhere}`,
  );
}
