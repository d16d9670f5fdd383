/**
 * The one serialisation of a create payload that the outbox stores, the audit log records a
 * hash of, and every send checks again: the stored string is the payment instruction, so
 * its SHA-256 binds what was confirmed to what is signed (docs/intents.md).
 */
import { createHash } from 'node:crypto';

/** The exact text stored in `outbox.payload_json`. */
export function serializePayload(payload: Readonly<Record<string, unknown>>): string {
  return JSON.stringify(payload);
}

/** Hex SHA-256 of the stored payload text, as written to the outbox row and its audit entry. */
export function payloadHash(payloadJson: string): string {
  return createHash('sha256').update(payloadJson, 'utf8').digest('hex');
}
