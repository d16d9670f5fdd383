// An attacker with write access to the SQLite file but not to the keychain: each edit below
// drops the append-only triggers and re-hashes the chain consistently (the algorithm is no
// secret), then `verify` must still name the tampering. Runs against the real keychain
// (test service name), a real SQLite file and the real repos.
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { deletePassword } from 'keytar';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { entryHash } from '../../../electron/services/db/audit-chain';
import {
  createAuditLog,
  createOutboxRepo,
  openDatabase,
  type AuditLog,
  type CacheDatabase,
} from '../../../electron/services/db';
import { payloadHash, serializePayload } from '../../../electron/services/payouts/payload-hash';
import {
  AUDIT_KEY_ACCOUNT,
  createAuditKeyVault,
  createKeytarStore,
} from '../../../electron/services/vault';
import { rawConnection, rewriteAuditLog, type AuditRow } from '../../support/audit-attacker';

// A service of its own: parallel test files creating the shared test service's first key
// at the same moment could each end up holding a different one.
const SERVICE = 'payout-desk-test-tamper';

type Row = AuditRow;

let key: Buffer;
let dir: string;
let file: string;

beforeAll(async () => {
  ({ key } = await createAuditKeyVault(createKeytarStore(SERVICE)).readOrCreate());
});

function withLog<T>(use: (audit: AuditLog, db: CacheDatabase) => T, withKey = true): T {
  const db = openDatabase(file);
  try {
    return use(createAuditLog(db, { key: withKey ? key : null }), db);
  } finally {
    db.close();
  }
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'payout-desk-tamper-'));
  file = join(dir, 'payout-desk.sqlite');
  withLog((audit) => {
    audit.anchorKey(false);
    for (let n = 1; n <= 5; n += 1) {
      audit.append({
        atMs: n,
        profileId: 'p',
        action: 'payout.submitted',
        detail: { amount: `${n}` },
      });
    }
  });
});

afterAll(async () => {
  await deletePassword(SERVICE, AUDIT_KEY_ACCOUNT);
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

const raw = <T>(use: (sqlite: Database.Database) => T): T => rawConnection(file, use);
const rewrite = (change: (rows: Row[]) => Row[]) => {
  rewriteAuditLog(file, change);
};

const verify = (withKey = true) => withLog((audit) => audit.verify(), withKey);
/** The value, or a failed test when it is missing. */
function must<T>(value: T | null | undefined): T {
  if (value === null || value === undefined) throw new Error('expected a value');
  return value;
}

const renumber = (rows: Row[]) => rows.map((row, index) => ({ ...row, id: index + 1 }));

describe('a keyed audit log', () => {
  it('verifies when untouched, and says it is sealed', () => {
    expect(verify()).toEqual({
      ok: true,
      checked: 5,
      keying: 'keyed',
      keyedFromId: 1,
      outboxChecked: 0,
    });
  });

  it('without the key, follows the links and says the seals were not checked', () => {
    expect(verify(false)).toMatchObject({ ok: true, checked: 5, keying: 'key-unavailable' });
  });
});

describe('a consistently re-hashed edit of the file is still found', () => {
  it('an edited entry', () => {
    rewrite((rows) =>
      rows.map((row) => (row.id === 3 ? { ...row, detail_json: '{"amount":"3000"}' } : row)),
    );
    expect(verify()).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/none of the 5 entries is sealed/) as unknown,
    });
  });

  it('a deleted entry', () => {
    rewrite((rows) => renumber(rows.filter((row) => row.id !== 2)));
    expect(verify().ok).toBe(false);
  });

  it('reordered entries', () => {
    rewrite((rows) => renumber([0, 2, 1, 3, 4].map((index) => must(rows[index]))));
    expect(verify().ok).toBe(false);
  });

  it('a truncated tail', () => {
    rewrite((rows) => rows.slice(0, 3));
    expect(verify().ok).toBe(false);
  });

  it('an appended entry', () => {
    rewrite((rows) => [
      ...rows,
      { id: 6, at_ms: 6, profile_id: 'p', action: 'payout.cancelled', detail_json: '{}' },
    ]);
    expect(verify().ok).toBe(false);
  });
});

