/**
 * Address risk verdicts of a draft's planned rows (shared/address-risk), for the approval
 * request and the "first payments need approval" rule. Read against the history afresh, as
 * a confirmation does: another process may have synced meanwhile.
 */
import { addressRiskProblems, type PaidAddresses } from '../../../shared/address-risk';
import { findCurrency } from '../../../shared/networks';
import type { PlanRisk, RiskBatch } from './approval-gate';

export function createPlanRisks(paidAddresses: (profileId: string) => PaidAddresses) {
  return (profileId: string, planned: readonly RiskBatch[]): PlanRisk[] => {
    const paid = paidAddresses(profileId);
    const risks: PlanRisk[] = [];
    for (const batch of planned) {
      const network = findCurrency(batch.currency)?.network;
      if (network === undefined) continue;
      for (const row of batch.rows) {
        for (const problem of addressRiskProblems({ address: row.address, network }, paid)) {
          risks.push({ rowNo: row.rowNo, code: problem.code, message: problem.message });
        }
      }
    }
    return risks;
  };
}
