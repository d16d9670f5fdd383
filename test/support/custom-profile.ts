/**
 * A custom profile for a running simulator's merchant, added as the accounts page adds one
 * (addProfile checks the connection first). `baseUrl` defaults to the simulator's own.
 */
import type { RunningSimulator } from '../../electron/simulator';
import type { DeskMethod, Profile } from '../../shared/ipc';

type Value = <T>(method: DeskMethod, argument?: unknown) => Promise<T>;

export function addCustomProfile(
  value: Value,
  calypso: RunningSimulator,
  name: string,
  baseUrl: string = calypso.baseUrl,
): Promise<Profile> {
  return value<Profile>('addProfile', {
    name,
    environment: 'custom',
    baseUrl,
    account: calypso.merchant.account,
    key: calypso.merchant.key,
    secret: calypso.merchant.secret,
  });
}
