/**
 * Who did what, append-only (triggers in the schema refuse UPDATE and DELETE) and chained
 * (audit-chain.ts): keyed with the installation's key when the keychain gave it, so an entry
 * edited, deleted, reordered, cut off or added behind the app's back is found by verify(),
 * even by someone who recomputed every hash. Details are stored as JSON and must never carry
 * a secret, a Key or a Sign.
 */
import type { AuditEntry, AuditKeying, AuditQuery, AuditVerification } from '../../../shared/ipc';
import type { Statement } from 'better-sqlite3';
import { entryHash, entryMac, GENESIS_HASH, headMac, keyIdOf } from './audit-chain';
import { checkOutboxAgainstAudit, intentsOf, type AuditedIntent } from './audit-outbox-check';
import type { CacheDatabase } from './database';
import type { AuditHeadRecord, AuditLogRecord } from './rows';

type AuditDetail = AuditEntry['detail'];

export type NewAuditEntry = Omit<AuditEntry, 'id'>;

/**
 * Filters of a page (shared/ipc.ts `listAudit`): `beforeId` pages backwards from the newest;
 * a profile's page includes the entry of its removal (written without a profile id, naming
 * it in `detail.profileId`), so a removed profile's history ends with why.
 */
export type AuditListOptions = AuditQuery;

export type { AuditVerification };

/**
 * One entry's own link. `sealed` is true when its HMAC was confirmed with the installation's
 * key, false when it is an unkeyed entry whose plain hash holds (no keychain).
 */
export type AuditEntryCheck = { ok: true; sealed: boolean } | { ok: false; reason: string };

export type AuditLogOptions = {
  /** The installation's audit key (vault/audit-key.ts); without it entries are unkeyed. */
  key?: Buffer | null;
};

export type AuditLog = {
  append: (entry: NewAuditEntry) => number;
  /** Newest first. */
  list: (options?: AuditListOptions) => AuditEntry[];
  /**
   * Walks the chain from the first entry and reports the first link that does not hold, then
   * checks every outbox payload against the hash its audit entry recorded.
   */
  verify: () => AuditVerification;
  /** Checks one entry's link (its MAC with the key) without walking the chain. */
  verifyEntry: (id: number) => AuditEntryCheck;
  /**
   * The newest audit entry naming `requestId` in `detail.intents`, its audited payload hash,
   * and that entry's check: what the send-time check compares the outbox payload with.
   */
  findIntent: (requestId: string) => (AuditedIntent & { check: AuditEntryCheck }) | null;
  /**
   * Starts sealing with the key if this log was never sealed: the head MAC then covers every
   * entry written so far. Recorded as an `audit.keyed` entry when there were any.
   */
  anchorKey: (keyCreated: boolean, atMs?: number) => { anchored: boolean; coveredEntries: number };
  /** How appends are linked now ('unkeyed' until anchorKey, even with a key). */
  keying: () => 'keyed' | 'unkeyed' | 'other-key' | 'key-unavailable';
};

function parseDetail(json: string): AuditDetail {
  const value: unknown = JSON.parse(json);
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as AuditDetail)
    : { value };
}

function toEntry(row: AuditLogRecord): AuditEntry {
  return {
    id: row.id,
    atMs: row.at_ms,
    profileId: row.profile_id,
    action: row.action,
    detail: parseDetail(row.detail_json),
  };
}

function fieldsOf(row: AuditLogRecord) {
  return {
    id: row.id,
    atMs: row.at_ms,
    profileId: row.profile_id,
    action: row.action,
    detailJson: row.detail_json,
  };
}

const EMPTY_HEAD: AuditHeadRecord = {
  last_id: 0,
  last_hash: GENESIS_HASH,
  key_id: null,
  keyed_from_id: null,
  head_mac: null,
};

