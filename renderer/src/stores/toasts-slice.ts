/**
 * In-app toasts, and the payouts this window watches: those it created (or whose creation
 * it is resolving), plus any payout created since the window opened. When one of them
 * reaches a final state, a toast says so in words.
 */
import { isFinalPayoutState } from '../../../shared/calypso/states';
import type { PayoutState } from '../../../shared/calypso/types';
import type { PayoutKind } from '../../../shared/history';
import type { DeskEvents } from '../../../shared/ipc';
import { shortId } from '../lib/format';
import { payoutStateMeaning, type StateTone } from '../lib/state-meaning';
import { historyService, payoutsService } from '../services/desk-service';
import type { PayoutRef } from '../features/details/details-slice';
import type { SliceCreator } from './types';
import { currencyName } from '../../../shared/currency-names';
import { formatAmount } from '../lib/amount-format';

/** At most this many unknown payouts are looked up per event (a first sync moves many). */
const LOOKUPS_PER_EVENT = 10;
const TOAST_LIFETIME_MS = 20_000;
/** Kept for the "and N more" line; the stack itself shows VISIBLE_TOASTS (Toasts.tsx). */
const KEPT_TOASTS = 50;

export type Toast = {
  id: number;
  tone: StateTone | 'info';
  title: string;
  body: string;
  target: { profileId: string; kind: PayoutKind; id: string } | null;
};

export type ToastsSlice = {
  toasts: Toast[];
  sessionStartMs: number;
  /** `profileId:kind:id` of payouts sent from this window. */
  trackedPayouts: Record<string, true>;
  /** requestIds whose payout is not known yet (outcome was "pending"). */
  pendingRequests: { profileId: string; requestId: string }[];
  pushToast: (toast: Omit<Toast, 'id'>) => void;
  dismissToast: (id: number) => void;
  dismissAllToasts: () => void;
  /** `profileId`: the profile it was sent from (the active one when not given). */
  trackPayout: (ref: PayoutRef, profileId?: string) => void;
  trackPendingRequest: (requestId: string, profileId?: string) => void;
  handlePayoutsChanged: (event: DeskEvents['payoutsChanged']) => Promise<void>;
};

function keyOf(profileId: string, kind: PayoutKind, id: string): string {
  return `${profileId}:${kind}:${id}`;
}

export const createToastsSlice: SliceCreator<ToastsSlice> = (set, get) => {
  let nextId = 1;
  const announced = new Set<string>();

  function announce(
    profileId: string,
    kind: PayoutKind,
    id: string,
    state: PayoutState,
    summary: string | null,
  ): void {
    const key = `${keyOf(profileId, kind, id)}:${state}`;
    if (announced.has(key)) return;
    announced.add(key);
    const meaning = payoutStateMeaning(state);
    get().pushToast({
      tone: meaning.tone,
      title: `${kind === 'mass' ? 'Mass payout' : 'Payout'} ${shortId(id)}: ${meaning.label}`,
      body: summary ?? meaning.description,
      target: { profileId, kind, id },
    });
  }

  async function resolvePending(profileId: string): Promise<void> {
    for (const pending of get().pendingRequests) {
      if (pending.profileId !== profileId) continue;
      const result = await historyService.query({
        profileId,
        search: pending.requestId,
        limit: 5,
      });
      if (!result.ok) continue;
      const item = result.value.items.find((entry) => entry.idempotencyKey === pending.requestId);
      if (!item) continue;
      set((state) => ({
        pendingRequests: state.pendingRequests.filter(
          (entry) => entry.requestId !== pending.requestId,
        ),
        trackedPayouts: { ...state.trackedPayouts, [keyOf(profileId, item.kind, item.id)]: true },
      }));
      if (isFinalPayoutState(item.state)) {
        announce(
          profileId,
          item.kind,
          item.id,
          item.state,
          `${formatAmount(item.amount)} ${currencyName(item.currency)}`,
        );
      }
    }
  }

  return {
    toasts: [],
    sessionStartMs: Date.now(),
    trackedPayouts: {},
    pendingRequests: [],

    pushToast: (toast) => {
      const id = nextId;
      nextId += 1;
      set((state) => ({ toasts: [...state.toasts.slice(1 - KEPT_TOASTS), { ...toast, id }] }));
      setTimeout(() => {
        get().dismissToast(id);
      }, TOAST_LIFETIME_MS);
    },

    dismissToast: (id) => {
      set((state) => ({ toasts: state.toasts.filter((toast) => toast.id !== id) }));
    },

    dismissAllToasts: () => {
      set({ toasts: [] });
    },

    trackPayout: (ref, of) => {
      const profileId = of ?? get().activeProfileId;
      if (profileId === null) return;
      set((state) => ({
        trackedPayouts: { ...state.trackedPayouts, [keyOf(profileId, ref.kind, ref.id)]: true },
      }));
    },

    trackPendingRequest: (requestId, of) => {
      const profileId = of ?? get().activeProfileId;
      if (
        profileId === null ||
        get().pendingRequests.some((entry) => entry.requestId === requestId)
      ) {
        return;
      }
      set((state) => ({ pendingRequests: [...state.pendingRequests, { profileId, requestId }] }));
    },

    handlePayoutsChanged: async (event) => {
      const { profileId } = event;
      if (get().pendingRequests.some((entry) => entry.profileId === profileId)) {
        await resolvePending(profileId);
      }
      let lookups = 0;
      for (const change of event.changes) {
        const state = change.state as PayoutState;
        if (!isFinalPayoutState(state)) continue;
        const tracked = keyOf(profileId, change.kind, change.id) in get().trackedPayouts;
        if (!tracked && lookups >= LOOKUPS_PER_EVENT) continue;
        lookups += 1;
        const details = await payoutsService.details({
          profileId,
          kind: change.kind,
          id: change.id,
        });
        const item = details.ok ? details.value.item : null;
        const createdThisSession = item !== null && item.dateMs >= get().sessionStartMs;
        if (!tracked && !createdThisSession) continue;
        announce(
          profileId,
          change.kind,
          change.id,
          state,
          item === null ? null : `${formatAmount(item.amount)} ${currencyName(item.currency)}`,
        );
      }
    },
  };
};
