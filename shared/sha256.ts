/**
 * The one SHA-256 that address checksums use, behind a seam: @noble/hashes everywhere (the
 * renderer's import worker runs in a browser, whose WebCrypto digest is asynchronous and
 * slower than noble for 21-byte inputs), and Node's native one-shot `crypto.hash` where a
 * Node host installs it (the desk worker: it validates every draft row again). Both compute
 * the same function, so which one runs can never change a verdict; docs/import.md says why.
 */
import { sha256 as nobleSha256 } from '@noble/hashes/sha2.js';

export type Sha256 = (data: Uint8Array) => Uint8Array;

// For a 21-byte payload, making noble's hasher (its block buffer and DataView) and copying its
// digest out cost more than compressing the one block: about 6 µs per double hash against 2 µs
// reused (docs/import.md, "Address checks"). So one working hasher is reset from a pristine
// one with noble's own `_cloneInto`, the way its PBKDF2 reuses hashers. Calls are synchronous,
// so the working hasher is never shared by two at once.
const pristine = nobleSha256.create();
const working = nobleSha256.create();

function reusedNobleSha256(data: Uint8Array): Uint8Array {
  // digest(), not digestInto(): it finishes in the hasher's own buffer through its cached
  // DataView and returns a copy, where digestInto would make a DataView of the output.
  return pristine._cloneInto(working).update(data).digest();
}

let current: Sha256 = reusedNobleSha256;

export function sha256(data: Uint8Array): Uint8Array {
  return current(data);
}

/** Replaces the implementation (a Node host's native one); `undefined` restores noble's. */
export function installSha256(implementation: Sha256 | undefined): void {
  current = implementation ?? reusedNobleSha256;
}
