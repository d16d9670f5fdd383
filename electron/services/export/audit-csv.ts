/** The whole audit log as CSV, oldest first, with formula cells neutralised like every export. */
import type { AuditEntry } from '../../../shared/ipc';
import type { AuditLog } from '../db';
import { writeCsv } from './csv';

export function exportAuditCsv(audit: AuditLog, nowMs: number) {
  const entries: AuditEntry[] = [];
  for (let beforeId: number | undefined; ;) {
    const page = audit.list({ limit: 1000, ...(beforeId === undefined ? {} : { beforeId }) });
    entries.push(...page);
    const last = page.at(-1);
    if (page.length < 1000 || !last) break;
    beforeId = last.id;
  }
  entries.reverse();
  const csv = writeCsv(
    ['Id', 'Time (UTC)', 'Profile', 'Action', 'Detail'],
    entries.map((entry) => [
      String(entry.id),
      new Date(entry.atMs).toISOString(),
      entry.profileId ?? '',
      entry.action,
      JSON.stringify(entry.detail),
    ]),
  );
  const stamp = new Date(nowMs).toISOString().slice(0, 19).replaceAll(':', '-');
  return { fileName: `audit-log-${stamp}.csv`, csv, rowCount: entries.length };
}
