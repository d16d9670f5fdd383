/**
 * One Calypso server spelt several ways is one target (calypso-target.ts): profiles and the
 * outbox's intents stored under an older spelling must still match a new one, or the checks
 * against paying twice (PAYOUT_NOT_SETTLED, the account's repeats) miss each other.
 */
import { describe, expect, it } from 'vitest';
import { BUILT_IN_SIMULATOR_TARGET } from '../../../electron/services/db';
import { canonicalBaseUrl, sameTarget } from '../../../electron/services/profiles/calypso-target';

describe('canonicalBaseUrl', () => {
  it('writes scheme and host in lower case, without the default port or a trailing slash', () => {
    expect(canonicalBaseUrl('HTTPS://Calypso.Example:443/')).toBe('https://calypso.example');
    expect(canonicalBaseUrl('http://127.0.0.1:80//')).toBe('http://127.0.0.1');
    expect(canonicalBaseUrl('http://127.0.0.1:8787/')).toBe('http://127.0.0.1:8787');
  });

  it('keeps a path as it is: paths are case-sensitive', () => {
    expect(canonicalBaseUrl('https://Gateway.example/Calypso/v1/')).toBe(
      'https://gateway.example/Calypso/v1',
    );
  });

  it('leaves the built-in simulator symbol alone', () => {
    expect(canonicalBaseUrl(BUILT_IN_SIMULATOR_TARGET)).toBe(BUILT_IN_SIMULATOR_TARGET);
  });
});

describe('sameTarget', () => {
  const account = '0xd1fd95300d6fbd8578eddb41dfa174d08288c603';

  it('matches an intent or profile stored under an older spelling of the same server', () => {
    expect(
      sameTarget(
        { baseUrl: 'HTTP://127.0.0.1:8787', account },
        { baseUrl: 'http://127.0.0.1:8787/', account },
      ),
    ).toBe(true);
  });

  it('tells another server, port, path or account apart', () => {
    const base = { baseUrl: 'https://calypso.example', account };
    expect(sameTarget(base, { ...base, baseUrl: 'https://calypso.example:8443' })).toBe(false);
    expect(sameTarget(base, { ...base, baseUrl: 'https://other.example' })).toBe(false);
    expect(sameTarget(base, { ...base, baseUrl: 'https://calypso.example/v2' })).toBe(false);
    expect(sameTarget(base, { ...base, account: `${account}0` })).toBe(false);
    expect(sameTarget(base, { ...base, baseUrl: BUILT_IN_SIMULATOR_TARGET })).toBe(false);
  });
});
