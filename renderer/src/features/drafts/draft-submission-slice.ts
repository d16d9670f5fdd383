/**
 * Review, submission and tracking of the open draft. Submit sends the draft id and the
 * fingerprint of the review on screen: main fixes the batches and their request ids in one
 * transaction, only if the plan still hashes to that fingerprint, and delivers them through
 * the outbox, so a double click, a retry after an error, or a second window all end in the
 * same mass payouts, and an edit made after the review is never signed unseen. Progress comes from main's draftProgress events; batch states
 * from the cache that sync keeps current.
 */
import type { DraftBatch } from '../../../../shared/drafts';
import type {
  DeskError,
  DeskEvents,
  DeskResult,
  DeskResults,
  DraftReview,
} from '../../../../shared/ipc';
import { draftsService, payoutsService } from '../../services/desk-service';
import { WITHDRAWALS_PAGE_SIZE, type WithdrawalsPage } from '../details/details-slice';
import { exportNotice } from '../../stores/notices-slice';
import { draftObject } from '../../stores/scope';
import type { SliceCreator } from '../../stores/types';

export type DraftStep = 'edit' | 'review';

/** Main's refusal of a Submit whose review is out of date (mass-drafts.ts DRAFT_CHANGED). */
export function isDraftChangedError(error: DeskError | null): boolean {
  const details = error?.details;
  return (
    typeof details === 'object' &&
    details !== null &&
    (details as { reason?: unknown }).reason === 'DRAFT_CHANGED'
  );
}

export type BatchRecipients = {
  batchNo: number;
  payoutId: string;
  page: WithdrawalsPage | null;
  error: DeskError | null;
  loading: boolean;
};

export type DraftSubmissionSlice = {
  draftStep: DraftStep;
  /** The batch plan, totals and balances main computed for the draft as saved. */
  draftReview: DraftReview | null;
  draftReviewError: DeskError | null;
  draftReviewLoading: boolean;
  /** The submitted batches and how far each got; null before Submit. */
  draftBatches: DraftBatch[] | null;
  draftBatchesError: DeskError | null;
  draftSubmitting: boolean;
  draftSubmitError: DeskError | null;
  batchRecipients: BatchRecipients | null;
  /** batchNo of the batch being cancelled. */
  batchCancelling: number | null;
  batchCancelError: DeskError | null;
  draftRetrying: boolean;
  draftExporting: boolean;
  resetDraftSubmission: () => void;
  loadDraftReview: () => Promise<void>;
  startDraftReview: () => Promise<void>;
  backToDraftEdit: () => void;
  /** After "the draft changed since you reviewed it": a fresh review, the refusal cleared. */
  reviewDraftAgain: () => Promise<void>;
  submitDraft: () => Promise<void>;
  applyDraftProgress: (event: DeskEvents['draftProgress']) => void;
  refreshDraftBatches: () => Promise<void>;
  /** After payouts changed: the open draft's batch states and the recipients on screen. */
  refreshDraftTracking: () => Promise<void>;
  openBatchRecipients: (batchNo: number | null) => void;
  loadBatchRecipients: (offset: number) => Promise<void>;
  cancelBatch: (batchNo: number, message: string) => Promise<boolean>;
  retryFailedRows: () => Promise<void>;
  exportReconciliation: (
    format: 'csv' | 'xlsx',
  ) => Promise<DeskResult<DeskResults['exportReconciliation']> | null>;
};

const RESET: Pick<
  DraftSubmissionSlice,
  | 'draftStep'
  | 'draftReview'
  | 'draftReviewError'
  | 'draftReviewLoading'
  | 'draftBatches'
  | 'draftBatchesError'
  | 'draftSubmitting'
  | 'draftSubmitError'
  | 'batchRecipients'
  | 'batchCancelling'
  | 'batchCancelError'
  | 'draftRetrying'
  | 'draftExporting'
> = {
  draftStep: 'edit',
  draftReview: null,
  draftReviewError: null,
  draftReviewLoading: false,
  draftBatches: null,
  draftBatchesError: null,
  draftSubmitting: false,
  draftSubmitError: null,
  batchRecipients: null,
  batchCancelling: null,
  batchCancelError: null,
  draftRetrying: false,
  draftExporting: false,
};

/** A batch some of whose recipients were not paid: its failed rows can be retried. */
export function hasFailedRecipients(batches: readonly DraftBatch[] | null): boolean {
  return (batches ?? []).some(
    (batch) => batch.payoutState === 'PARTIAL' || batch.payoutState === 'FAILED',
  );
}

