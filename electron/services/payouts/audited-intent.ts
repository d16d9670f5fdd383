/**
 * The audit log's record of an intent as the send-time check reads it (submission.ts,
 * `auditedIntent`). The entry's MAC is only checkable while this session holds the key;
 * without a keychain the audited hash alone is compared (docs/audit-chain.md), as the outbox
 * check of `verify` does.
 */
import type { AuditLog } from '../db';
import type { SubmissionDeps } from './submission';

export function auditedIntentOf(
  audit: Pick<AuditLog, 'findIntent' | 'keying'>,
): NonNullable<SubmissionDeps['auditedIntent']> {
  return (requestId) => {
    const record = audit.findIntent(requestId);
    if (record === null || audit.keying() === 'keyed') return record;
    return { ...record, check: { ok: true } };
  };
}
