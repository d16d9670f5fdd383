/**
 * The outbox half of verify: every outbox row is a payment instruction, so each must be named
 * by an audit entry (`detail.intents = [{ requestId, payloadHash }]`, docs/intents.md) and its
 * stored payload text must still hash to what that entry recorded. A row added behind the
 * app's back, or a payload redirected to another address, is found here.
 */
import type Database from 'better-sqlite3';
import type { AuditVerification } from '../../../shared/ipc';
import { payloadHash } from '../payouts/payload-hash';

/** Where an intent goes, as confirmed: the outbox row's target columns must say the same. */
export type AuditedTarget = { baseUrl: string; account: string };

/** One `detail.intents` item; `target` is absent only in entries written before it existed. */
export type RecordedIntent = { requestId: string; payloadHash: string; target?: AuditedTarget };

export type AuditedIntent = RecordedIntent & { entryId: number };

const HEX_SHA256 = /^[0-9a-f]{64}$/;

/** The well-formed `detail.intents` items of one entry; anything else names nothing. */
export function intentsOf(detail: Readonly<Record<string, unknown>>): RecordedIntent[] {
  const { intents } = detail;
  if (!Array.isArray(intents)) return [];
  const found: RecordedIntent[] = [];
  for (const item of intents as unknown[]) {
    if (typeof item !== 'object' || item === null) continue;
    const { requestId, payloadHash: hash, target } = item as Record<string, unknown>;
    if (typeof requestId === 'string' && typeof hash === 'string' && HEX_SHA256.test(hash)) {
      const audited = targetOf(target);
      found.push(
        audited
          ? { requestId, payloadHash: hash, target: audited }
          : { requestId, payloadHash: hash },
      );
    }
  }
  return found;
}

function targetOf(value: unknown): AuditedTarget | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { baseUrl, account } = value as Record<string, unknown>;
  return typeof baseUrl === 'string' && typeof account === 'string'
    ? { baseUrl, account }
    : undefined;
}

/** True when the row's target columns are the audited target (or the entry predates targets). */
export function sameTarget(audited: AuditedTarget | undefined, row: AuditedTarget): boolean {
  return (
    audited === undefined || (audited.baseUrl === row.baseUrl && audited.account === row.account)
  );
}

/** `chain` is the chain's verdict (ok); returns it with the outbox checked, or the first mismatch. */
export function checkOutboxAgainstAudit(
  sqlite: Database.Database,
  audited: ReadonlyMap<string, readonly AuditedIntent[]>,
  chain: AuditVerification & { ok: true },
): AuditVerification {
  const rows = sqlite.prepare<
    [],
    { request_id: string; payload_json: string; target_base_url: string; target_account: string }
  >(
    `SELECT request_id, payload_json, target_base_url, target_account FROM outbox
     ORDER BY created_ms, request_id`,
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
    const target = { baseUrl: row.target_base_url, account: row.target_account };
    const elsewhere = named.find((intent) => !sameTarget(intent.target, target));
    if (elsewhere) {
      return {
        ...chain,
        ok: false,
        outboxChecked,
        firstBrokenId: elsewhere.entryId,
        reason: `outbox entry ${row.request_id} now goes to ${target.account} at ${target.baseUrl}, not where audit entry ${String(elsewhere.entryId)} recorded it: it was redirected after it was confirmed`,
      };
    }
    outboxChecked += 1;
  }
  return { ...chain, outboxChecked };
}
