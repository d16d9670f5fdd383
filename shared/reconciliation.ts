/**
 * The reconciliation of a draft (docs/reconciliation.md): one line per line of its file, in
 * file order, each with what became of it, across the retries made of its failed rows.
 */
export const RECONCILIATION_OUTCOMES = [
  'paid',
  'failed',
  'cancelled',
  'in-progress',
  'not-sent-error',
  'not-sent-held',
  'not-sent-refused',
  'not-sent-expired',
  'not-submitted',
  'deleted',
] as const;
export type ReconciliationOutcome = (typeof RECONCILIATION_OUTCOMES)[number];

/** How an outcome reads in the file an accountant opens. */
export const OUTCOME_WORDS: Readonly<Record<ReconciliationOutcome, string>> = {
  paid: 'Paid',
  failed: 'Failed',
  cancelled: 'Cancelled',
  'in-progress': 'In progress',
  'not-sent-error': 'Not sent: error',
  'not-sent-held': 'Not sent: held for a test payment',
  'not-sent-refused': 'Not sent: refused',
  'not-sent-expired': 'Not sent: expired',
  'not-submitted': 'Not sent: draft not submitted',
  deleted: 'Deleted',
};

export type ReconciliationFormat = 'csv' | 'xlsx';

/**
 * The most lines an .xlsx reconciliation is written with. A workbook is built whole in memory
 * (SheetJS has no streaming writer): 100,000 lines took about 28 s and 220 MB more in the desk,
 * so a 1,000,000-row draft would hold it for minutes and near the heap's limit. CSV, written
 * line by line, has no such limit, and Excel opens it too (docs/reconciliation.md).
 */
export const RECONCILIATION_XLSX_MAX_LINES = 200_000;

/** Why a reconciliation of this many lines is not written as .xlsx; null when it can be. */
export function xlsxTooLarge(lineCount: number): string | null {
  if (lineCount <= RECONCILIATION_XLSX_MAX_LINES) return null;
  return (
    `This reconciliation has ${lineCount.toLocaleString('en-US')} lines; an .xlsx ` +
    `reconciliation holds at most ${RECONCILIATION_XLSX_MAX_LINES.toLocaleString('en-US')}. ` +
    'Export it as CSV, which Excel opens as well.'
  );
}

/** What exportReconciliation answers: the file's text (CSV) or its bytes (xlsx, base64). */
export type ReconciliationExport = {
  fileName: string;
  format: ReconciliationFormat;
  /** The CSV text, BOM included when the source had one; '' for xlsx. */
  csv: string;
  /** The workbook's bytes, base64; '' for CSV. */
  base64: string;
  /** Lines of the source file in it (one per line, deleted and unsent ones included). */
  rowCount: number;
};
