/**
 * Node's native one-shot SHA-256 for address checksums (shared/sha256.ts): about twice as
 * fast as @noble/hashes on the 21-byte payloads of base58check, and the desk validates every
 * stored draft row again. Same function, so no verdict can change (docs/import.md).
 */
import { hash } from 'node:crypto';
import { installSha256 } from '../../shared/sha256';

export function installNodeSha256(): void {
  installSha256((data) => hash('sha256', data, 'buffer'));
}
