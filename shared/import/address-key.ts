/**
 * One key per recipient address, for duplicates: invisible characters and spaces removed,
 * and case folded where the address format ignores case (0x hex, bech32), never for base58
 * (Tron, Bitcoin legacy, Dogecoin), where case changes the address.
 */
import { cleanAddress } from './invisible';

/**
 * `^(?:0x|bc1)` ignoring case, told by character codes: an import asks it of every row
 * twice (duplicates, the template's examples). `| 0x20` folds ASCII case only, as a
 * RegExp's `i` flag without `u` does for these letters.
 */
function ignoresCase(address: string): boolean {
  const first = address.charCodeAt(0);
  if (first === 0x30) return (address.charCodeAt(1) | 0x20) === 0x78;
  return (
    (first | 0x20) === 0x62 &&
    (address.charCodeAt(1) | 0x20) === 0x63 &&
    address.charCodeAt(2) === 0x31
  );
}

/**
 * The key of an address already cleaned (cleanAddress, as every checked row's address is):
 * the importer's rows skip cleaning each address again.
 */
export function keyOfCleanAddress(cleaned: string): string {
  return ignoresCase(cleaned) ? cleaned.toLowerCase() : cleaned;
}

export function addressKey(address: string): string {
  return keyOfCleanAddress(cleanAddress(address).address);
}
