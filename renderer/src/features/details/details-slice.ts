/**
 * The payout opened from the list: everything the cache holds about it, its recipients
 * (paged, for a mass payout) and cancelling it.
 */
import { isFinalPayoutState } from '../../../../shared/calypso/states';
import type { PayoutDetails, PayoutKind } from '../../../../shared/history';
import type { DeskError, DeskResults } from '../../../../shared/ipc';
import { payoutsService } from '../../services/desk-service';
import type { SliceCreator } from '../../stores/types';

export const WITHDRAWALS_PAGE_SIZE = 25;

export type PayoutRef = { kind: PayoutKind; id: string };

/** One page of a mass payout's recipients, with their address book labels. */
export type WithdrawalsPage = DeskResults['listWithdrawals'];

export type DetailsSlice = {
  detailsRef: PayoutRef | null;
  details: PayoutDetails | null;
  detailsError: DeskError | null;
  withdrawalsPage: WithdrawalsPage | null;
  withdrawalsError: DeskError | null;
  withdrawalsLoading: boolean;
  cancelSubmitting: boolean;
  cancelError: DeskError | null;
  openDetails: (ref: PayoutRef) => void;
  closeDetails: () => void;
  reloadDetails: () => Promise<void>;
  loadWithdrawals: (offset: number) => Promise<void>;
  cancelPayout: (message: string) => Promise<boolean>;
};

function sameRef(a: PayoutRef | null, b: PayoutRef | null): boolean {
  return a !== null && b !== null && a.kind === b.kind && a.id === b.id;
}

export const createDetailsSlice: SliceCreator<DetailsSlice> = (set, get) => {
  async function load(ref: PayoutRef): Promise<void> {
    const profileId = get().activeProfileId;
    if (profileId === null) return;
    const result = await payoutsService.details({ profileId, ...ref });
    if (result.ok) get().notePayoutStates(profileId, [result.value.item]);
    if (!sameRef(get().detailsRef, ref)) return;
    if (result.ok) set({ details: result.value, detailsError: null });
    else set({ detailsError: result.error });
  }

  return {
    detailsRef: null,
    details: null,
    detailsError: null,
    withdrawalsPage: null,
    withdrawalsError: null,
    withdrawalsLoading: false,
    cancelSubmitting: false,
    cancelError: null,

    openDetails: (ref) => {
      if (sameRef(get().detailsRef, ref)) return;
      set({
        detailsRef: ref,
        details: null,
        detailsError: null,
        withdrawalsPage: null,
        withdrawalsError: null,
        cancelError: null,
        cancelSubmitting: false,
      });
      void load(ref);
      if (ref.kind === 'mass') void get().loadWithdrawals(0);
    },

    closeDetails: () => {
      set({ detailsRef: null, details: null, detailsError: null, withdrawalsPage: null });
    },

    reloadDetails: async () => {
      const ref = get().detailsRef;
      if (ref === null) return;
      const reloads = [load(ref)];
      if (ref.kind === 'mass')
        reloads.push(get().loadWithdrawals(get().withdrawalsPage?.offset ?? 0));
      await Promise.all(reloads);
    },

    loadWithdrawals: async (offset) => {
      const ref = get().detailsRef;
      const profileId = get().activeProfileId;
      if (ref?.kind !== 'mass' || profileId === null) return;
      set({ withdrawalsLoading: true });
      const result = await payoutsService.withdrawals({
        profileId,
        dealId: ref.id,
        offset,
        limit: WITHDRAWALS_PAGE_SIZE,
      });
      if (!sameRef(get().detailsRef, ref)) return;
      if (result.ok) {
        set({ withdrawalsPage: result.value, withdrawalsError: null, withdrawalsLoading: false });
      } else {
        set({ withdrawalsError: result.error, withdrawalsLoading: false });
      }
    },

    cancelPayout: async (message) => {
      const ref = get().detailsRef;
      const profileId = get().activeProfileId;
      if (ref === null || profileId === null || get().cancelSubmitting) return false;
      set({ cancelSubmitting: true, cancelError: null });
      const result = await payoutsService.cancel({ profileId, ...ref, message });
      set({ cancelSubmitting: false, cancelError: result.ok ? null : result.error });
      if (!result.ok) return false;
      // Main writes the cancel to its cache itself: no payoutsChanged follows it.
      get().notePayoutStates(profileId, [result.value]);
      await get().reloadDetails();
      void get().refreshHistory();
      return true;
    },
  };
};

export function isSettled(details: PayoutDetails | null): boolean {
  return details !== null && isFinalPayoutState(details.item.state);
}
