/**
 * What the store keeps about one thing of one profile is filed under that profile and that
 * thing: a result card, a message or an error is shown only on the screen of what it is
 * about, never on another draft's or another profile's (docs/renderer-state.md). An object
 * name says what kind of thing it is and which one.
 */
import type { PayoutKind } from '../../../shared/history';

/** The active profile's history list (its filters may change; the list is one thing). */
export const HISTORY_OBJECT = 'history';

export function draftObject(draftId: string): string {
  return `draft:${draftId}`;
}

export function payoutObject(kind: PayoutKind, id: string): string {
  return `payout:${kind}:${id}`;
}

/** The store key of `object` of `profileId`; profile ids and object names hold no NUL. */
export function scopeKey(profileId: string, object: string): string {
  return `${profileId}\u0000${object}`;
}

/** Whether a key made by scopeKey belongs to `profileId`. */
export function isOfProfile(key: string, profileId: string): boolean {
  return key.startsWith(`${profileId}\u0000`);
}