export function createAuditLog(db: CacheDatabase, options: AuditLogOptions = {}): AuditLog {
  const { sqlite } = db;
  const key = options.key ?? null;
  const keyId = key === null ? null : keyIdOf(key);
  const head = sqlite.prepare<[], AuditHeadRecord>(
    'SELECT last_id, last_hash, key_id, keyed_from_id, head_mac FROM audit_head WHERE id = 1',
  );
  const insert = sqlite.prepare<
    [number, number, string | null, string, string, string, string, number]
  >(
    `INSERT INTO audit_log (id, at_ms, profile_id, action, detail_json, prev_hash, hash, keyed)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertHead = sqlite.prepare(
    `INSERT OR IGNORE INTO audit_head (id, last_id, last_hash) VALUES (1, 0, '${GENESIS_HASH}')`,
  );
  const moveHead = sqlite.prepare<[number, string, string | null, number | null, string | null]>(
    `UPDATE audit_head SET last_id = ?, last_hash = ?, key_id = ?, keyed_from_id = ?,
       head_mac = ? WHERE id = 1`,
  );
  const nameIntent = sqlite.prepare<[string, number]>(
    'INSERT OR IGNORE INTO audit_intents (request_id, audit_id) VALUES (?, ?)',
  );
  const intentEntries = sqlite.prepare<[string], { audit_id: number }>(
    'SELECT audit_id FROM audit_intents WHERE request_id = ? ORDER BY audit_id DESC',
  );
  const byId = sqlite.prepare<[number], AuditLogRecord>('SELECT * FROM audit_log WHERE id = ?');
  // One prepared statement per combination of filters (at most 16), made when first used.
  const pages = new Map<string, Statement<unknown[], AuditLogRecord>>();
  function page(listOptions: AuditListOptions): AuditLogRecord[] {
    const where = ['id < ?'];
    const params: (string | number)[] = [listOptions.beforeId ?? Number.MAX_SAFE_INTEGER];
    if (listOptions.profileId !== undefined) {
      where.push(
        `(profile_id = ? OR (profile_id IS NULL AND action = 'profile.removed'
           AND json_extract(detail_json, '$.profileId') = ?))`,
      );
      params.push(listOptions.profileId, listOptions.profileId);
    }
    const actions = listOptions.actions ?? [];
    if (actions.length > 0) {
      // One parameter holding a JSON array: the statement stays the same whatever the count.
      where.push('action IN (SELECT value FROM json_each(?))');
      params.push(JSON.stringify(actions));
    }
    if (listOptions.fromMs !== undefined) {
      where.push('at_ms >= ?');
      params.push(listOptions.fromMs);
    }
    if (listOptions.toMs !== undefined) {
      where.push('at_ms < ?');
      params.push(listOptions.toMs);
    }
    const sql = `SELECT * FROM audit_log WHERE ${where.join(' AND ')} ORDER BY id DESC LIMIT ?`;
    let statement = pages.get(sql);
    if (!statement) {
      statement = sqlite.prepare<unknown[], AuditLogRecord>(sql);
      pages.set(sql, statement);
    }
    const limit = Math.min(Math.max(Math.trunc(listOptions.limit ?? 100), 0), 1000);
    return statement.all(...params, limit);
  }
  const everything = sqlite.prepare<[], AuditLogRecord>('SELECT * FROM audit_log ORDER BY id');

  const sealHead = (
    sealKey: Buffer,
    fields: { keyId: string; keyedFromId: number },
    id: number,
    hash: string,
  ) => headMac(sealKey, { ...fields, lastId: id, lastHash: hash });

  // Immediate: two writers must not both chain onto the same head.
  const append = sqlite.transaction((entry: NewAuditEntry): number => {
    const current = head.get() ?? EMPTY_HEAD;
    const id = current.last_id + 1;
    const detailJson = JSON.stringify(entry.detail);
    const fields = {
      id,
      atMs: entry.atMs,
      profileId: entry.profileId,
      action: entry.action,
      detailJson,
    };
    // Only a log anchored to this key (anchorKey, at start) is sealed. A running desk that
    // finds its log unanchored is looking at a rewritten file: sealing from here would pass
    // the rewrite off as genuine, so it writes unkeyed links and verify keeps saying so.
    const sealing = key !== null && keyId !== null && current.key_id === keyId;
    if (sealing) {
      const keyedFromId = current.keyed_from_id ?? id;
      const hash = entryMac(key, current.last_hash, fields);
      insert.run(
        id,
        entry.atMs,
        entry.profileId,
        entry.action,
        detailJson,
        current.last_hash,
        hash,
        1,
      );
      moveHead.run(id, hash, keyId, keyedFromId, sealHead(key, { keyId, keyedFromId }, id, hash));
    } else {
      // No key (or another installation's): an unkeyed link. On a sealed log the head MAC
      // is left as it was, so verify reports these entries as not sealed.
      const hash = entryHash(current.last_hash, fields);
      insert.run(
        id,
        entry.atMs,
        entry.profileId,
        entry.action,
        detailJson,
        current.last_hash,
        hash,
        0,
      );
      moveHead.run(id, hash, current.key_id, current.keyed_from_id, current.head_mac);
    }
    for (const intent of intentsOf(entry.detail)) nameIntent.run(intent.requestId, id);
    return id;
  });

  const anchor = sqlite.transaction((keyCreated: boolean, atMs: number) => {
    if (key === null || keyId === null) return { anchored: false, coveredEntries: 0 };
    insertHead.run();
    const current = head.get() ?? EMPTY_HEAD;
    if (current.key_id !== null) return { anchored: false, coveredEntries: 0 };
    const keyedFromId = current.last_id + 1;
    moveHead.run(
      current.last_id,
      current.last_hash,
      keyId,
      keyedFromId,
      sealHead(key, { keyId, keyedFromId }, current.last_id, current.last_hash),
    );
    if (current.last_id > 0) {
      append({
        atMs,
        profileId: null,
        action: 'audit.keyed',
        detail: { coveredEntries: current.last_id, keyCreated },
      });
    }
    return { anchored: true, coveredEntries: current.last_id };
  });

  function checkEntry(row: AuditLogRecord, chainKeyId: string | null): AuditEntryCheck {
    const link = row.prev_hash ?? '';
    if (row.keyed === 0) {
      return row.hash === entryHash(link, fieldsOf(row))
        ? { ok: true, sealed: false }
        : { ok: false, reason: `entry ${String(row.id)} was changed after it was written` };
    }
    if (key === null || keyId === null) {
      return {
        ok: false,
        reason: `entry ${String(row.id)} is sealed, but the keychain could not be read to check it`,
      };
    }
    if (chainKeyId !== keyId) {
      return {
        ok: false,
        reason: `entry ${String(row.id)} is sealed with another installation's key`,
      };
    }
    return row.hash === entryMac(key, link, fieldsOf(row))
      ? { ok: true, sealed: true }
      : { ok: false, reason: `entry ${String(row.id)} was changed after it was written` };
  }

  function verifyChain(): {
    result: AuditVerification;
    intents: Map<string, AuditedIntent[]>;
  } {
    const current = head.get() ?? EMPTY_HEAD;
    // The key that can check this log's seals, if we hold it.
    const checkKey =
      key !== null && current.key_id !== null && current.key_id === keyId ? key : null;
    const haveKey = checkKey !== null;
    const keying: AuditKeying =
      current.key_id === null ? 'unkeyed' : haveKey ? 'keyed' : 'key-unavailable';
    const keyedFromId = current.keyed_from_id;
    const intents = new Map<string, AuditedIntent[]>();
    let checked = 0;
    const broken = (firstBrokenId: number | null, reason: string) => ({
      result: {
        ok: false as const,
        checked,
        firstBrokenId,
        reason,
        keying,
        keyedFromId,
        outboxChecked: 0,
      },
      intents,
    });

    if (current.key_id !== null && key !== null && current.key_id !== keyId) {
      return broken(
        null,
        "the log is sealed with another installation's key (this database was copied from another computer, or the keychain entry was replaced), so its seals cannot be checked here",
      );
    }
    let previous = GENESIS_HASH;
    let expectedId = 1;
    for (const row of everything.iterate()) {
      if (row.id !== expectedId) {
        return broken(
          row.id,
          `entry ${String(expectedId)} is missing before entry ${String(row.id)}`,
        );
      }
      const inSealedPart = keyedFromId !== null && row.id >= keyedFromId;
      if (row.prev_hash !== previous || (row.keyed === 1 && !inSealedPart)) {
        return broken(row.id, `entry ${String(row.id)} was changed after it was written`);
      }
      if (inSealedPart && row.keyed === 0) {
        return broken(
          row.id,
          `entry ${String(row.id)} is not sealed with this installation's key although the log is sealed from entry ${String(keyedFromId)}: it was added or rewritten by someone without the key, or written while the keychain could not be reached`,
        );
      }
      // Without the key a sealed entry's link is followed but cannot be checked.
      if (row.keyed === 0 || haveKey) {
        const check = checkEntry(row, current.key_id);
        if (!check.ok) return broken(row.id, check.reason);
      }
      for (const intent of intentsOf(parseDetail(row.detail_json))) {
        const list = intents.get(intent.requestId) ?? [];
        list.push({ ...intent, entryId: row.id });
        intents.set(intent.requestId, list);
      }
      previous = row.hash ?? '';
      expectedId += 1;
      checked += 1;
    }
    if (current.last_id !== checked || current.last_hash !== previous) {
      return broken(
        checked + 1,
        current.last_id > checked
          ? `entries after ${String(checked)} were deleted (the log once reached entry ${String(current.last_id)})`
          : `entries after ${String(current.last_id)} were added behind the app's back`,
      );
    }
    if (current.key_id === null && key !== null && checked > 0) {
      return broken(
        1,
        `none of the ${String(checked)} entries is sealed although this installation has an audit key: the log was rewritten by someone without the key, or written while the keychain could not be reached`,
      );
    }
    if (checkKey !== null && keyId !== null && keyedFromId !== null) {
      const expected = sealHead(
        checkKey,
        { keyId, keyedFromId },
        current.last_id,
        current.last_hash,
      );
      if (current.head_mac !== expected) {
        return broken(
          checked,
          `the end of the log does not carry this installation's seal: entries were cut off or added after entry ${String(checked)}`,
        );
      }
    }
    return {
      result: { ok: true, checked, keying, keyedFromId, outboxChecked: 0 },
      intents,
    };
  }

  function verifyEntry(id: number): AuditEntryCheck {
    const row = byId.get(id);
    if (!row) return { ok: false, reason: `there is no audit entry ${String(id)}` };
    const current = head.get() ?? EMPTY_HEAD;
    if (current.keyed_from_id !== null && row.id >= current.keyed_from_id && row.keyed === 0) {
      return {
        ok: false,
        reason: `entry ${String(id)} is not sealed with this installation's key`,
      };
    }
    return checkEntry(row, current.key_id);
  }

  return {
    append: (entry) => append.immediate(entry),
    list: (listOptions = {}) => page(listOptions).map(toEntry),
    verify: () =>
      sqlite.transaction(() => {
        // One read transaction: the chain and the outbox are seen at the same moment.
        const { result, intents } = verifyChain();
        if (!result.ok) return result;
        return checkOutboxAgainstAudit(sqlite, intents, result);
      })(),
    verifyEntry,
    findIntent: (requestId) => {
      for (const { audit_id: auditId } of intentEntries.all(requestId)) {
        const row = byId.get(auditId);
        if (!row) continue;
        // The hash is read from the entry itself, never from the finding aid.
        const intent = intentsOf(parseDetail(row.detail_json)).find(
          (candidate) => candidate.requestId === requestId,
        );
        if (intent) return { ...intent, entryId: auditId, check: verifyEntry(auditId) };
      }
      return null;
    },
    anchorKey: (keyCreated, atMs = Date.now()) => anchor.immediate(keyCreated, atMs),
    keying: () => {
      const current = head.get() ?? EMPTY_HEAD;
      if (key === null) return current.key_id === null ? 'unkeyed' : 'key-unavailable';
      if (current.key_id === null) return 'unkeyed';
      return current.key_id === keyId ? 'keyed' : 'other-key';
    },
  };
}
