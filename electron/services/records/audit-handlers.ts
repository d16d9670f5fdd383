/**
 * The audit methods of the handler table: the audit log (a page, its verification, the CSV
 * export) and the startup notices of the records (the database restored from a backup, the
 * audit log unsealed in this session), which open-records.ts found when the desk started.
 */
import type { StartupNotice } from '../../../shared/ipc';
import type { AuditLog } from '../db';
import { exportAuditCsv } from '../export/audit-csv';
import type { HandlerPart } from '../ipc/handler-table';

export type AuditMethod = 'listAudit' | 'verifyAudit' | 'exportAudit' | 'getStartupNotices';

export type AuditHandlerDeps = {
  audit: AuditLog;
  notices: StartupNotice[];
  now: () => number;
};

export function createAuditHandlers({
  audit,
  notices,
  now,
}: AuditHandlerDeps): HandlerPart<AuditMethod> {
  return {
    listAudit: (options) => audit.list(options),
    verifyAudit: () => audit.verify(),
    exportAudit: () => exportAuditCsv(audit, now()),
    getStartupNotices: () => notices,
  };
}
