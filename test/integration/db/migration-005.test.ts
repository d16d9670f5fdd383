import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  applyMigrations,
  BUILT_IN_SIMULATOR_TARGET,
  createOutboxRepo,
  createProfilesRepo,
  IntentConflictError,
  MIGRATIONS,
  openDatabase,
  readSchemaVersion,
  type CacheDatabase,
} from '../../../electron/services/db';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'payout-desk-m005-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

describe('migration 005: intents bound to their target', () => {
  it('backfills target, payload hash and expiry of a schema-4 outbox, and stops the cascade', () => {
    const file = join(dir, 'cache.sqlite');
    const sqlite = new Database(file);
    sqlite.pragma('foreign_keys = ON');
    applyMigrations(sqlite, MIGRATIONS.slice(0, 4));
    const profile = sqlite.prepare(
      `INSERT INTO profiles (id, name, environment, base_url, account, key_hint, created_at)
       VALUES (?, ?, ?, ?, ?, NULL, 1)`,
    );
    profile.run('p', 'Acme', 'custom', 'https://calypso.acme.test', '0xacme');
    profile.run('simulator', 'Simulator', 'simulator', 'http://127.0.0.1:41234', 'sim-account');
    const row = sqlite.prepare(
      `INSERT INTO outbox (request_id, profile_id, kind, payload_json, state, created_ms,
         updated_ms) VALUES (?, ?, 'single', ?, ?, ?, ?)`,
    );
    row.run('r-pending', 'p', '{"amount":"1.5","idempotencyKey":"r-pending"}', 'pending', 100, 100);
    row.run('r-done', 'p', '{"amount":"2"}', 'done', 200, 300);
    row.run('r-sim', 'simulator', '{"amount":"3"}', 'pending', 400, 400);
    sqlite.close();

    const db = openDatabase(file);
    expect(readSchemaVersion(db.sqlite)).toBeGreaterThanOrEqual(5);
    const outbox = createOutboxRepo(db);
    expect(outbox.get('r-pending')).toMatchObject({
      state: 'pending',
      target: { baseUrl: 'https://calypso.acme.test', account: '0xacme' },
      payloadJson: '{"amount":"1.5","idempotencyKey":"r-pending"}',
      payloadHash: sha256('{"amount":"1.5","idempotencyKey":"r-pending"}'),
      auditId: null,
      expiresMs: 100 + 24 * 60 * 60 * 1000,
    });
    expect(outbox.get('r-done')).toMatchObject({ state: 'done', createdMs: 200, updatedMs: 300 });
    // The built-in simulator's port changes at every start: its target is symbolic.
    expect(outbox.get('r-sim')?.target).toEqual({
      baseUrl: BUILT_IN_SIMULATOR_TARGET,
      account: 'sim-account',
    });

    // A profile with an unresolved intent cannot be deleted, whoever tries (raw SQL too).
    expect(() => db.sqlite.prepare("DELETE FROM profiles WHERE id = 'p'").run()).toThrow(
      /outcome is not settled/,
    );
    outbox.markDone('r-pending', '77', 500);
    // Settled: the profile goes, its outbox rows stay (no cascade), without a profile id.
    expect(createProfilesRepo(db).delete('p')).toBe(true);
    expect(outbox.get('r-pending')).toMatchObject({ profileId: null, state: 'done' });
    expect(outbox.get('r-done')).toMatchObject({ profileId: null, state: 'done' });
    db.close();
  });

  describe('outbox repository at schema 5', () => {
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

    it('one request id is one instruction: the same payload returns it, another is refused', () => {
      const outbox = createOutboxRepo(db);
      const payload = { amount: '0.000000000000000001', currency: 'ETH', idempotencyKey: 'r1' };
      const first = outbox.insertPending({
        requestId: 'r1',
        profileId: 'p',
        kind: 'single',
        payload,
        atMs: 10,
      });
      expect(first).toMatchObject({
        state: 'not-sent',
        target: { baseUrl: 'https://x', account: '0xabc' },
        payloadHash: sha256(JSON.stringify(payload)),
      });
      const again = outbox.insertPending({
        requestId: 'r1',
        profileId: 'p',
        kind: 'single',
        payload: { ...payload },
        atMs: 20,
      });
      expect(again).toEqual(first);
      expect(() =>
        outbox.insertPending({
          requestId: 'r1',
          profileId: 'p',
          kind: 'single',
          payload: { ...payload, amount: '999' },
          atMs: 30,
        }),
      ).toThrow(IntentConflictError);
      expect(outbox.get('r1')?.payload).toEqual(payload);
      expect(outbox.listUnresolved('p').map((entry) => entry.requestId)).toEqual(['r1']);
    });

    it('moves only along the guarded transitions', () => {
      const outbox = createOutboxRepo(db, { expiryMs: 1_000 });
      const insert = (requestId: string, atMs: number) =>
        outbox.insertPending({ requestId, profileId: 'p', kind: 'mass', payload: {}, atMs });
      insert('sent', 1);
      expect(outbox.claimForSend('sent', 2)).toBe(true);
      outbox.markDone('sent', '1001', 3);
      outbox.markRejected('sent', '016', 'late refusal', 4);
      expect(outbox.get('sent')).toMatchObject({ state: 'done', resultId: '1001', attempts: 1 });
      expect(outbox.wasSentFromApp('p', 'mass', '1001')).toBe(true);

      insert('cancel-me', 10);
      expect(outbox.cancel('cancel-me', 11)).toBe(true);
      expect(outbox.claimForSend('cancel-me', 12)).toBe(false);
      expect(outbox.get('cancel-me')?.state).toBe('cancelled');

      insert('in-flight', 20);
      expect(outbox.claimForSend('in-flight', 21)).toBe(true);
      // It may have reached Calypso: no cancelling any more.
      expect(outbox.cancel('in-flight', 22)).toBe(false);
      outbox.markNotSent('in-flight', 'connection refused', 23);
      expect(outbox.get('in-flight')?.state).toBe('not-sent');

      insert('late', 30);
      // Only what is past its own expiry: in-flight (not sent since 20) goes, late stays.
      expect(outbox.expireDue(1_029)).toBe(1);
      expect(outbox.get('in-flight')?.state).toBe('expired');
      expect(outbox.get('late')?.state).toBe('not-sent');
      expect(outbox.claimForSend('late', 1_030)).toBe(false);
      expect(outbox.expireDue(1_030)).toBe(1);
      expect(outbox.get('late')?.state).toBe('expired');
      expect(outbox.unresolvedCount('p')).toBe(0);
    });
  });
});