describe('edits that keep the head as it was', () => {
  it('an unkeyed entry appended after the sealed ones', () => {
    raw((sqlite) => {
      const last = must(
        sqlite.prepare<[], { hash: string }>('SELECT hash FROM audit_log WHERE id = 5').get(),
      );
      const fields = {
        id: 6,
        atMs: 6,
        profileId: 'p',
        action: 'payout.cancelled',
        detailJson: '{}',
      };
      const hash = entryHash(last.hash, fields);
      sqlite
        .prepare(
          `INSERT INTO audit_log (id, at_ms, profile_id, action, detail_json, prev_hash, hash, keyed)
           VALUES (6, 6, 'p', 'payout.cancelled', '{}', ?, ?, 0)`,
        )
        .run(last.hash, hash);
      sqlite.prepare('UPDATE audit_head SET last_id = 6, last_hash = ? WHERE id = 1').run(hash);
    });
    expect(verify()).toMatchObject({ ok: false, firstBrokenId: 6 });
  });

  it('a tail cut off with the head moved back to a real earlier link', () => {
    raw((sqlite) => {
      const third = must(
        sqlite.prepare<[], { hash: string }>('SELECT hash FROM audit_log WHERE id = 3').get(),
      );
      sqlite.exec('DELETE FROM audit_log WHERE id > 3');
      sqlite
        .prepare('UPDATE audit_head SET last_id = 3, last_hash = ? WHERE id = 1')
        .run(third.hash);
    });
    expect(verify()).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/cut off or added/) as unknown,
    });
  });
});

describe('entries written before the key existed', () => {
  it('are covered by the first seal: re-hashing one of them is found', () => {
    rmSync(dir, { recursive: true, force: true });
    dir = mkdtempSync(join(tmpdir(), 'payout-desk-tamper-'));
    file = join(dir, 'payout-desk.sqlite');
    withLog((audit) => {
      audit.append({ atMs: 1, profileId: 'p', action: 'profile.added', detail: {} });
      audit.append({
        atMs: 2,
        profileId: 'p',
        action: 'payout.submitted',
        detail: { amount: '1' },
      });
    }, false);
    expect(verify(false)).toMatchObject({ ok: true, keying: 'unkeyed', keyedFromId: null });
    // Someone with the key (the app at its next start) seals the log from here on.
    withLog((audit) => {
      expect(audit.anchorKey(true)).toEqual({ anchored: true, coveredEntries: 2 });
    });
    expect(verify()).toMatchObject({ ok: true, checked: 3, keying: 'keyed', keyedFromId: 3 });
    raw((sqlite) => {
      const first = must(
        sqlite.prepare<[], { hash: string }>('SELECT hash FROM audit_log WHERE id = 1').get(),
      );
      const fields = {
        id: 2,
        atMs: 2,
        profileId: 'p',
        action: 'payout.submitted',
        detailJson: '{"amount":"900"}',
      };
      sqlite
        .prepare('UPDATE audit_log SET detail_json = ?, hash = ? WHERE id = 2')
        .run(fields.detailJson, entryHash(first.hash, fields));
    });
    expect(verify()).toMatchObject({ ok: false, firstBrokenId: 3 });
  });
});

