/**
 * The latest state the window has heard of each payout, by profile and payout
 * (stores/scope.ts): from main's payoutsChanged events, from a details read and from a
 * cancel's answer. A card made earlier (the New payout result) shows its payout's state from
 * here, so it says "Cancelled" once it is, instead of what it said when it was made.
 */
import { isFinalPayoutState } from '../../../shared/calypso/states';
import type { PayoutState } from '../../../shared/calypso/types';
import type { PayoutKind } from '../../../shared/history';
import type { DeskEvents } from '../../../shared/ipc';
import { payoutObject, scopeKey } from './scope';
import type { SliceCreator } from './types';

export type PayoutStateNote = { kind: PayoutKind; id: string; state: PayoutState };

export type PayoutStatesSlice = {
  /** By scopeKey(profileId, payoutObject(kind, id)). */
  payoutStates: Record<string, PayoutState>;
  notePayoutStates: (profileId: string, notes: readonly PayoutStateNote[]) => void;
  applyPayoutChanges: (event: DeskEvents['payoutsChanged']) => void;
};

export function payoutStateKey(profileId: string, kind: PayoutKind, id: string): string {
  return scopeKey(profileId, payoutObject(kind, id));
}

export const createPayoutStatesSlice: SliceCreator<PayoutStatesSlice> = (set, get) => ({
  payoutStates: {},

  notePayoutStates: (profileId, notes) => {
    if (notes.length === 0) return;
    set((state) => {
      const next = { ...state.payoutStates };
      for (const note of notes) {
        const key = payoutStateKey(profileId, note.kind, note.id);
        const known = next[key];
        // A final state is never followed by another: an answer read earlier that arrives
        // later (a details read racing an event) cannot undo it.
        if (known !== undefined && isFinalPayoutState(known) && known !== note.state) continue;
        next[key] = note.state;
      }
      return { payoutStates: next };
    });
  },

  applyPayoutChanges: (event) => {
    get().notePayoutStates(
      event.profileId,
      event.changes.map((change) => ({
        kind: change.kind,
        id: change.id,
        state: change.state as PayoutState,
      })),
    );
  },
});
