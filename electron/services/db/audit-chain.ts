/**
 * The audit log's hash chain. Each entry's hash covers its id, time, profile, action and
 * detail plus the previous entry's hash, and the newest hash is kept in audit_head: an entry
 * edited, deleted, inserted or reordered in the file (say, with the sqlite3 shell, which can
 * drop the append-only triggers) breaks the chain at that entry, and a deleted tail no longer
 * matches the head.
 */
import { createHash } from 'node:crypto';

export const GENESIS_HASH = '0'.repeat(64);

export type ChainedFields = {
  id: number;
  atMs: number;
  profileId: string | null;
  action: string;
  detailJson: string;
};

export function entryHash(previousHash: string, entry: ChainedFields): string {
  // Length-prefixed fields: no two different entries serialise to the same bytes.
  const fields = [
    String(entry.id),
    String(entry.atMs),
    entry.profileId ?? '',
    entry.action,
    entry.detailJson,
  ];
  const hash = createHash('sha256').update(previousHash);
  for (const field of fields) hash.update(`${field.length}:${field}`);
  return hash.digest('hex');
}
