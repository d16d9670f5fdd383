/** The bound store's full shape: the union of every feature slice. */
import type { StateCreator } from 'zustand';
import type { AddressBookSlice } from '../features/address-book/address-book-slice';
import type { ApprovalsSlice } from '../features/approvals/approvals-slice';
import type { AuditSlice } from '../features/audit/audit-slice';
import type { DetailsSlice } from '../features/details/details-slice';
import type { DraftSubmissionSlice } from '../features/drafts/draft-submission-slice';
import type { DraftsSlice } from '../features/drafts/drafts-slice';
import type { HistorySlice } from '../features/history/history-slice';
import type { ImportSlice } from '../features/import/import-slice';
import type { NewPayoutSlice } from '../features/new-payout/new-payout-slice';
import type { ProfilesSlice } from '../features/accounts/profiles-slice';
import type { RunDiffSlice } from '../features/run-diff/run-diff-slice';
import type { NavigationSlice } from './navigation-slice';
import type { NoticesSlice } from './notices-slice';
import type { PayoutStatesSlice } from './payout-states-slice';
import type { ToastsSlice } from './toasts-slice';

export type DeskStore = NavigationSlice &
  ProfilesSlice &
  HistorySlice &
  DetailsSlice &
  NewPayoutSlice &
  ImportSlice &
  DraftsSlice &
  DraftSubmissionSlice &
  ToastsSlice &
  AuditSlice &
  AddressBookSlice &
  RunDiffSlice &
  ApprovalsSlice &
  NoticesSlice &
  PayoutStatesSlice;

export type SliceCreator<T> = StateCreator<DeskStore, [], [], T>;
