/**
 * The spreadsheet importer's public seam. Synchronous, no I/O, never throws on any bytes; the
 * only state is a cache of address checksums shared by all calls. The renderer runs it in a
 * worker; main runs validateDraftRow / flagDuplicates / splitIntoBatches again on every row
 * it stores and before anything is sent.
 */
export { importPayoutFile } from './import-file';
export { validateDraftRow } from './draft-row';
export type { DraftContext, DraftRowInput, DraftRowResult } from './draft-row';
export { flagDuplicates } from './duplicates';
export type { DuplicateCandidate, WithDuplicates } from './duplicates';
export { isBatchable, splitIntoBatches } from './batches';
export type { BatchCandidate } from './batches';
export { headerSignature, normalizeHeaderName } from './header-names';
export { createAddressCache } from './address-field';
export type { AddressCache } from './address-field';
export { severityOf, verdictOf } from './problems';
export { IMPORT_ONLY_CODES, PROBLEM_SEVERITY } from './problem-codes';
export { COMMENT_MAX_LENGTH } from './row-rules';
export { payoutTemplateCsv, TEMPLATE_EXAMPLE_ROWS, TEMPLATE_HEADER } from './template';
export { TEMPLATE_CURRENCY_EXAMPLES } from './template-addresses';
export { templateCsv, TEMPLATE_VARIANTS, type TemplateVariant } from './template-variants';
export type {
  ColumnMapping,
  ColumnMappingInput,
  ColumnRef,
  ColumnRole,
  DecimalSeparator,
  Delimiter,
  FileKind,
  ImportOptions,
  ImportProblem,
  ImportProblemCode,
  ImportResult,
  ImportRow,
  PayoutBatch,
  RecentPayout,
  Severity,
  TextEncodingName,
  Verdict,
} from './types';
export { DRAFT_MAX_ROWS, DRAFT_PAGE_ROWS, tooManyRowsSentence } from './row-limit';
export { duplicateProblems } from './duplicates';
