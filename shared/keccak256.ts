/**
 * The one Keccak-256 that EIP-55 address checksums use, behind a seam like shared/sha256.ts:
 * @noble/hashes until a host installs hash-wasm's WebAssembly Keccak, which hashes the
 * 40-byte body of a 0x address five to nine times faster (docs/import.md, "Address checks":
 * one Keccak per fresh 0x address was a quarter of an import). Both compute the same function
 * (a unit test holds them together), so which one runs can never change a verdict.
 *
 * Installing is asynchronous (WebAssembly compiles before it runs) while checks are
 * synchronous, so a check made before the install finishes simply uses noble's.
 */
import { Keccak, keccak_256 } from '@noble/hashes/sha3.js';
import { createKeccak } from 'hash-wasm';

/** Writes Keccak-256 of `data` into the first 32 bytes of `out`. */
export type Keccak256Into = (data: Uint8Array, out: Uint8Array) => void;

// Reused hashers, reset from a pristine one with noble's own `_cloneInto` (as its PBKDF2
// reuses hashers), instead of a new sponge state for every address. Calls are synchronous,
// so the working hasher is never shared by two at once.
function nobleKeccakHasher(): Keccak {
  // keccak_256 is typed as any hash; its hashers are Keccak sponges, which _cloneInto needs.
  const hasher = keccak_256.create();
  if (!(hasher instanceof Keccak)) throw new Error('keccak_256 did not make a Keccak hasher');
  return hasher;
}
const pristine = nobleKeccakHasher();
const working = nobleKeccakHasher();

const nobleKeccak256Into: Keccak256Into = (data, out) => {
  pristine._cloneInto(working).update(data).digestInto(out);
};

let current: Keccak256Into = nobleKeccak256Into;

export function keccak256Into(data: Uint8Array, out: Uint8Array): void {
  current(data, out);
}

export type KeccakImplementation = 'webassembly' | 'noble';

let installed: Promise<KeccakImplementation> | undefined;

/**
 * Switches to hash-wasm's Keccak once it has compiled; resolves to what now runs. Where
 * WebAssembly is missing or refused (a page whose Content-Security-Policy lacks
 * 'wasm-unsafe-eval'), noble's stays and the answer says so: slower, never wrong. Calling
 * it again returns the first call's answer.
 */
export function installWasmKeccak256(): Promise<KeccakImplementation> {
  installed ??= createKeccak(256).then(
    (hasher): KeccakImplementation => {
      current = (data, out) => {
        hasher.init();
        hasher.update(data);
        out.set(hasher.digest('binary'));
      };
      return 'webassembly';
    },
    (): KeccakImplementation => 'noble',
  );
  return installed;
}

/** For tests: back to noble's, and the next install starts afresh. */
export function uninstallWasmKeccak256(): void {
  current = nobleKeccak256Into;
  installed = undefined;
}
