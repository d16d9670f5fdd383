/**
 * The one bound store of the renderer, composed from the feature slices (each in its
 * feature folder under features/) and the app-wide ones kept here (navigation, toasts,
 * notices, payout states). createDeskStore makes a fresh one (the store's tests use it).
 */
import { create, type StoreApi, type UseBoundStore } from 'zustand';
import { createAddressBookSlice } from '../features/address-book/address-book-slice';
import { createApprovalsSlice } from '../features/approvals/approvals-slice';
import { createAuditSlice } from '../features/audit/audit-slice';
import { createDetailsSlice } from '../features/details/details-slice';
import { createDraftSubmissionSlice } from '../features/drafts/draft-submission-slice';
import { createDraftsSlice } from '../features/drafts/drafts-slice';
import { createHistorySlice } from '../features/history/history-slice';
import { createImportSlice } from '../features/import/import-slice';
import { createNewPayoutSlice } from '../features/new-payout/new-payout-slice';
import { createProfilesSlice } from '../features/accounts/profiles-slice';
import { createRunDiffSlice } from '../features/run-diff/run-diff-slice';
import { createNavigationSlice } from './navigation-slice';
import { createNoticesSlice } from './notices-slice';
import { createPayoutStatesSlice } from './payout-states-slice';
import { createToastsSlice } from './toasts-slice';
import type { DeskStore } from './types';

export type DeskStoreApi = UseBoundStore<StoreApi<DeskStore>>;

export const createDeskStore = (): DeskStoreApi =>
  create<DeskStore>()((...a) => ({
    ...createNavigationSlice(...a),
    ...createProfilesSlice(...a),
    ...createHistorySlice(...a),
    ...createDetailsSlice(...a),
    ...createNewPayoutSlice(...a),
    ...createImportSlice(...a),
    ...createDraftsSlice(...a),
    ...createDraftSubmissionSlice(...a),
    ...createToastsSlice(...a),
    ...createAuditSlice(...a),
    ...createAddressBookSlice(...a),
    ...createRunDiffSlice(...a),
    ...createApprovalsSlice(...a),
    ...createNoticesSlice(...a),
    ...createPayoutStatesSlice(...a),
  }));

export const useDeskStore = createDeskStore();
