/**
 * Who did what, append-only (triggers in the schema refuse UPDATE and DELETE) and
 * hash-chained (audit-chain.ts), so an entry edited or deleted behind the app's back is
 * found by verify(). Details are stored as JSON and must never carry a secret, a Key or a
 * Sign.
 */
import { entryHash, GENESIS_HASH } from './audit-chain';
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

export type AuditVerification =
  | { ok: true; checked: number }
  | { ok: false; checked: number; firstBrokenId: number | null; reason: string };

export type AuditLog = {
  append: (entry: NewAuditEntry) => number;
  /** Newest first. */
  list: (options?: AuditListOptions) => AuditEntry[];
  /** Walks the chain from the first entry; reports the first link that does not hold. */
  verify: () => AuditVerification;
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
  const head = sqlite.prepare<[], { last_id: number; last_hash: string }>(
    'SELECT last_id, last_hash FROM audit_head WHERE id = 1',
  );
  const insert = sqlite.prepare<[number, number, string | null, string, string, string, string]>(
    `INSERT INTO audit_log (id, at_ms, profile_id, action, detail_json, prev_hash, hash)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  const moveHead = sqlite.prepare<[number, string]>(
    'UPDATE audit_head SET last_id = ?, last_hash = ? WHERE id = 1',
  );
  const listAll = sqlite.prepare<[number, number], AuditLogRow>(
    'SELECT * FROM audit_log WHERE id < ? ORDER BY id DESC LIMIT ?',
  );
  const listProfile = sqlite.prepare<[string, number, number], AuditLogRow>(
    'SELECT * FROM audit_log WHERE profile_id = ? AND id < ? ORDER BY id DESC LIMIT ?',
  );
  const everything = sqlite.prepare<[], AuditLogRow>('SELECT * FROM audit_log ORDER BY id');

  // Immediate: two writers must not both chain onto the same head.
  const append = sqlite.transaction((entry: NewAuditEntry): number => {
    const current = head.get() ?? { last_id: 0, last_hash: GENESIS_HASH };
    const id = current.last_id + 1;
    const detailJson = JSON.stringify(entry.detail);
    const hash = entryHash(current.last_hash, {
      id,
      atMs: entry.atMs,
      profileId: entry.profileId,
      action: entry.action,
      detailJson,
    });
    insert.run(id, entry.atMs, entry.profileId, entry.action, detailJson, current.last_hash, hash);
    moveHead.run(id, hash);
    return id;
  });

  return {
    append: (entry) => append.immediate(entry),
    list: (options = {}) => {
      const before = options.beforeId ?? Number.MAX_SAFE_INTEGER;
      const limit = Math.min(Math.max(Math.trunc(options.limit ?? 100), 0), 1000);
      const rows =
        options.profileId === undefined
          ? listAll.all(before, limit)
          : listProfile.all(options.profileId, before, limit);
      return rows.map(toEntry);
    },
    verify: () => {
      let previous = GENESIS_HASH;
      let expectedId = 1;
      let checked = 0;
      for (const row of everything.iterate()) {
        if (row.id !== expectedId) {
          return {
            ok: false,
            checked,
            firstBrokenId: row.id,
            reason: `entry ${expectedId} is missing before entry ${row.id}`,
          };
        }
        const hash = entryHash(previous, {
          id: row.id,
          atMs: row.at_ms,
          profileId: row.profile_id,
          action: row.action,
          detailJson: row.detail_json,
        });
        if (row.prev_hash !== previous || row.hash !== hash) {
          return {
            ok: false,
            checked,
            firstBrokenId: row.id,
            reason: `entry ${row.id} was changed after it was written`,
          };
        }
        previous = hash;
        expectedId += 1;
        checked += 1;
      }
      const last = head.get();
      if (!last || last.last_id !== checked || last.last_hash !== previous) {
        return {
          ok: false,
          checked,
          firstBrokenId: checked + 1,
          reason: `entries after ${checked} were deleted (the log once reached entry ${last?.last_id ?? '?'})`,
        };
      }
      return { ok: true, checked };
    },
  };
}
