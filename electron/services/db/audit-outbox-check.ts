/**
 * The outbox half of verify: every outbox row is a payment instruction, so each must be named
 * by an audit entry (`detail.intents = [{ requestId, payloadHash }]`, docs/intents.md) and its
 * stored payload text must still hash to what that entry recorded. A row added behind the
 * app's back, or a payload redirected to another address, is found here.
 */
import type Database from 'better-sqlite3';
import type { AuditVerification } from '../../../shared/ipc';
import { payloadHash } from '../payouts/payload-hash';

export type AuditedIntent = { requestId: string; payloadHash: string; entryId: number };

const HEX_SHA256 = /^[0-9a-f]{64}$/;

/** The well-formed `detail.intents` items of one entry; anything else names nothing. */
export function intentsOf(
  detail: Readonly<Record<string, unknown>>,
): { requestId: string; payloadHash: string }[] {
  const { intents } = detail;
  if (!Array.isArray(intents)) return [];
  const found: { requestId: string; payloadHash: string }[] = [];
  for (const item of intents as unknown[]) {
    if (typeof item !== 'object' || item === null) continue;
    const { requestId, payloadHash: hash } = item as Record<string, unknown>;
    if (typeof requestId === 'string' && typeof hash === 'string' && HEX_SHA256.test(hash)) {
      found.push({ requestId, payloadHash: hash });
    }
  }
  return found;
}

/** `chain` is the chain's verdict (ok); returns it with the outbox checked, or the first mismatch. */
export function checkOutboxAgainstAudit(
  sqlite: Database.Database,
  audited: ReadonlyMap<string, readonly AuditedIntent[]>,
  chain: AuditVerification & { ok: true },
): AuditVerification {
  const rows = sqlite.prepare<[], { request_id: string; payload_json: string }>(
    'SELECT request_id, payload_json FROM outbox ORDER BY created_ms, request_id',
  );
  let outboxChecked = 0;
  for (const row of rows.iterate()) {
    const named = audited.get(row.request_id);
    if (named === undefined || named.length === 0) {
      return {
        ...chain,
        ok: false,
        outboxChecked,
        firstBrokenId: null,
        reason: `outbox entry ${row.request_id} is named by no audit entry: it was added to the file behind the app's back`,
      };
    }
    const actual = payloadHash(row.payload_json);
    const differing = named.find((intent) => intent.payloadHash !== actual);
    if (differing) {
      return {
        ...chain,
        ok: false,
        outboxChecked,
        firstBrokenId: differing.entryId,
        reason: `the payload of outbox entry ${row.request_id} no longer matches the hash recorded in audit entry ${String(differing.entryId)}: it was changed after it was confirmed`,
      };
    }
    outboxChecked += 1;
  }
  return { ...chain, outboxChecked };
}
