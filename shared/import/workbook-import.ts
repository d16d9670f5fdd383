/**
 * A workbook's sheet as the records importPayoutFile reads (docs/spreadsheets.md): read by
 * spreadsheet-records.ts, mapped by the same resolveMapping as a text file, and its amount
 * cells holding numbers replaced by the exact decimal of the number stored.
 */
import { resolveMapping } from './column-mapping';
import type { WorkbookKind } from './file-kind';
import {
  emptyFileProblem,
  sampleOf,
  widthOf,
  type FileFacts,
  type ReadRecords,
} from './read-records';
import { readSheetRecords, withStoredAmounts } from './spreadsheet-records';
import type { ImportOptions, ImportProblem } from './types';

/** `sheetRows`: read only the sheet's first rows (the header lookup of read-with-recall.ts). */
export function readWorkbook(
  bytes: Uint8Array,
  kind: WorkbookKind,
  options: ImportOptions,
  sheetRows?: number,
): { facts: FileFacts; read: ReadRecords } | { facts: FileFacts; problem: ImportProblem } {
  const sheet = readSheetRecords(bytes, kind, options.sheet, sheetRows);
  const facts: FileFacts = {
    fileKind: kind,
    sheets: sheet.sheets,
    sheet: sheet.ok ? sheet.sheet : null,
    encoding: 'utf-8',
    bom: false,
  };
  if (!sheet.ok) return { facts, problem: sheet.problem };
  if (sheet.records.length === 0) {
    return { facts, problem: emptyFileProblem(sheet.sheets, sheet.sheet) };
  }
  const outcome = resolveMapping(sheet.records, options);
  const amounts = withStoredAmounts(
    sheet.records,
    sheet.numbers,
    outcome.headerIndex,
    outcome.mapping.amount,
  );
  return {
    facts,
    read: {
      count: sheet.records.length,
      width: widthOf(sheet.records),
      unclosedQuoteLine: null,
      outcome,
      data: amounts.data,
      // The sample shows the cells as the sheet shows them, as the mapping step lists them.
      sample: sampleOf(sheet.records.slice(outcome.headerIndex + 1)),
      stored: amounts.stored,
    },
  };
}
