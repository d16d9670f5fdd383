/**
 * Drafts of mass payouts made from spreadsheets, as the UI sees them. Rows carry the verdict
 * of the shared import rules; main recomputes it on every edit and again before sending.
 */
import type { RecipientTally } from './recipient-tally';
import type { PayoutState } from './calypso/types';
import type { DecimalString } from './money';

export type RowVerdict = 'ok' | 'warning' | 'error';
export type RowProblem = { code: string; message: string };

export type DraftRow = {
  /** Stable position of the row in the draft. */
  rowNo: number;
  /** Line in the original file; null for a row added in the app. */
  line: number | null;
  address: string;
  amount: string;
  currency: string;
  comment: string;
  /** The recipient's name from the file's name column (or typed in); '' without one. */
  name: string;
  /**
   * The row's cells of the file's other columns, in the order of DraftSummary.extraColumns;
   * empty for a row added in the app. Kept as read, never sent to Calypso.
   */
  extra: string[];
  verdict: RowVerdict;
  problems: RowProblem[];
};

export type DraftState = 'editing' | 'submitting' | 'submitted';

export type DraftSummary = {
  id: string;
  profileId: string;
  name: string;
  sourceFile: string | null;
  decimalSeparator: '.' | ',';
  state: DraftState;
  parentDraftId: string | null;
  createdMs: number;
  updatedMs: number;
  rowCount: number;
  /** Names of the file's columns the payout does not use, kept with every row (`extra`). */
  extraColumns: string[];
  counts: Record<RowVerdict, number>;
  /**
   * Per currency, by code: the rows Submit would send now, their exact total and the number
   * of mass payouts they make. Kept up to date by every edit (docs/drafts.md).
   */
  totals: DraftCurrencyTotal[];
  /** Drafts made by "Retry the failed rows" from this one, newest first. */
  retries: DraftRetry[];
};

export type DraftCurrencyTotal = {
  currency: string;
  rowCount: number;
  total: DecimalString;
  /** Mass payouts these rows make: Calypso's cap per payout (calypso-api.md 6.1) decides. */
  batchCount: number;
  /** That cap: every batch of the currency holds this many rows but the last. */
  batchSize: number;
};

/** A retry draft as its original shows it: "Retried in <name> (<state>)". */
export type DraftRetry = { id: string; name: string; state: DraftState };

/** One mass payout of a submitted draft and how far it got. */
export type DraftBatch = {
  batchNo: number;
  requestId: string;
  currency: string;
  total: DecimalString;
  rowCount: number;
  /**
   * `planned`: in the review, no outbox row yet. Otherwise the state of the batch's intent
   * (docs/intents.md): final once done, rejected, cancelled or expired.
   */
  delivery: 'planned' | 'not-sent' | 'pending' | 'done' | 'rejected' | 'cancelled' | 'expired';
  payoutId: string | null;
  payoutState: PayoutState | null;
  errorMessage: string | null;
  /**
   * The batch's recipients by state, from the cached withdrawals of its mass payout; null
   * until a sync has read them (the payout is not cached yet, or has no withdrawals read).
   */
  recipients?: RecipientTally | null;
};
