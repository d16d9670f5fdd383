/**
 * The approval policy, evaluated (docs/approvals.md): pure, so main's submit gate and the
 * page's review say the same thing. Amounts compare as exact decimals (shared/money.ts).
 *
 * An approval counts when its key is one of the policy's approvers, it is not the
 * preparer's key, and its signature verifies over the approval message of this draft's
 * current fingerprint. Each key counts once, however many signatures it sent.
 */
import { compareDecimals, type DecimalString } from '../money';
import { approvalMessage, verifySignature, type ApprovalSubject } from './approval-message';
import type { ApprovalPolicy, Approver } from './policy';

/** The draft as the policy looks at it. */
export type ApprovalPlan = ApprovalSubject & {
  totals: readonly { currency: string; total: DecimalString }[];
  /** Planned rows paying an address this account never paid (ADDRESS_FIRST_PAYMENT). */
  firstPaymentRows: number;
};

/** A signature as it was stored or imported. */
export type GivenApproval = { publicKey: string; signature: string };

export type NotCounted = {
  publicKey: string;
  /** The policy's name for the key, when it has one. */
  name: string | null;
  reason: 'not-in-policy' | 'preparer' | 'bad-signature' | 'duplicate';
  message: string;
};

export type ApprovalCheck = {
  /** Whether this draft needs approval at all under the policy. */
  needed: boolean;
  /** Why it does, one sentence each (empty when it does not). */
  reasons: string[];
  /** M of the policy (0 when none is needed). */
  required: number;
  /** N, the approvers the policy names. */
  approverCount: number;
  counted: Approver[];
  notCounted: NotCounted[];
  met: boolean;
};

/** Whether the policy asks for approval of this plan, and why. */
export function approvalsNeeded(
  policy: ApprovalPolicy | null,
  plan: Pick<ApprovalPlan, 'totals' | 'firstPaymentRows'>,
): { needed: boolean; reasons: string[] } {
  if (policy === null || policy.required === 0) return { needed: false, reasons: [] };
  const reasons: string[] = [];
  const limits = new Map(policy.thresholds.map((entry) => [entry.currency, entry.above]));
  for (const { currency, total } of plan.totals) {
    const above = limits.get(currency);
    if (above === undefined) {
      reasons.push(
        `The policy sets no threshold for ${currency}, so every ${currency} payout needs approval.`,
      );
    } else if (compareDecimals(total, above) > 0) {
      reasons.push(
        `The ${currency} total ${total} is above the approval threshold of ${above} ${currency}.`,
      );
    }
  }
  if (policy.firstPaymentNeedsApproval && plan.firstPaymentRows > 0) {
    const rows = plan.firstPaymentRows === 1 ? '1 row pays' : `${plan.firstPaymentRows} rows pay`;
    reasons.push(
      `${rows} an address this account never paid, and first payments always need approval.`,
    );
  }
  return { needed: reasons.length > 0, reasons };
}

function short(publicKey: string): string {
  return `${publicKey.slice(0, 8)}…${publicKey.slice(-4)}`;
}

/**
 * The policy against the approvals given. `preparerKey` is the key that made the request
 * (null when none was made): it never counts, even when the policy names it.
 */
export function checkApprovals(
  policy: ApprovalPolicy | null,
  plan: ApprovalPlan,
  approvals: readonly GivenApproval[],
  preparerKey: string | null,
): ApprovalCheck {
  const { needed, reasons } = approvalsNeeded(policy, plan);
  const approvers = policy?.approvers ?? [];
  const byKey = new Map(approvers.map((approver) => [approver.publicKey, approver]));
  const message = approvalMessage(plan);
  const counted: Approver[] = [];
  const notCounted: NotCounted[] = [];
  const seen = new Set<string>();
  for (const approval of approvals) {
    const approver = byKey.get(approval.publicKey) ?? null;
    const name = approver?.name ?? null;
    const who = name === null ? `The key ${short(approval.publicKey)}` : `${name}'s key`;
    const refuse = (reason: NotCounted['reason'], text: string) => {
      notCounted.push({ publicKey: approval.publicKey, name, reason, message: text });
    };
    if (approver === null) {
      refuse(
        'not-in-policy',
        `${who} is not one of this account's approvers: its approval does not count.`,
      );
    } else if (approval.publicKey === preparerKey) {
      refuse('preparer', `${who} prepared this draft: a preparer never approves their own draft.`);
    } else if (!verifySignature(approval.signature, message, approval.publicKey)) {
      refuse(
        'bad-signature',
        `${who}'s signature is not valid for this version of the draft (it was edited after the approval, or the approval was altered).`,
      );
    } else if (seen.has(approval.publicKey)) {
      refuse('duplicate', `${who} already approved: one approver counts once.`);
    } else {
      seen.add(approval.publicKey);
      counted.push(approver);
    }
  }
  const required = needed ? (policy?.required ?? 0) : 0;
  return {
    needed,
    reasons,
    required,
    approverCount: approvers.length,
    counted,
    notCounted,
    met: !needed || counted.length >= required,
  };
}

/** The sentence a refused Submit gives, or null when the policy is met. */
export function unmetApprovalMessage(check: ApprovalCheck): string | null {
  if (check.met) return null;
  const missing = check.required - check.counted.length;
  return (
    `This draft needs ${check.required} of ${check.approverCount} approvals on its current version and has ${check.counted.length}: ` +
    `${missing} more ${missing === 1 ? 'is' : 'are'} needed before it can be submitted. ${check.reasons.join(' ')}`
  ).trim();
}
