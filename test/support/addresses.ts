/** Valid, checksummed recipient addresses for tests, derived from a number so each is unique. */
import { encodeAddress } from '../../shared/address';
import type { NetworkId } from '../../shared/networks';

export function testAddress(network: NetworkId, n: number): string {
  const hash = new Uint8Array(20);
  new DataView(hash.buffer).setUint32(16, n);
  hash[0] = 0xa5;
  return encodeAddress(network, hash);
}
