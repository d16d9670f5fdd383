/**
 * shared/keccak256.ts: EIP-55 checks hash through noble's reused hasher until hash-wasm's
 * WebAssembly Keccak is installed (docs/import.md "Address checks"). A hasher that differed
 * from Keccak-256 anywhere, or kept state between calls, would change a checksum verdict: so
 * both must equal a fresh one-shot noble hash on every length around the sponge's 136-byte
 * block, and every address verdict must be the same whichever runs.
 */
import { keccak_256 } from '@noble/hashes/sha3.js';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { checkAddress, toChecksumAddress } from '../../../shared/address';
import {
  installWasmKeccak256,
  keccak256Into,
  uninstallWasmKeccak256,
} from '../../../shared/keccak256';
import { createRandom } from '../../../electron/simulator/random';

const random = createRandom(17).next;
const bytesOf = (length: number) => Uint8Array.from({ length }, () => Math.floor(random() * 256));
const hexOf = (bytes: Uint8Array) =>
  Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');

function digestOf(data: Uint8Array): Uint8Array {
  const out = new Uint8Array(32);
  keccak256Into(data, out);
  return out;
}

/** Addresses an import meets: checksummed, lower case, and one letter's case flipped. */
function evmAddresses(count: number): string[] {
  const addresses: string[] = [];
  for (let index = 0; index < count; index += 1) {
    const good = toChecksumAddress(`0x${hexOf(bytesOf(20))}`);
    addresses.push(good, good.toLowerCase());
    const letter = good.slice(2).search(/[a-fA-F]/);
    if (letter >= 0) {
      const at = letter + 2;
      const flipped =
        good[at] === good[at]?.toUpperCase() ? good[at]?.toLowerCase() : good[at]?.toUpperCase();
      addresses.push(`${good.slice(0, at)}${flipped ?? ''}${good.slice(at + 1)}`);
    }
  }
  return addresses;
}

describe('the Keccak-256 seam', () => {
  afterEach(() => {
    uninstallWasmKeccak256();
    vi.unstubAllGlobals();
  });

  it('equals a fresh noble hash on every length around the block edge, before and after the install', async () => {
    // 0-300 bytes crosses one and two 136-byte blocks and the padding's one-byte case (135).
    const inputs = Array.from({ length: 301 }, (_, length) => bytesOf(length));
    for (const data of inputs) expect(digestOf(data)).toEqual(keccak_256(data));
    expect(await installWasmKeccak256()).toBe('webassembly');
    for (const data of inputs) expect(digestOf(data)).toEqual(keccak_256(data));
    // Call after call on the same hasher: nothing of one call is left in the next.
    for (let round = 0; round < 500; round += 1) {
      const data = bytesOf(40);
      expect(digestOf(data)).toEqual(keccak_256(data));
    }
  });

  it('gives every address the same verdict whichever hash runs', async () => {
    const addresses = evmAddresses(700);
    const withNoble = addresses.map((address) => checkAddress(address, 'ethereum'));
    const checksummedWithNoble = addresses.map((address) => toChecksumAddress(address));
    expect(withNoble.some((verdict) => !verdict.ok)).toBe(true);
    expect(await installWasmKeccak256()).toBe('webassembly');
    expect(addresses.map((address) => checkAddress(address, 'ethereum'))).toEqual(withNoble);
    expect(addresses.map((address) => toChecksumAddress(address))).toEqual(checksummedWithNoble);
  });

  it("keeps noble's, and says so, where WebAssembly cannot run", async () => {
    vi.stubGlobal('WebAssembly', undefined);
    expect(await installWasmKeccak256()).toBe('noble');
    const data = bytesOf(40);
    expect(digestOf(data)).toEqual(keccak_256(data));
  });

  it('answers a second install with the first one', async () => {
    const first = installWasmKeccak256();
    expect(installWasmKeccak256()).toBe(first);
    expect(await first).toBe('webassembly');
  });
});
