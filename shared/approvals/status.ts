/**
 * What the page is told about approvals (docs/approvals.md): a draft's approval status on
 * its current version, and an approval request as an approver's desk opened and checked it.
 */
import type { DecimalString } from '../money';
import type { ApprovalCheck } from './check-approvals';
import type { Approver } from './policy';

/** Size limit of an approval request or approval file, in characters. */
export const APPROVAL_FILE_MAX_CHARS = 60_000_000;

export type DraftApprovals = {
  draftId: string;
  /** The version these approvals are about; null once submitted, or without a policy. */
  fingerprint: string | null;
  policyId: string | null;
  check: ApprovalCheck;
  /** Who asked for approval of this version (their approval never counts); null before. */
  preparer: Approver | null;
  /** Approvals given to earlier versions: voided by an edit, kept as a record. */
  voided: Approver[];
  /** Why Submit is refused now, as Submit will say it; null when it may go ahead. */
  blocked: string | null;
};

export type ApprovalRequestRow = {
  rowNo: number;
  address: string;
  amount: DecimalString;
  comment: string;
};

/** A request file, checked: its plan hashes to its fingerprint and the preparer signed it. */
export type ApprovalRequestView = {
  draftId: string;
  draftName: string;
  target: { profileId: string; profileName: string; baseUrl: string; account: string };
  fingerprint: string;
  plan: { currency: string; rows: ApprovalRequestRow[] }[];
  /**
   * Rows held out of the plan for a test payment (docs/test-payments.md): sent later, in a
   * follow-up of the same draft, on this approval. Empty when none.
   */
  held: (ApprovalRequestRow & { currency: string })[];
  /** Recomputed from the plan and the held rows, never taken from the file. */
  totals: { currency: string; total: DecimalString; rowCount: number }[];
  /** Risk verdicts the preparer's desk found (its history), per row. */
  risks: { rowNo: number; code: string; message: string }[];
  policyId: string | null;
  preparer: Approver;
  createdAtMs: number;
};

/** A file to save: its suggested name and its text. */
export type ApprovalFile = { fileName: string; json: string };
