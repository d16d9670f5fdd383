/**
 * Address poisoning: an attacker sends a tiny amount from an address whose first and last
 * characters match one the victim pays often, hoping the victim copies it from the history.
 * People compare the ends of an address, so the ends are what is matched here.
 */
import { addressKey } from '../import/address-key';
import { NETWORKS, type NetworkId } from '../networks';

/** Characters compared at each end, after the prefix every address of the format shares. */
export const LOOKALIKE_END_LENGTH = 4;

/** The part every address of the format starts with, which says nothing about the owner. */
function prefixLength(key: string, network: NetworkId): number {
  switch (NETWORKS[network].addressKind) {
    case 'evm':
      return key.startsWith('0x') ? 2 : 0;
    case 'bitcoin':
      // bc1 for segwit; 1 or 3 (the version) for legacy.
      return key.startsWith('bc1') ? 3 : 1;
    case 'tron':
    case 'dogecoin':
      return 1;
  }
}

/**
 * First and last characters after the prefix, case folded where the format ignores case
 * (the same folding as duplicates use). Two different addresses with one key look alike.
 */
export function lookalikeKey(address: string, network: NetworkId): string | null {
  const key = addressKey(address);
  const body = key.slice(prefixLength(key, network));
  if (body.length < LOOKALIKE_END_LENGTH * 2) return null;
  return `${body.slice(0, LOOKALIKE_END_LENGTH)}…${body.slice(-LOOKALIKE_END_LENGTH)}`;
}
