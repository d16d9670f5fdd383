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
