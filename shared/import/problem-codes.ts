/**
 * Every problem the importer reports, and whether it blocks the row (error) or asks a person
 * to look (warning). Codes are stable: the app and stored drafts key on them.
 * Row codes shared with shared/payout-rules.ts keep that module's names.
 */
export const PROBLEM_SEVERITY = {
  // The file as a whole
  FILE_EMPTY: 'error',
  FILE_NOT_TEXT: 'error',
  FILE_NO_ROWS: 'error',
  FILE_QUOTE_UNCLOSED: 'error',
  FILE_TOO_MANY_ROWS: 'error',
  // A workbook (docs/spreadsheets.md): the sheet asked for is not in it.
  SHEET_NOT_FOUND: 'error',
  COLUMN_MISSING: 'error',
  MAPPING_COLUMN_NOT_FOUND: 'error',
  HEADER_MISSING: 'warning',
  ROWS_BEFORE_HEADER: 'warning',
  COLUMN_AMBIGUOUS: 'warning',
  COLUMNS_NOT_KEPT: 'warning',
  COLUMN_CELLS_SHORTENED: 'warning',
  DECIMAL_SEPARATOR_MIXED: 'warning',
  // One row
  ADDRESS_EMPTY: 'error',
  ADDRESS_FORMAT: 'error',
  ADDRESS_CHECKSUM: 'error',
  ADDRESS_WRONG_NETWORK: 'error',
  ADDRESS_NOT_PAYABLE: 'error',
  ADDRESS_TEMPLATE_EXAMPLE: 'error',
  ADDRESS_INVISIBLE_CHARACTERS: 'warning',
  ADDRESS_SPACES: 'warning',
  AMOUNT_MISSING: 'error',
  AMOUNT_NOT_A_NUMBER: 'error',
  AMOUNT_HAS_CURRENCY: 'error',
  AMOUNT_SCIENTIFIC: 'error',
  AMOUNT_AMBIGUOUS: 'error',
  AMOUNT_SEPARATOR_MISMATCH: 'error',
  AMOUNT_NOT_POSITIVE: 'error',
  AMOUNT_TOO_PRECISE: 'error',
  AMOUNT_TOO_LARGE: 'error',
  AMOUNT_SEPARATOR_UNUSUAL: 'warning',
  AMOUNT_PRECISION_LOST: 'warning',
  // A workbook's number cell with 15-17 significant digits (shared/import/stored-number.ts).
  AMOUNT_STORED_AS_FLOAT: 'warning',
  AMOUNT_INVISIBLE_CHARACTERS: 'warning',
  CURRENCY_MISSING: 'error',
  CURRENCY_UNKNOWN: 'error',
  COMMENT_TOO_LONG: 'error',
  QUOTE_UNCLOSED: 'error',
  DUPLICATE_ADDRESS: 'warning',
  DUPLICATE_RECENT_PAYOUT: 'warning',
  // In a retry draft a recipient already paid (or being paid) must not be paid again.
  RETRY_ALREADY_PAID: 'error',
  // A single payout confirmed while the same one (recipient, currency, amount) is unsettled.
  PAYOUT_NOT_SETTLED: 'error',
  // Address risk, against what this account paid before (shared/address-risk).
  ADDRESS_IS_CONTRACT: 'error',
  ADDRESS_LOOKALIKE: 'error',
  ADDRESS_OTHER_NETWORK: 'warning',
  ADDRESS_FIRST_PAYMENT: 'warning',
  ADDRESS_LABEL_MISMATCH: 'warning',
  // A look-alike a person confirmed with the recipient, on this row, for this address.
  ADDRESS_LOOKALIKE_ACCEPTED: 'warning',
} as const satisfies Record<string, 'error' | 'warning'>;

export type ImportProblemCode = keyof typeof PROBLEM_SEVERITY;

/**
 * Codes only the importer can see, because they depend on the cell as the file wrote it (its
 * invisible characters, trailing zeros, separators, a workbook's binary number) or on the
 * file itself (an amount such as "1,000" is ambiguous only because no other amount of the
 * file tells its separator).
 * validateDraftRow gets the cleaned, canonical values and cannot find them again: a draft
 * must carry these over from the import until the row is edited (an ambiguous amount until
 * the amount itself is).
 */
export const IMPORT_ONLY_CODES: ReadonlySet<ImportProblemCode> = new Set<ImportProblemCode>([
  'AMOUNT_AMBIGUOUS',
  'ADDRESS_INVISIBLE_CHARACTERS',
  'ADDRESS_SPACES',
  'AMOUNT_INVISIBLE_CHARACTERS',
  'AMOUNT_PRECISION_LOST',
  'AMOUNT_SEPARATOR_UNUSUAL',
  'AMOUNT_STORED_AS_FLOAT',
  'QUOTE_UNCLOSED',
]);
