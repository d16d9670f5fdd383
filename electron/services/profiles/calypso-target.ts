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

/**
 * A server's address as one spelling: scheme and host in lower case, no default port, no
 * trailing slash. `HTTP://Calypso.example:443/` and `https://calypso.example` are one server,
 * and a profile or intent stored under either must match the other. Anything that is not an
 * http(s) URL (the built-in simulator's symbol) is left as it is.
 */
export function canonicalBaseUrl(baseUrl: string): string {
  if (!URL.canParse(baseUrl)) return baseUrl;
  const url = new URL(baseUrl);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return baseUrl;
  return `${url.protocol}//${url.host}${url.pathname.replace(/\/+$/, '')}${url.search}`;
}

/**
 * Two targets are one Calypso account: one balance, one history of payments. Compared by
 * canonical server address, so profiles and intents stored before base URLs were stored
 * canonical still match.
 */
export function sameTarget(a: IntentTarget, b: IntentTarget): boolean {
  return a.account === b.account && canonicalBaseUrl(a.baseUrl) === canonicalBaseUrl(b.baseUrl);
}

/** The profiles of `all` on the same Calypso account as `profile`, itself included. */
export function profilesOfSameAccount(
  profile: StoredProfile,
  all: readonly StoredProfile[],
): StoredProfile[] {
  const target = targetOf(profile);
  return all.filter((other) => sameTarget(targetOf(other), target));
}