export const createDraftSubmissionSlice: SliceCreator<DraftSubmissionSlice> = (set, get) => {
  let reviewSeq = 0;

  function profileOfDraft(): string | null {
    return get().draft?.profileId ?? get().activeProfileId;
  }

  /** The fingerprint of the review shown for this draft, if one is shown and current. */
  function fingerprintOnScreen(draftId: string): string | null {
    const review = get().draftReview;
    if (review === null || review.summary.id !== draftId || get().draftReviewLoading) return null;
    return review.fingerprint;
  }

  return {
    ...RESET,

    resetDraftSubmission: () => {
      reviewSeq += 1;
      set(RESET);
    },

    loadDraftReview: async () => {
      const draftId = get().openDraftId;
      if (draftId === null) return;
      reviewSeq += 1;
      const seq = reviewSeq;
      set({ draftReviewLoading: true });
      await get().settleDraftEdits();
      const result = await draftsService.review(draftId);
      if (seq !== reviewSeq || get().openDraftId !== draftId) return;
      if (result.ok) {
        set({ draftReview: result.value, draftReviewError: null, draftReviewLoading: false });
      } else {
        set({ draftReviewError: result.error, draftReviewLoading: false });
      }
    },

    startDraftReview: async () => {
      set({ draftStep: 'review', draftSubmitError: null });
      await get().loadDraftReview();
    },

    backToDraftEdit: () => {
      if (get().draftSubmitting) return;
      set({ draftStep: 'edit', draftSubmitError: null });
    },

    reviewDraftAgain: async () => {
      if (get().draftSubmitting) return;
      set({ draftSubmitError: null, draftReview: null });
      await get().loadDraftReview();
    },

    submitDraft: async () => {
      const draftId = get().openDraftId;
      if (draftId === null || get().draftSubmitting) return;
      set({ draftSubmitting: true, draftSubmitError: null });
      // An edit still on its way is saved first: if it changes the plan, main refuses the
      // fingerprint below and the person reviews again, as they should.
      await get().settleDraftEdits();
      let fingerprint = fingerprintOnScreen(draftId);
      if (fingerprint === null && get().draft?.state !== 'editing') {
        // "Send them now" on a draft already submitting: its review is the plan it fixed.
        const review = await draftsService.review(draftId);
        if (review.ok) fingerprint = review.value.fingerprint;
      }
      if (fingerprint === null) {
        set({ draftSubmitting: false });
        await get().startDraftReview();
        return;
      }
      const result = await draftsService.submit(draftId, fingerprint);
      if (get().openDraftId !== draftId) return;
      if (result.ok) {
        set({ draftBatches: result.value, draftBatchesError: null });
        const profileId = profileOfDraft() ?? undefined;
        for (const batch of result.value) {
          if (batch.payoutId !== null) {
            get().trackPayout({ kind: 'mass', id: batch.payoutId }, profileId);
          }
        }
      } else {
        set({ draftSubmitError: result.error });
      }
      await get().reloadDraft();
      set({ draftSubmitting: false });
      void get().refreshHistory();
    },

    applyDraftProgress: (event) => {
      if (event.draftId !== get().openDraftId) return;
      set({ draftBatches: event.batches });
    },

    refreshDraftBatches: async () => {
      const draftId = get().openDraftId;
      if (draftId === null) return;
      const result = await draftsService.batches(draftId);
      if (get().openDraftId !== draftId) return;
      if (result.ok) set({ draftBatches: result.value, draftBatchesError: null });
      else set({ draftBatchesError: result.error });
    },

    refreshDraftTracking: async () => {
      const draft = get().draft;
      if (draft === null || draft.state === 'editing') return;
      const work = [get().refreshDraftBatches(), get().reloadDraft()];
      const recipients = get().batchRecipients;
      if (recipients !== null) work.push(get().loadBatchRecipients(recipients.page?.offset ?? 0));
      await Promise.all(work);
    },

    openBatchRecipients: (batchNo) => {
      const batch = get().draftBatches?.find((entry) => entry.batchNo === batchNo);
      if (batchNo === null || !batch || batch.payoutId === null) {
        set({ batchRecipients: null });
        return;
      }
      set({
        batchRecipients: {
          batchNo,
          payoutId: batch.payoutId,
          page: null,
          error: null,
          loading: false,
        },
      });
      void get().loadBatchRecipients(0);
    },

    loadBatchRecipients: async (offset) => {
      const current = get().batchRecipients;
      const profileId = profileOfDraft();
      if (current === null || profileId === null) return;
      set({ batchRecipients: { ...current, loading: true } });
      const result = await payoutsService.withdrawals({
        profileId,
        dealId: current.payoutId,
        offset,
        limit: WITHDRAWALS_PAGE_SIZE,
      });
      const latest = get().batchRecipients;
      if (latest?.payoutId !== current.payoutId) return;
      set({
        batchRecipients: result.ok
          ? { ...latest, page: result.value, error: null, loading: false }
          : { ...latest, error: result.error, loading: false },
      });
    },

    cancelBatch: async (batchNo, message) => {
      const batch = get().draftBatches?.find((entry) => entry.batchNo === batchNo);
      const profileId = profileOfDraft();
      if (!batch || batch.payoutId === null || profileId === null || get().batchCancelling) {
        return false;
      }
      set({ batchCancelling: batchNo, batchCancelError: null });
      const result = await payoutsService.cancel({
        profileId,
        kind: 'mass',
        id: batch.payoutId,
        message,
      });
      set({ batchCancelling: null, batchCancelError: result.ok ? null : result.error });
      if (!result.ok) return false;
      get().notePayoutStates(profileId, [result.value]);
      await get().refreshDraftTracking();
      void get().refreshHistory();
      return true;
    },

    retryFailedRows: async () => {
      const draftId = get().openDraftId;
      if (draftId === null || get().draftRetrying) return;
      set({ draftRetrying: true, draftActionError: null });
      const result = await draftsService.retryFailedRows(draftId);
      set({ draftRetrying: false });
      if (get().openDraftId !== draftId) return;
      if (!result.ok) {
        set({ draftActionError: result.error });
        return;
      }
      get().showCreatedDraft(result.value);
    },

    exportReconciliation: async (format) => {
      const draftId = get().openDraftId;
      const profileId = profileOfDraft();
      if (draftId === null || profileId === null || get().draftExporting) return null;
      get().setNotice(profileId, draftObject(draftId), 'export', null);
      set({ draftExporting: true });
      try {
        const result = await draftsService.exportReconciliation(draftId, format);
        get().setNotice(profileId, draftObject(draftId), 'export', exportNotice(result));
        return result;
      } finally {
        set({ draftExporting: false });
      }
    },
  };
};
