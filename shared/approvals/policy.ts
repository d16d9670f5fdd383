/**
 * A profile's maker-checker approval policy (docs/approvals.md): who may approve (named
 * Ed25519 public keys), how many of them must (M of N), which drafts need it (a total above
 * a threshold per currency, a currency without a threshold always, and optionally any
 * payment to an address this account never paid). Types only, shared by main and the page.
 */
import type { DecimalString } from '../money';

/** An approver as the policy names them; the public key is 64 hex characters (32 bytes). */
export type Approver = { name: string; publicKey: string };

export type ApprovalThreshold = {
  currency: string;
  /** A draft whose total in this currency is strictly above this needs approval. */
  above: DecimalString;
};

export type ApprovalPolicy = {
  /** New at every change: the request file names the policy it was made under. */
  id: string;
  approvers: Approver[];
  /** M: valid approvals needed, 1 ≤ M ≤ N. */
  required: number;
  /**
   * Per currency code. A currency of the draft that is not listed always needs approval
   * (fail-safe: a new currency is never waved through by omission).
   */
  thresholds: ApprovalThreshold[];
  /** A row paying an address this account never paid needs approval, whatever the total. */
  firstPaymentNeedsApproval: boolean;
  updatedAtMs: number;
};

/** The policy as the person edits it (the id and time are main's). */
export type ApprovalPolicyInput = Omit<ApprovalPolicy, 'id' | 'updatedAtMs'>;

/** A local approver key as the page sees it: never the private half. */
export type ApproverKey = { name: string; publicKey: string; createdAtMs: number };
