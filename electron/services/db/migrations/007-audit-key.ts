/**
 * Schema 7: the audit chain can be keyed (audit-chain.ts, docs/audit-chain.md).
 * - audit_log.keyed: 1 when the entry's link is an HMAC under the installation's key, 0 for a
 *   plain SHA-256 link (every entry so far).
 * - audit_head.key_id / keyed_from_id / head_mac: which key seals the log, from which entry
 *   on, and a MAC over the head, so a truncated or appended tail no longer matches. All NULL
 *   until the desk first starts with a reachable keychain.
 * - audit_intents: which audit entry named which outbox request id. Only a finding aid for
 *   the send-time check; verify never trusts it and re-reads every entry's detail.
 * Outbox rows confirmed before payloads were audited are named in `audit.outbox-recorded`
 * entries here, so the rule "every outbox row is named by an audit entry" holds from now on.
 */
import { entryHash } from '../audit-chain';
import { payloadHash } from '../../payouts/payload-hash';
import type { Migration } from './migration';

const SQL = `
ALTER TABLE audit_log ADD COLUMN keyed INTEGER NOT NULL DEFAULT 0 CHECK (keyed IN (0, 1));
ALTER TABLE audit_head ADD COLUMN key_id TEXT;
ALTER TABLE audit_head ADD COLUMN keyed_from_id INTEGER;
ALTER TABLE audit_head ADD COLUMN head_mac TEXT;
CREATE TABLE audit_intents (
  request_id TEXT NOT NULL,
  audit_id INTEGER NOT NULL,
  PRIMARY KEY (request_id, audit_id)
) STRICT, WITHOUT ROWID;
`;

/** Keeps each recorded entry to a size the audit screen can still show. */
const RECORDED_PER_ENTRY = 500;

export const migration007: Migration = {
  version: 7,
  name: 'audit-key',
  up: (sqlite) => {
    sqlite.exec(SQL);
    const rows = sqlite
      .prepare<[], { request_id: string; payload_json: string }>(
        'SELECT request_id, payload_json FROM outbox ORDER BY created_ms, request_id',
      )
      .all();
    const head = sqlite
      .prepare<[], { last_id: number; last_hash: string }>(
        'SELECT last_id, last_hash FROM audit_head WHERE id = 1',
      )
      .get();
    if (rows.length === 0 || head === undefined) return;
    const insert = sqlite.prepare<[number, number, string, string, string]>(
      `INSERT INTO audit_log (id, at_ms, profile_id, action, detail_json, prev_hash, hash, keyed)
       VALUES (?, ?, NULL, 'audit.outbox-recorded', ?, ?, ?, 0)`,
    );
    const named = sqlite.prepare<[string, number]>(
      'INSERT OR IGNORE INTO audit_intents (request_id, audit_id) VALUES (?, ?)',
    );
    const atMs = Date.now();
    let { last_id: lastId, last_hash: lastHash } = head;
    for (let start = 0; start < rows.length; start += RECORDED_PER_ENTRY) {
      const chunk = rows.slice(start, start + RECORDED_PER_ENTRY);
      const detailJson = JSON.stringify({
        note: 'outbox entries confirmed before their payloads were audited',
        intents: chunk.map((row) => ({
          requestId: row.request_id,
          payloadHash: payloadHash(row.payload_json),
        })),
      });
      const id = lastId + 1;
      const hash = entryHash(lastHash, {
        id,
        atMs,
        profileId: null,
        action: 'audit.outbox-recorded',
        detailJson,
      });
      insert.run(id, atMs, detailJson, lastHash, hash);
      for (const row of chunk) named.run(row.request_id, id);
      lastId = id;
      lastHash = hash;
    }
    sqlite
      .prepare('UPDATE audit_head SET last_id = ?, last_hash = ? WHERE id = 1')
      .run(lastId, lastHash);
  },
};
