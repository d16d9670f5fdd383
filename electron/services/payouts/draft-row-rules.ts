/**
 * One draft row through the shared row rules, as main stores it: everything but duplicates
 * across rows (those need the other rows). Used by every path that writes draft rows, so a
 * row made by createDraft, by a paged import or by an edit gets the same verdict. What is
 * stored is what the rules normalised (no invisible characters, upper-case codes, a plain
 * decimal), since that is what will be paid. Problems only the file could show (a row
 * swallowed by an unclosed quote) are carried over until the row is edited.
 */
import type { DraftRow, RowProblem } from '../../../shared/drafts';
import {
  IMPORT_ONLY_CODES,
  validateDraftRow,
  verdictOf,
  type ImportProblemCode,
} from '../../../shared/import';
import type { RecentPayout } from '../../../shared/import/types';
import type { PaidAddresses } from '../../../shared/address-risk';
import { NO_EXTRA_CELLS } from '../../../shared/import/extra-columns';

export type DraftRowInput = Pick<DraftRow, 'address' | 'amount' | 'currency' | 'comment'> & {
  rowNo: number;
  line: number | null;
  /** The recipient's name ('' or left out without one), checked against the label. */
  name?: string;
  /** The file's other cells of this row: kept as read, no rule looks at them. */
  extra?: readonly string[];
  problems?: readonly RowProblem[];
};

export type DraftRowContext = {
  decimalSeparator: '.' | ',';
  recentPayouts: readonly RecentPayout[];
  /** A retry draft: a recipient paid meanwhile must not be paid again (an error there). */
  isRetry: boolean;
  /**
   * What this account paid before, for the address risk verdicts (docs/address-book.md);
   * without it (a test of the rules alone) the row gets none.
   */
  paid?: PaidAddresses;
};

const RETRY_ALREADY_PAID_MESSAGE =
  'This recipient was already paid this amount, or is being paid now, since this row failed. A retry must not pay it again: delete this row.';

export function validateStoredRow(row: DraftRowInput, context: DraftRowContext): DraftRow {
  const result = validateDraftRow(row, {
    decimalSeparator: context.decimalSeparator,
    recentPayouts: context.recentPayouts,
    ...(context.paid !== undefined ? { paidAddresses: context.paid } : {}),
  });
  const found = new Set(result.problems.map((problem) => problem.code));
  // What the rules find again is not repeated.
  const fromFile = (row.problems ?? []).filter(
    (problem) =>
      IMPORT_ONLY_CODES.has(problem.code as ImportProblemCode) &&
      !found.has(problem.code as ImportProblemCode),
  );
  // An amount the file left ambiguous ("1,000": one thousand, or one?) stays as written and
  // blocked: read with the draft's separator it would be a valid amount nobody confirmed.
  const ambiguous = fromFile.some((problem) => problem.code === 'AMOUNT_AMBIGUOUS');
  // A retry exists to pay what failed: a recipient paid meanwhile (or being paid) would be
  // paid twice, so there the repeat blocks the row instead of asking for a look.
  // A look-alike the person confirmed on this row stays confirmed while the rules still find
  // that look-alike for this address (an edit of the address or currency drops it).
  const accepted = (row.problems ?? []).find(
    (problem) => problem.code === 'ADDRESS_LOOKALIKE_ACCEPTED',
  );
  const problems: RowProblem[] = [
    ...fromFile.map(({ code, message }) => ({ code, message })),
    ...result.problems.map(({ code, message }) => {
      if (context.isRetry && code === 'DUPLICATE_RECENT_PAYOUT') {
        return { code: 'RETRY_ALREADY_PAID', message: RETRY_ALREADY_PAID_MESSAGE };
      }
      if (accepted !== undefined && code === 'ADDRESS_LOOKALIKE') {
        return { code: accepted.code, message: accepted.message };
      }
      return { code, message };
    }),
  ];
  return {
    rowNo: row.rowNo,
    line: row.line,
    address: result.address,
    amount: ambiguous ? row.amount : result.amount,
    currency: result.currency,
    comment: result.comment,
    name: result.name,
    extra: row.extra === undefined || row.extra.length === 0 ? NO_EXTRA_CELLS : [...row.extra],
    verdict: verdictOf(problems),
    problems,
  };
}
