/**
 * The audit log's chain. Each entry's link covers its id, time, profile, action and detail
 * plus the previous entry's link, and the newest link is kept in audit_head: an entry edited,
 * deleted, inserted or reordered in the file breaks the chain at that entry.
 *
 * A plain SHA-256 link only finds careless edits: anyone who can write the file can recompute
 * every hash. So entries are linked with HMAC-SHA256 under a per-installation key kept in the
 * OS keychain (vault/audit-key.ts), and the head itself carries a MAC, so a truncated or
 * appended tail is found too. Entries written before the key existed (or on a machine with no
 * keychain) keep their plain SHA-256 links: the first keyed link covers their last hash, so
 * from then on they are as protected as the rest (docs/audit-chain.md).
 */
import { createHash, createHmac } from 'node:crypto';

export const GENESIS_HASH = '0'.repeat(64);

export type ChainedFields = {
  id: number;
  atMs: number;
  profileId: string | null;
  action: string;
  detailJson: string;
};

/** What the head MAC covers: which key, from which entry on, and the newest link. */
export type HeadFields = {
  keyId: string;
  keyedFromId: number;
  lastId: number;
  lastHash: string;
};

type Digest = { update: (data: string) => unknown; digest: (encoding: 'hex') => string };

function linkInto(digest: Digest, previousHash: string, entry: ChainedFields): string {
  // Length-prefixed fields: no two different entries serialise to the same bytes.
  const fields = [
    String(entry.id),
    String(entry.atMs),
    entry.profileId ?? '',
    entry.action,
    entry.detailJson,
  ];
  digest.update(previousHash);
  for (const field of fields) digest.update(`${field.length}:${field}`);
  return digest.digest('hex');
}

/** The unkeyed link (schema 4, and every entry written while no key is at hand). */
export function entryHash(previousHash: string, entry: ChainedFields): string {
  return linkInto(createHash('sha256'), previousHash, entry);
}

/** The keyed link: only the holder of the installation's key can compute it. */
export function entryMac(key: Buffer, previousHash: string, entry: ChainedFields): string {
  // A domain prefix keeps an entry MAC from ever equalling a head MAC or a key id.
  const mac = createHmac('sha256', key);
  mac.update('payout-desk audit entry v1\n');
  return linkInto(mac, previousHash, entry);
}

export function headMac(key: Buffer, head: HeadFields): string {
  return createHmac('sha256', key)
    .update('payout-desk audit head v1\n')
    .update([head.keyId, String(head.keyedFromId), String(head.lastId), head.lastHash].join('\n'))
    .digest('hex');
}

/**
 * Names a key without giving it away: stored in audit_head, so verify can tell "sealed with
 * another installation's key" from "tampered with".
 */
export function keyIdOf(key: Buffer): string {
  return createHmac('sha256', key).update('payout-desk audit key id v1').digest('hex').slice(0, 16);
}
