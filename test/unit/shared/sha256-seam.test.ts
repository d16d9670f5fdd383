/**
 * shared/sha256.ts reuses one noble hasher for every call (reset from a pristine one with
 * `_cloneInto`, docs/import.md "Address checks"). A reset that left any state behind would
 * change a checksum verdict, so every call must equal a fresh one-shot hash, whatever came
 * before it, and each digest must be the caller's own bytes.
 */
import { hash as nodeHash } from 'node:crypto';
import { sha256 as nobleSha256 } from '@noble/hashes/sha2.js';
import { afterEach, describe, expect, it } from 'vitest';
import { installSha256, sha256 } from '../../../shared/sha256';
import { createRandom } from '../../../electron/simulator/random';

const random = createRandom(9).next;
const bytesOf = (length: number) => Uint8Array.from({ length }, () => Math.floor(random() * 256));

describe('the SHA-256 seam', () => {
  afterEach(() => {
    installSha256(undefined);
  });

  it('equals a fresh hash on every length around the block edges, call after call', () => {
    // 0-200 bytes crosses one, two and three blocks and both padding cases (55/56 bytes).
    for (let length = 0; length <= 200; length += 1) {
      const data = bytesOf(length);
      const expected = nobleSha256(data);
      expect(sha256(data)).toEqual(expected);
      expect(sha256(data)).toEqual(Uint8Array.from(nodeHash('sha256', data, 'buffer')));
    }
  });

  it('equals a fresh hash in the double hash of base58check, on random payloads', () => {
    for (let round = 0; round < 500; round += 1) {
      const data = bytesOf(1 + Math.floor(random() * 90));
      expect(sha256(sha256(data))).toEqual(nobleSha256(nobleSha256(data)));
    }
  });

  it('hands every caller its own digest: a later call does not overwrite an earlier one', () => {
    const first = sha256(bytesOf(21));
    const kept = Uint8Array.from(first);
    const second = sha256(bytesOf(21));
    expect(first).toEqual(kept);
    expect(second).not.toBe(first);
    expect(second).not.toEqual(first);
  });

  it('goes back to the reused noble hasher after a native one is uninstalled', () => {
    const data = bytesOf(33);
    installSha256((input) => nodeHash('sha256', input, 'buffer'));
    expect(Uint8Array.from(sha256(data))).toEqual(nobleSha256(data));
    installSha256(undefined);
    expect(sha256(data)).toEqual(nobleSha256(data));
  });
});
