/** Maker-checker approvals of drafts (docs/approvals.md): the policy, the messages, the check. */
export type {
  ApprovalPolicy,
  ApprovalPolicyInput,
  ApprovalThreshold,
  Approver,
  ApproverKey,
} from './policy';
export {
  APPROVAL_DOMAIN,
  REQUEST_DOMAIN,
  approvalMessage,
  publicKeyProblem,
  requestMessage,
  verifySignature,
  type ApprovalSubject,
} from './approval-message';
export {
  approvalsNeeded,
  checkApprovals,
  unmetApprovalMessage,
  type ApprovalCheck,
  type ApprovalPlan,
  type GivenApproval,
  type NotCounted,
} from './check-approvals';
export {
  APPROVAL_FILE_MAX_CHARS,
  type ApprovalFile,
  type ApprovalRequestRow,
  type ApprovalRequestView,
  type DraftApprovals,
} from './status';
