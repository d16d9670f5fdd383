/**
 * One key per recipient address, for duplicates: invisible characters and spaces removed,
 * and case folded where the address format ignores case (0x hex, bech32), never for base58
 * (Tron, Bitcoin legacy, Dogecoin), where case changes the address.
 */
import { cleanAddress } from './invisible';

const CASE_INSENSITIVE = /^(?:0x|bc1)/i;

export function addressKey(address: string): string {
  const cleaned = cleanAddress(address).address;
  return CASE_INSENSITIVE.test(cleaned) ? cleaned.toLowerCase() : cleaned;
}
