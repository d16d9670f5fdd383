// Review (review2): where a page's policy refuses WebAssembly (no 'wasm-unsafe-eval'),
// WebAssembly exists but compiling rejects: the install must answer 'noble', not hang or
// throw, and checks keep hashing with noble's.
import { keccak_256 } from '@noble/hashes/sha3.js';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  installWasmKeccak256,
  keccak256Into,
  uninstallWasmKeccak256,
} from '../../../shared/keccak256';

describe('the Keccak-256 seam where compiling WebAssembly is refused', () => {
  afterEach(() => {
    uninstallWasmKeccak256();
    vi.unstubAllGlobals();
  });

  it("answers 'noble' and keeps hashing right", async () => {
    const refused = () =>
      Promise.reject(new Error('Refused to compile: CSP lacks wasm-unsafe-eval'));
    const present = (globalThis as unknown as { WebAssembly: object }).WebAssembly;
    vi.stubGlobal('WebAssembly', { ...present, compile: refused, instantiate: refused });
    expect(await installWasmKeccak256()).toBe('noble');
    const data = new TextEncoder().encode('52908400098527886e0f7030069857d2e4169ee7');
    const out = new Uint8Array(32);
    keccak256Into(data, out);
    expect(out).toEqual(keccak_256(data));
  });
});
