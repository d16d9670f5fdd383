import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  applyMigrations,
  createOutboxRepo,
  createProfilesRepo,
  openDatabase,
  readSchemaVersion,
  type CacheDatabase,
} from '../../../electron/services/db';
import { migration001 } from '../../../electron/services/db/migrations/001-initial';
import { migration002 } from '../../../electron/services/db/migrations/002-outbox';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'payout-desk-m002-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('migration 002: outbox', () => {
  it('upgrades a schema-1 database that already holds profiles', () => {
    const file = join(dir, 'cache.sqlite');
    const sqlite = new Database(file);
    applyMigrations(sqlite, [migration001]);
    sqlite
      .prepare(
        `INSERT INTO profiles (id, name, environment, base_url, account, key_hint, created_at)
         VALUES ('p', 'Acme', 'production', 'https://x', '0xabc', NULL, 1)`,
      )
      .run();
    expect(applyMigrations(sqlite, [migration001, migration002])).toEqual([2]);
    expect(readSchemaVersion(sqlite)).toBe(2);
    const columns = sqlite
      .prepare<[], string>("SELECT name FROM pragma_table_info('outbox')")
      .pluck()
      .all();
    expect(columns).toEqual(
      expect.arrayContaining(['request_id', 'profile_id', 'payload_json', 'state', 'result_id']),
    );
    sqlite.close();
  });

  describe('outbox repository', () => {
    let db: CacheDatabase;
    beforeEach(() => {
      db = openDatabase(join(dir, 'cache.sqlite'));
      createProfilesRepo(db).insert({
        id: 'p',
        name: 'Acme',
        environment: 'production',
        baseUrl: 'https://x',
        account: '0xabc',
        keyHint: null,
        createdAt: 1,
      });
    });
    afterEach(() => {
      db.close();
    });

    it('one request id stores one intent, whatever is inserted again under it', () => {
      const outbox = createOutboxRepo(db);
      const first = outbox.insertPending({
        requestId: 'r1',
        profileId: 'p',
        kind: 'single',
        payload: { amount: '0.000000000000000001', currency: 'ETH' },
        atMs: 10,
      });
      const second = outbox.insertPending({
        requestId: 'r1',
        profileId: 'p',
        kind: 'single',
        payload: { amount: '999', currency: 'ETH' },
        atMs: 20,
      });
      expect(second).toEqual(first);
      expect(second.payload).toEqual({ amount: '0.000000000000000001', currency: 'ETH' });
      expect(outbox.listPending('p').map((entry) => entry.requestId)).toEqual(['r1']);
    });

    it('moves pending -> done, and a done entry is never rejected afterwards', () => {
      const outbox = createOutboxRepo(db);
      outbox.insertPending({ requestId: 'r2', profileId: 'p', kind: 'mass', payload: {}, atMs: 1 });
      outbox.markDone('r2', '1001', 2);
      outbox.markRejected('r2', '016', 'late refusal', 3);
      expect(outbox.get('r2')).toMatchObject({ state: 'done', resultId: '1001', errorCode: null });
      expect(outbox.wasSentFromApp('p', 'mass', '1001')).toBe(true);
      expect(outbox.wasSentFromApp('p', 'single', '1001')).toBe(false);
      expect(outbox.listPending()).toEqual([]);
    });

    it('deleting the profile deletes its outbox rows', () => {
      const outbox = createOutboxRepo(db);
      outbox.insertPending({
        requestId: 'r3',
        profileId: 'p',
        kind: 'single',
        payload: {},
        atMs: 1,
      });
      createProfilesRepo(db).delete('p');
      expect(outbox.get('r3')).toBeUndefined();
    });
  });
});
