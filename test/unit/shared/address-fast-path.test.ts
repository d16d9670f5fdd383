/**
 * The address checks work on bytes (shared/address.ts, docs/import.md "Address checks"). These
 * hold them to the reference computations done with the libraries' own string APIs, on
 * thousands of valid addresses and single-character mutations, with noble's SHA-256 and with
 * Node's native one installed through shared/sha256.ts.
 */
import { hash as nodeHash } from 'node:crypto';
import { sha256 as nobleSha256 } from '@noble/hashes/sha2.js';
import { createBase58check } from '@scure/base';
import { afterEach, describe, expect, it } from 'vitest';
import { checkAddress, encodeAddress, toChecksumAddress } from '../../../shared/address';
import type { NetworkId } from '../../../shared/networks';
import { installSha256 } from '../../../shared/sha256';
import { createRandom } from '../../../electron/simulator/random';

/** A seeded mulberry32 stream (the simulator's generator), so runs are reproducible. */
const prng = (seed: number): (() => number) => createRandom(seed).next;

const random = prng(42);
const int = (n: number) => Math.floor(random() * n);
const hash20 = () => Uint8Array.from({ length: 20 }, () => int(256));
const BASE58_ALPHABET = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
const referenceBase58check = createBase58check(nobleSha256);

/** EIP-55 the way it is written down: compare with the checksummed string. */
function referenceEvm(address: string): boolean {
  const body = address.slice(2);
  if (body === body.toLowerCase() || body === body.toUpperCase()) return true;
  return toChecksumAddress(address) === address;
}

function referenceBase58(address: string): 'ok' | 'checksum' | 'other' {
  try {
    referenceBase58check.decode(address);
    return 'ok';
  } catch (error) {
    return error instanceof Error && /checksum/i.test(error.message) ? 'checksum' : 'other';
  }
}

function flipCase(address: string, at: number): string {
  const char = address.charAt(at);
  const flipped = char === char.toLowerCase() ? char.toUpperCase() : char.toLowerCase();
  return address.slice(0, at) + flipped + address.slice(at + 1);
}

function replaceBase58(address: string, at: number): string {
  const old = address.charAt(at);
  let next = old;
  while (next === old) next = BASE58_ALPHABET.charAt(int(BASE58_ALPHABET.length));
  return address.slice(0, at) + next + address.slice(at + 1);
}

function agreeOnEvm(): void {
  for (let round = 0; round < 2000; round += 1) {
    const valid = encodeAddress('ethereum', hash20());
    expect(checkAddress(valid, 'ethereum').ok).toBe(true);
    const mutated = flipCase(valid, 2 + int(40));
    expect(checkAddress(mutated, 'ethereum').ok).toBe(referenceEvm(mutated));
    expect(checkAddress(mutated.toLowerCase(), 'ethereum').ok).toBe(true);
  }
}

function agreeOnBase58(network: NetworkId): void {
  for (let round = 0; round < 1500; round += 1) {
    const valid = encodeAddress(network, hash20());
    expect(checkAddress(valid, network).ok).toBe(true);
    const mutated = replaceBase58(valid, 1 + int(valid.length - 1));
    const result = checkAddress(mutated, network);
    const reference = referenceBase58(mutated);
    if (reference === 'checksum') expect(result).toMatchObject({ code: 'ADDRESS_CHECKSUM' });
    else expect(result.ok ? 'ok' : 'other').toBe(reference === 'ok' ? 'ok' : 'other');
  }
}

describe('address checks on bytes agree with the libraries’ string APIs', () => {
  afterEach(() => {
    installSha256(undefined);
  });

  it('EIP-55: valid, all-lower and case-flipped EVM addresses', agreeOnEvm);

  it('base58check with noble’s SHA-256: Tron and Dogecoin, valid and mutated', () => {
    agreeOnBase58('tron');
    agreeOnBase58('dogecoin');
  });

  it('base58check with Node’s native SHA-256 installed: the same verdicts', () => {
    installSha256((data) => nodeHash('sha256', data, 'buffer'));
    agreeOnBase58('tron');
    agreeOnBase58('dogecoin');
  });
});
