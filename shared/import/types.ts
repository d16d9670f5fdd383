/**
 * Types of the spreadsheet importer's public seam (shared/import/index.ts). Structurally
 * compatible with the draft rows of shared/drafts.ts: a problem is `{ code, message }` plus
 * its severity, a verdict is ok | warning | error.
 */
import type { PaidAddresses } from '../address-risk';
import type { DecimalString } from '../money';
import type { MassPayoutLimits } from '../networks';
import type { FileKind } from './file-kind';
import type { ImportProblemCode } from './problem-codes';

export type { FileKind } from './file-kind';
export type { ImportProblemCode } from './problem-codes';

export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';
export type Delimiter = ',' | ';' | '\t';
export type DecimalSeparator = '.' | ',';
export type Verdict = 'ok' | 'warning' | 'error';
export type Severity = 'error' | 'warning';

/** `name` is the recipient's name (an employee, a supplier): kept, shown, checked against labels. */
export type ColumnRole = 'address' | 'amount' | 'currency' | 'comment' | 'name';
/** A column chosen by its header name (any spelling that normalises the same) or 0-based index. */
export type ColumnRef = string | number;
/** What a person chose in the mapping step; roles left out are detected. */
export type ColumnMappingInput = Partial<Record<ColumnRole, ColumnRef>>;
/** The 0-based column index each role was read from; null when the file has no such column. */
export type ColumnMapping = Record<ColumnRole, number | null>;

export type ImportProblem = {
  code: ImportProblemCode;
  /** One or two sentences for a finance person: the value, what is wrong, how to fix it. */
  message: string;
  severity: Severity;
  /** For file-level problems that concern one place in the file. */
  line?: number;
};

/** A payment from the local cache of the last 30 days, as the caller supplies it. */
export type RecentPayout = { depositAddress: string; amount: string; currency: string };

export type ImportOptions = {
  /** Currency of every row when the file has no currency column (or an empty cell). */
  currency?: string;
  /** Overrides detection: the file's cells are separated by this character (text files). */
  delimiter?: Delimiter;
  /** Overrides detection: this character is the decimal separator, the other groups thousands. */
  decimalSeparator?: DecimalSeparator;
  mapping?: ColumnMappingInput;
  recentPayouts?: readonly RecentPayout[];
  /** What this account paid before, for the address risk verdicts (the desk has it). */
  paidAddresses?: PaidAddresses;
  limits?: MassPayoutLimits;
  /** Rows a draft holds (DRAFT_MAX_ROWS unless lowered, as tests do); more block the file. */
  maxRows?: number;
  /**
   * A workbook's sheet to read, by name or 0-based tab position; the first visible sheet
   * when left out. Ignored for text files.
   */
  sheet?: string | number;
};

export type ImportRow = {
  /** 1-based physical line of the file where the record starts (a workbook's row number). */
  line: number;
  /** Cleaned of spaces and invisible characters (a warning says so when any were removed). */
  address: string;
  /** Exact decimal with a point ("1234.5"), or the text as written when it cannot be read. */
  amount: string;
  /** The currency code ("USDT_TRX") when known, otherwise the text as written. */
  currency: string;
  comment: string;
  /** The recipient's name from the file's name column; empty without one. */
  name: string;
  /** The row's cells of the columns the payout does not use, as ImportResult.extraColumns lists them. */
  extra: string[];
  verdict: Verdict;
  problems: ImportProblem[];
};

/** One mass payout: a single currency, within the size limits. */
export type PayoutBatch = {
  currency: string;
  /** Indexes into the array given to splitIntoBatches, in file order. */
  rows: number[];
  /** The same rows' file lines (null for rows without one, e.g. added in the app). */
  lines: (number | null)[];
  /** The same rows' `rowNo` when they carry one (draft rows), else their 1-based position. */
  rowNos: number[];
  total: DecimalString;
  count: number;
};

export type ImportResult = {
  /** Read as delimited text ('csv'), or as a workbook of that format. */
  fileKind: FileKind;
  /** A workbook's sheets in tab order; empty for a text file. */
  sheets: string[];
  /** The sheet read; null for a text file (or a workbook that could not be read). */
  sheet: string | null;
  /** A text file's encoding; 'utf-8' for a workbook, which has none of its own. */
  encoding: TextEncodingName;
  /** True when the file starts with a byte-order mark (Excel's "CSV UTF-8" writes one). */
  bom: boolean;
  /** A text file's delimiter; ',' for a workbook. */
  delimiter: Delimiter;
  hasHeader: boolean;
  /** The header row's cells as written; empty when the file has no header row. */
  headers: string[];
  /** The first data records' cells as written (shortened), for the column-mapping step. */
  sample: string[][];
  mapping: ColumnMapping;
  /**
   * Names of the columns no role uses, in file order ("Column 7" when it has none): each row
   * keeps its cells of them in `extra`, so an employee number or a cost centre reaches the
   * draft and the reconciliation. An unnamed column empty in every row is not kept.
   */
  extraColumns: string[];
  /** The decimal separator amounts were read with; null when nothing in the file decided it. */
  decimalSeparator: DecimalSeparator | null;
  /** File-level problems; an error here means `rows` is empty or incomplete. */
  problems: ImportProblem[];
  rows: ImportRow[];
  counts: Record<Verdict, number>;
  /** Rows without an error, one mass payout per currency within the limits. */
  batches: PayoutBatch[];
  /** Rows left out of the batches because of an error. */
  excludedFromBatches: number;
};
