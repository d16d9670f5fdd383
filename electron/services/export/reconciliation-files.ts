/**
 * A draft's reconciliation as the files an accountant opens (docs/reconciliation.md): CSV in
 * the dialect of the draft's own file (its delimiter, its decimal separator, a byte-order
 * mark when it had one or was not UTF-8, since Excel reads UTF-8 only after one), and .xlsx
 * with amounts as numbers where a number holds them exactly and explorer links as links.
 */
import * as XLSX from '@e965/xlsx';
import { normalizeDecimal } from '../../../shared/money';
import { OUTCOME_WORDS } from '../../../shared/reconciliation';
import type { ReconciliationLine } from '../payouts/reconciliation';
import { utcText } from '../payouts/reconciliation';
import { neutraliseCell, writeCsv, type CsvDelimiter } from './csv';

export type SourceDialect = {
  delimiter: string | null;
  decimalSeparator: '.' | ',';
  bom: boolean;
  encoding: string | null;
};

const HEADER = [
  'File',
  'Line',
  'Name',
  'Address',
  'Label',
  'Amount',
  'Currency',
  'Network',
  'Comment',
  'Outcome',
  'Reason',
  'Final outcome',
  'Retried in',
  'Paid by',
  'Batch',
  'Mass payout id',
  'Idempotency key',
  'Withdrawal id',
  'Transaction hash',
  'Explorer link',
  'Fee',
  'Submitted (UTC)',
  'Executed (UTC)',
  'Completed (UTC)',
] as const;

/** Columns holding amounts, written with the file's decimal separator. */
const AMOUNT_COLUMNS = new Set<number>([HEADER.indexOf('Amount'), HEADER.indexOf('Fee')]);
const LINK_COLUMN = HEADER.indexOf('Explorer link');

function when(ms: number | null): string {
  return ms === null ? '' : utcText(ms);
}

/** One line's cells, amounts canonical ("1234.5"), in HEADER order then the kept columns. */
function cellsOf(line: ReconciliationLine): string[] {
  const amount = /^\d+(\.\d+)?$/.test(line.row.amount)
    ? normalizeDecimal(line.row.amount)
    : line.row.amount;
  return [
    line.sourceFile,
    line.line === null ? '' : String(line.line),
    line.row.name,
    line.row.address,
    line.label,
    amount,
    line.row.currency,
    line.network,
    line.row.comment,
    OUTCOME_WORDS[line.outcome],
    line.reason,
    OUTCOME_WORDS[line.finalOutcome],
    line.retriedIn.join(', '),
    line.paidBy,
    line.batchNo === null ? '' : String(line.batchNo),
    line.payoutId ?? '',
    line.requestId ?? '',
    line.withdrawal?.id ?? '',
    line.withdrawal?.transactionHash ?? '',
    line.explorer,
    line.withdrawal?.calypsoFee ?? '',
    when(line.submittedMs),
    when(line.executedMs),
    when(line.completedMs),
    ...line.row.extra,
  ];
}

function delimiterOf(dialect: SourceDialect): CsvDelimiter {
  return dialect.delimiter === ';' || dialect.delimiter === '\t' ? dialect.delimiter : ',';
}

/** Each line's cells as they are written, amounts with the file's decimal separator. */
function* csvCells(
  lines: Iterable<ReconciliationLine>,
  decimalSeparator: '.' | ',',
): Generator<string[]> {
  for (const line of lines) {
    const cells = cellsOf(line);
    if (decimalSeparator === ',') {
      for (const index of AMOUNT_COLUMNS) {
        const cell = cells[index] ?? '';
        if (/^\d+\.\d+$/.test(cell)) cells[index] = cell.replace('.', ',');
      }
    }
    yield cells;
  }
}

export function reconciliationCsv(
  lines: Iterable<ReconciliationLine>,
  extraColumns: readonly string[],
  dialect: SourceDialect,
): string {
  const csv = writeCsv(
    [...HEADER, ...extraColumns],
    csvCells(lines, dialect.decimalSeparator),
    delimiterOf(dialect),
  );
  const bom = dialect.bom || (dialect.encoding !== null && dialect.encoding !== 'utf-8');
  return bom ? `\ufeff${csv}` : csv;
}

/** A decimal a spreadsheet number holds exactly (it prints back the same), else null. */
function exactNumber(text: string): number | null {
  if (!/^\d+(\.\d+)?$/.test(text)) return null;
  const value = Number(text);
  return Number.isFinite(value) && normalizeDecimal(String(value)) === normalizeDecimal(text)
    ? value
    : null;
}

export function reconciliationXlsx(
  lines: Iterable<ReconciliationLine>,
  extraColumns: readonly string[],
): Uint8Array {
  const header = [...HEADER, ...extraColumns];
  const sheet = XLSX.utils.aoa_to_sheet([header]);
  let lineIndex = 0;
  for (const line of lines) {
    cellsOf(line).forEach((text, column) => {
      if (text === '') return;
      const address = XLSX.utils.encode_cell({ r: lineIndex + 1, c: column });
      const number = AMOUNT_COLUMNS.has(column) ? exactNumber(text) : null;
      // Text that would run as a formula in a CSV is plain text in a workbook cell already;
      // it is still neutralised, so a copy into another sheet stays inert.
      const cell: XLSX.CellObject =
        number !== null
          ? { t: 'n', v: number }
          : { t: 's', v: column === LINK_COLUMN ? text : neutraliseCell(text) };
      if (column === LINK_COLUMN) cell.l = { Target: text };
      sheet[address] = cell;
    });
    lineIndex += 1;
  }
  sheet['!ref'] = XLSX.utils.encode_range({
    s: { r: 0, c: 0 },
    e: { r: lineIndex, c: header.length - 1 },
  });
  const book = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(book, sheet, 'Reconciliation');
  return XLSX.write(book, { type: 'buffer', bookType: 'xlsx', compression: true }) as Uint8Array;
}
