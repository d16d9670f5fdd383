/**
 * The one SHA-256 that address checksums use, behind a seam: @noble/hashes everywhere (the
 * renderer's import worker runs in a browser, whose WebCrypto digest is asynchronous and
 * slower than noble for 21-byte inputs), and Node's native one-shot `crypto.hash` where a
 * Node host installs it (the desk worker: it validates every draft row again). Both compute
 * the same function, so which one runs can never change a verdict; docs/import.md says why.
 */
import { sha256 as nobleSha256 } from '@noble/hashes/sha2.js';

export type Sha256 = (data: Uint8Array) => Uint8Array;

let current: Sha256 = nobleSha256;

export function sha256(data: Uint8Array): Uint8Array {
  return current(data);
}

/** Replaces the implementation (a Node host's native one); `undefined` restores noble's. */
export function installSha256(implementation: Sha256 | undefined): void {
  current = implementation ?? nobleSha256;
}
