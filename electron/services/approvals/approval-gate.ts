/**
 * Submit's maker-checker gate (docs/approvals.md): the profile's policy against the
 * approvals stored for the draft's current fingerprint, checked again from their signatures
 * (a row slipped into SQLite without a valid signature counts for nothing). Also what the
 * review's approval status is made of, so both say the same thing.
 */
import {
  checkApprovals,
  unmetApprovalMessage,
  type ApprovalCheck,
  type Approver,
} from '../../../shared/approvals';
import type { CurrentPlan } from '../payouts/mass-drafts';
import type { ApprovalsRepo } from './approvals-repo';

export type PlanRisk = { rowNo: number; code: string; message: string };

export type ApprovalGateDeps = {
  repo: ApprovalsRepo;
  /** Address risk verdicts of the planned rows against this account's history, read fresh. */
  risksOf: (profileId: string, planned: readonly RiskBatch[]) => PlanRisk[];
};

/** Rows by currency, as the risk checks read them: a batch, or the held rows of a currency. */
export type RiskBatch = {
  currency: string;
  rows: readonly { rowNo: number; address: string }[];
};

/**
 * The planned batches and the rows held for a test payment, grouped by currency: an
 * approval covers both (docs/test-payments.md), so both count for its rules.
 */
export function coveredRows(plan: Pick<CurrentPlan, 'planned' | 'held'>): RiskBatch[] {
  const held = new Map<string, { rowNo: number; address: string }[]>();
  for (const row of plan.held) {
    const rows = held.get(row.currency) ?? [];
    rows.push({ rowNo: row.rowNo, address: row.address });
    held.set(row.currency, rows);
  }
  return [...plan.planned, ...[...held].map(([currency, rows]) => ({ currency, rows }))];
}

export type PlanApprovals = {
  check: ApprovalCheck;
  preparer: Approver | null;
  policyId: string | null;
  blocked: string | null;
};

export const FIRST_PAYMENT_CODE = 'ADDRESS_FIRST_PAYMENT';

export function evaluatePlan(deps: ApprovalGateDeps, plan: CurrentPlan): PlanApprovals {
  const policy = deps.repo.policy(plan.summary.profileId);
  const risks = policy?.firstPaymentNeedsApproval
    ? deps.risksOf(plan.summary.profileId, coveredRows(plan))
    : [];
  const request = deps.repo.request(plan.summary.id, plan.fingerprint);
  const given = deps.repo
    .approvals(plan.summary.id)
    .filter((approval) => approval.fingerprint === plan.fingerprint);
  const check = checkApprovals(
    policy,
    {
      target: plan.target,
      draftId: plan.summary.id,
      fingerprint: plan.fingerprint,
      totals: plan.totals,
      firstPaymentRows: new Set(
        risks.filter((risk) => risk.code === FIRST_PAYMENT_CODE).map((risk) => risk.rowNo),
      ).size,
    },
    given,
    request?.preparerKey ?? null,
  );
  const unmet = unmetApprovalMessage(check);
  const advice =
    request === null
      ? ' Export an approval request and send it to the approvers.'
      : ' Import the approvals that came back, or let an approver sign on this desk.';
  return {
    check,
    preparer:
      request === null ? null : { name: request.preparerName, publicKey: request.preparerKey },
    policyId: policy?.id ?? null,
    blocked: unmet === null ? null : `${unmet}${advice}`,
  };
}

/** The gate massDrafts.submit runs: the refusal sentence, or null. */
export function createApprovalGate(deps: ApprovalGateDeps) {
  return (plan: CurrentPlan): string | null => evaluatePlan(deps, plan).blocked;
}
