/** The one bound store of the renderer, composed from the feature slices. */
import { create } from 'zustand';
import { createAddressBookSlice } from '../features/address-book/address-book-slice';
import { createAuditSlice } from './audit-slice';
import { createDetailsSlice } from './details-slice';
import { createDraftSubmissionSlice } from './draft-submission-slice';
import { createDraftsSlice } from './drafts-slice';
import { createHistorySlice } from './history-slice';
import { createImportSlice } from './import-slice';
import { createNavigationSlice } from './navigation-slice';
import { createNewPayoutSlice } from './new-payout-slice';
import { createProfilesSlice } from './profiles-slice';
import { createToastsSlice } from './toasts-slice';
import type { DeskStore } from './types';

export const useDeskStore = create<DeskStore>()((...a) => ({
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
}));
