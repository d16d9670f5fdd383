/**
 * Maker-checker approvals in the page (docs/approvals.md): this desk's approver keys (public
 * halves and names only: the secret halves never leave main), the active profile's policy,
 * the open draft's approval status on its current version, and an approval request opened
 * for signing. Every answer from main is kept as it came, errors included.
 */
import type {
  ApprovalFile,
  ApprovalPolicy,
  ApprovalPolicyInput,
  ApprovalRequestView,
  ApproverKey,
  DraftApprovals,
} from '../../../../shared/approvals';
import type { DeskError } from '../../../../shared/ipc';
import { approvalsService } from '../../services/desk-service';
import type { SliceCreator } from '../../stores/types';

export type ApprovalsSlice = {
  approverKeys: ApproverKey[];
  approverKeysError: DeskError | null;
  /** The policy of `approvalPolicyProfileId` (null: none, every draft may be submitted). */
  approvalPolicy: ApprovalPolicy | null;
  approvalPolicyProfileId: string | null;
  approvalPolicyError: DeskError | null;
  /** The open draft's approvals on its current version. */
  draftApprovals: DraftApprovals | null;
  draftApprovalsError: DeskError | null;
  approvalBusy: boolean;
  /** A request opened on this desk to be signed, and the file it came from. */
  openedRequest: { view: ApprovalRequestView; json: string } | null;
  openedRequestError: DeskError | null;
  loadApproverKeys: () => Promise<void>;
  createApproverKey: (name: string) => Promise<boolean>;
  loadApprovalPolicy: (profileId: string) => Promise<void>;
  saveApprovalPolicy: (profileId: string, policy: ApprovalPolicyInput | null) => Promise<boolean>;
  loadDraftApprovals: () => Promise<void>;
  exportApprovalRequest: (preparerKey: string) => Promise<ApprovalFile | null>;
  importApprovalFile: (json: string) => Promise<void>;
  approveOpenDraft: (approverKey: string) => Promise<void>;
  openApprovalRequest: (json: string) => Promise<void>;
  closeApprovalRequest: () => void;
  signOpenedRequest: (approverKey: string) => Promise<ApprovalFile | null>;
};

export const createApprovalsSlice: SliceCreator<ApprovalsSlice> = (set, get) => {
  /** The open draft and the fingerprint of the review on screen, when there is one. */
  function reviewed(): { draftId: string; fingerprint: string } | null {
    const review = get().draftReview;
    if (review === null || get().draftReviewLoading) return null;
    return { draftId: review.summary.id, fingerprint: review.fingerprint };
  }

  async function busy<T>(work: () => Promise<T>): Promise<T> {
    set({ approvalBusy: true });
    try {
      return await work();
    } finally {
      set({ approvalBusy: false });
    }
  }

  return {
    approverKeys: [],
    approverKeysError: null,
    approvalPolicy: null,
    approvalPolicyProfileId: null,
    approvalPolicyError: null,
    draftApprovals: null,
    draftApprovalsError: null,
    approvalBusy: false,
    openedRequest: null,
    openedRequestError: null,

    loadApproverKeys: async () => {
      const result = await approvalsService.keys();
      if (result.ok) set({ approverKeys: result.value, approverKeysError: null });
      else set({ approverKeysError: result.error });
    },

    createApproverKey: async (name) => {
      const result = await busy(() => approvalsService.createKey(name));
      if (!result.ok) {
        set({ approverKeysError: result.error });
        return false;
      }
      set({ approverKeysError: null });
      await get().loadApproverKeys();
      return true;
    },

    loadApprovalPolicy: async (profileId) => {
      const result = await approvalsService.policy(profileId);
      if (result.ok) {
        set({
          approvalPolicy: result.value,
          approvalPolicyProfileId: profileId,
          approvalPolicyError: null,
        });
      } else {
        set({ approvalPolicyError: result.error, approvalPolicyProfileId: profileId });
      }
    },

    saveApprovalPolicy: async (profileId, policy) => {
      const result = await busy(() => approvalsService.setPolicy({ profileId, policy }));
      if (!result.ok) {
        set({ approvalPolicyError: result.error });
        return false;
      }
      set({
        approvalPolicy: result.value,
        approvalPolicyProfileId: profileId,
        approvalPolicyError: null,
      });
      return true;
    },

    loadDraftApprovals: async () => {
      const draftId = get().openDraftId;
      if (draftId === null) return;
      const result = await approvalsService.status(draftId);
      if (get().openDraftId !== draftId) return;
      if (result.ok) set({ draftApprovals: result.value, draftApprovalsError: null });
      else set({ draftApprovalsError: result.error });
    },

    exportApprovalRequest: async (preparerKey) => {
      const current = reviewed();
      if (current === null) return null;
      const result = await busy(() => approvalsService.exportRequest({ ...current, preparerKey }));
      if (!result.ok) {
        set({ draftApprovalsError: result.error });
        return null;
      }
      set({ draftApprovals: result.value.approvals, draftApprovalsError: null });
      return { fileName: result.value.fileName, json: result.value.json };
    },

    importApprovalFile: async (json) => {
      const result = await busy(() => approvalsService.importApproval(json));
      if (result.ok) set({ draftApprovals: result.value, draftApprovalsError: null });
      else {
        set({ draftApprovalsError: result.error });
        await get().loadDraftApprovals();
      }
    },

    approveOpenDraft: async (approverKey) => {
      const current = reviewed();
      if (current === null) return;
      const result = await busy(() => approvalsService.approve({ ...current, approverKey }));
      if (result.ok) set({ draftApprovals: result.value, draftApprovalsError: null });
      else set({ draftApprovalsError: result.error });
    },

    openApprovalRequest: async (json) => {
      const result = await busy(() => approvalsService.openRequest(json));
      if (result.ok) set({ openedRequest: { view: result.value, json }, openedRequestError: null });
      else set({ openedRequest: null, openedRequestError: result.error });
    },

    closeApprovalRequest: () => {
      set({ openedRequest: null, openedRequestError: null });
    },

    signOpenedRequest: async (approverKey) => {
      const opened = get().openedRequest;
      if (opened === null) return null;
      const result = await busy(() => approvalsService.signRequest(opened.json, approverKey));
      if (!result.ok) {
        set({ openedRequestError: result.error });
        return null;
      }
      set({ openedRequestError: null });
      return result.value;
    },
  };
};
