/** The approvals part of the handler table (docs/approvals.md); every profile must exist. */
import type { HandlerPart } from '../ipc/handler-table';
import type { ApprovalsService } from './approvals-service';

export type ApprovalMethod =
  | 'getApprovalPolicy'
  | 'setApprovalPolicy'
  | 'listApproverKeys'
  | 'createApproverKey'
  | 'getDraftApprovals'
  | 'exportApprovalRequest'
  | 'openApprovalRequest'
  | 'signApprovalRequest'
  | 'importApproval'
  | 'approveDraft';

export function createApprovalHandlers(deps: {
  approvals: ApprovalsService;
  requireProfile: (profileId: string) => unknown;
}): HandlerPart<ApprovalMethod> {
  const { approvals, requireProfile } = deps;
  return {
    getApprovalPolicy: ({ profileId }) => {
      requireProfile(profileId);
      return approvals.policy(profileId);
    },
    setApprovalPolicy: ({ profileId, policy }) => {
      requireProfile(profileId);
      return approvals.setPolicy(profileId, policy);
    },
    listApproverKeys: () => approvals.listKeys(),
    createApproverKey: ({ name }) => approvals.createKey(name),
    getDraftApprovals: ({ draftId }) => approvals.status(draftId),
    exportApprovalRequest: (input) => approvals.exportRequest(input),
    openApprovalRequest: ({ json }) => approvals.openRequest(json),
    signApprovalRequest: (input) => approvals.signRequest(input),
    importApproval: ({ json }) => approvals.importApproval(json),
    approveDraft: (input) => approvals.approveHere(input),
  };
}
