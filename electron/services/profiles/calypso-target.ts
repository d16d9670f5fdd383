/**
 * Which Calypso account a profile pays from (docs/intents.md, "Targets"): two profiles with
 * the same server and account are one balance and one history of payments, whatever their
 * names or keys.
 */
import { BUILT_IN_SIMULATOR_TARGET, type IntentTarget, type StoredProfile } from '../db';

/** The target outbox.insertPending stores for this profile. */
export function targetOf(profile: StoredProfile): IntentTarget {
  const baseUrl = profile.environment === 'simulator' ? BUILT_IN_SIMULATOR_TARGET : profile.baseUrl;
  return { baseUrl, account: profile.account };
}

/** Two targets are one Calypso account: one balance, one history of payments. */
export function sameTarget(a: IntentTarget, b: IntentTarget): boolean {
  return a.baseUrl === b.baseUrl && a.account === b.account;
}

/** The profiles of `all` on the same Calypso account as `profile`, itself included. */
export function profilesOfSameAccount(
  profile: StoredProfile,
  all: readonly StoredProfile[],
): StoredProfile[] {
  const target = targetOf(profile);
  return all.filter((other) => sameTarget(targetOf(other), target));
}