describe('outbox payloads against their audited hash', () => {
  const payload = { amount: '12.5', currency: 'TRX', address: 'TJ1', idempotencyKey: 'k' };
  let requestId: string;

  beforeEach(() => {
    requestId = randomUUID();
    withLog((audit, db) => {
      db.sqlite
        .prepare(
          `INSERT INTO profiles (id, name, environment, base_url, account, key_hint, created_at)
           VALUES ('p', 'Acme', 'production', 'https://x', '0xabc', NULL, 1)`,
        )
        .run();
      const outbox = createOutboxRepo(db);
      const stored = outbox.insertPending({
        requestId,
        profileId: 'p',
        kind: 'single',
        payload: { ...payload, idempotencyKey: requestId },
        atMs: 10,
      });
      const hash = payloadHash(serializePayload(stored.payload));
      audit.append({
        atMs: 10,
        profileId: 'p',
        action: 'payout.submitted',
        detail: { requestId, intents: [{ requestId, payloadHash: hash }] },
      });
    });
  });

  it('match when nothing was touched', () => {
    expect(verify()).toMatchObject({ ok: true, checked: 6, outboxChecked: 1 });
  });

  it('find a payload redirected to another address', () => {
    raw((sqlite) => {
      sqlite
        .prepare(
          "UPDATE outbox SET payload_json = replace(payload_json, 'TJ1', 'TATTACKER') WHERE request_id = ?",
        )
        .run(requestId);
    });
    expect(verify()).toMatchObject({
      ok: false,
      firstBrokenId: 6,
      reason: expect.stringContaining(`outbox entry ${requestId} no longer matches`) as unknown,
    });
  });

  it('find an outbox row no audit entry names', () => {
    const forgedJson = '{"amount":"5000"}';
    raw((sqlite) => {
      sqlite
        .prepare(
          `INSERT INTO outbox (request_id, profile_id, kind, payload_json, payload_hash,
             target_base_url, target_account, state, created_ms, updated_ms, expires_ms)
           VALUES ('forged', 'p', 'single', ?, ?, 'https://x', '0xabc', 'pending', 11, 11, 99)`,
        )
        .run(forgedJson, payloadHash(forgedJson));
    });
    expect(verify()).toMatchObject({
      ok: false,
      firstBrokenId: null,
      reason: expect.stringMatching(/outbox entry forged is named by no audit entry/) as unknown,
    });
  });

  it('can be checked one at a time for the send: findIntent confirms the entry with the key', () => {
    withLog((audit) => {
      expect(audit.findIntent(requestId)).toMatchObject({
        entryId: 6,
        payloadHash: payloadHash(serializePayload({ ...payload, idempotencyKey: requestId })),
        check: { ok: true, sealed: true },
      });
      expect(audit.findIntent('nobody')).toBeNull();
    });
    raw((sqlite) => {
      sqlite.exec(
        `UPDATE audit_log SET detail_json = replace(detail_json, '"intents"', '"intents" ') WHERE id = 6`,
      );
    });
    withLog((audit) => {
      expect(audit.verifyEntry(6)).toMatchObject({ ok: false });
      expect(audit.verifyEntry(5)).toEqual({ ok: true, sealed: true });
    });
  });
});

describe('npm run audit:verify reaches the keychain', () => {
  const run = () =>
    spawnSync(
      'npm',
      ['run', 'audit:verify', '--', '--data-dir', dir, '--keychain-service', SERVICE],
      { encoding: 'utf8' },
    );

  it('says the log is sealed, then finds a consistent re-hash', () => {
    const intact = run();
    expect(intact.stdout).toMatch(
      /intact: 5 entries verified, 0 outbox payloads .*sealed with this installation's key/,
    );
    expect(intact.status).toBe(0);
    rewrite((rows) => rows.slice(0, 4));
    const broken = run();
    expect(broken.stdout).toMatch(/BROKEN/);
    expect(broken.status).toBe(1);
  });

  it('says so when the log was never keyed', () => {
    rmSync(dir, { recursive: true, force: true });
    dir = mkdtempSync(join(tmpdir(), 'payout-desk-tamper-'));
    file = join(dir, 'payout-desk.sqlite');
    withLog((audit) => audit.append({ atMs: 1, profileId: null, action: 'x', detail: {} }), false);
    const result = spawnSync(
      'npm',
      ['run', 'audit:verify', '--', '--data-dir', dir, '--keychain-service', `${SERVICE}-none`],
      { encoding: 'utf8' },
    );
    expect(result.stdout).toMatch(/intact: 1 entries verified.*UNKEYED/);
    expect(result.status).toBe(0);
  });
});
