/** The bound store's full shape: the union of every feature slice. */
import type { StateCreator } from 'zustand';
import type { AddressBookSlice } from '../features/address-book/address-book-slice';
import type { AuditSlice } from './audit-slice';
import type { DetailsSlice } from './details-slice';
import type { DraftSubmissionSlice } from './draft-submission-slice';
import type { DraftsSlice } from './drafts-slice';
import type { HistorySlice } from './history-slice';
import type { ImportSlice } from './import-slice';
import type { NavigationSlice } from './navigation-slice';
import type { NewPayoutSlice } from './new-payout-slice';
import type { ProfilesSlice } from './profiles-slice';
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
  AddressBookSlice;

export type SliceCreator<T> = StateCreator<DeskStore, [], [], T>;
