/**
 * Who did what, append-only (triggers in the schema refuse UPDATE and DELETE). Details are
 * stored as JSON and must never carry a secret, a Key or a Sign.
 */
import type { CacheDatabase } from './database';
import type { AuditLogRow } from './rows';

export type AuditDetail = Readonly<Record<string, unknown>>;

export type AuditEntry = {
  id: number;
  atMs: number;
  profileId: string | null;
  action: string;
  detail: AuditDetail;
};

export type NewAuditEntry = Omit<AuditEntry, 'id'>;

export type AuditListOptions = {
  profileId?: string;
  /** Entries with a smaller id than this (paging backwards from the newest). */
  beforeId?: number;
  limit?: number;
};

export type AuditLog = {
  append: (entry: NewAuditEntry) => number;
  /** Newest first. */
  list: (options?: AuditListOptions) => AuditEntry[];
};

function parseDetail(json: string): AuditDetail {
  const value: unknown = JSON.parse(json);
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as AuditDetail)
    : { value };
}

function toEntry(row: AuditLogRow): AuditEntry {
  return {
    id: row.id,
    atMs: row.at_ms,
    profileId: row.profile_id,
    action: row.action,
    detail: parseDetail(row.detail_json),
  };
}

export function createAuditLog(db: CacheDatabase): AuditLog {
  const { sqlite } = db;
  const insert = sqlite.prepare<[number, string | null, string, string]>(
    'INSERT INTO audit_log (at_ms, profile_id, action, detail_json) VALUES (?, ?, ?, ?)',
  );
  const listAll = sqlite.prepare<[number, number], AuditLogRow>(
    'SELECT * FROM audit_log WHERE id < ? ORDER BY id DESC LIMIT ?',
  );
  const listProfile = sqlite.prepare<[string, number, number], AuditLogRow>(
    'SELECT * FROM audit_log WHERE profile_id = ? AND id < ? ORDER BY id DESC LIMIT ?',
  );

  return {
    append: (entry) =>
      Number(
        insert.run(entry.atMs, entry.profileId, entry.action, JSON.stringify(entry.detail))
          .lastInsertRowid,
      ),
    list: (options = {}) => {
      const before = options.beforeId ?? Number.MAX_SAFE_INTEGER;
      const limit = Math.min(Math.max(Math.trunc(options.limit ?? 100), 0), 1000);
      const rows =
        options.profileId === undefined
          ? listAll.all(before, limit)
          : listProfile.all(options.profileId, before, limit);
      return rows.map(toEntry);
    },
  };
}
