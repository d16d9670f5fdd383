import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createAuditLog,
  createProfilesRepo,
  createSyncStateRepo,
  openDatabase,
  type CacheDatabase,
} from '../../../electron/services/db';

let dir: string;
let db: CacheDatabase;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'payout-desk-state-'));
  db = openDatabase(join(dir, 'cache.sqlite'));
  createProfilesRepo(db).insert({
    id: 'p1',
    name: 'P1',
    environment: 'simulator',
    baseUrl: 'http://127.0.0.1:1',
    account: '0x1',
    keyHint: null,
    createdAt: 1,
  });
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('sync state', () => {
  it('keeps the last success through a failure, and a success clears the error', () => {
    const state = createSyncStateRepo(db);
    expect(state.get('p1', 'single')).toBeUndefined();
    state.recordSuccess('p1', 'single', 100, true);
    state.recordFailure('p1', 'single', 200, 'NO_NETWORK', 'Calypso did not answer');
    expect(state.get('p1', 'single')).toEqual({
      profileId: 'p1',
      kind: 'single',
      lastFullSyncMs: 100,
      lastSyncedMs: 100,
      lastAttemptMs: 200,
      lastErrorCode: 'NO_NETWORK',
      lastErrorMessage: 'Calypso did not answer',
    });
    state.recordSuccess('p1', 'single', 300, false);
    expect(state.get('p1', 'single')).toMatchObject({
      lastFullSyncMs: 100,
      lastSyncedMs: 300,
      lastErrorCode: null,
      lastErrorMessage: null,
    });
    state.recordFailure('p1', 'mass', 50, 'AUTH_REJECTED', 'bad key');
    expect(state.list('p1').map((row) => [row.kind, row.lastSyncedMs])).toEqual([
      ['mass', null],
      ['single', 300],
    ]);
  });
});

describe('audit log', () => {
  it('appends and lists newest first, per profile, with paging', () => {
    const audit = createAuditLog(db);
    const first = audit.append({ atMs: 1, profileId: 'p1', action: 'profile.added', detail: {} });
    audit.append({ atMs: 2, profileId: null, action: 'app.started', detail: { version: '0.1.0' } });
    const third = audit.append({
      atMs: 3,
      profileId: 'p1',
      action: 'payout.submitted',
      detail: { amount: '0.000000000000000001', currency: 'ETH' },
    });
    expect(audit.list().map((entry) => entry.action)).toEqual([
      'payout.submitted',
      'app.started',
      'profile.added',
    ]);
    expect(audit.list({ profileId: 'p1' }).map((entry) => entry.id)).toEqual([third, first]);
    expect(audit.list({ beforeId: third, limit: 1 }).map((entry) => entry.action)).toEqual([
      'app.started',
    ]);
    expect(audit.list({ profileId: 'p1', limit: 1 })[0]?.detail).toEqual({
      amount: '0.000000000000000001',
      currency: 'ETH',
    });
  });

  it('refuses to change or delete an entry', () => {
    const audit = createAuditLog(db);
    const id = audit.append({ atMs: 1, profileId: 'p1', action: 'profile.added', detail: {} });
    expect(() =>
      db.sqlite.prepare("UPDATE audit_log SET action = 'forged' WHERE id = ?").run(id),
    ).toThrow(/append-only/);
    expect(() => db.sqlite.prepare('DELETE FROM audit_log WHERE id = ?').run(id)).toThrow(
      /append-only/,
    );
    expect(audit.list()[0]?.action).toBe('profile.added');
  });

  it('keeps the trail of a deleted profile', () => {
    const audit = createAuditLog(db);
    audit.append({ atMs: 1, profileId: 'p1', action: 'profile.added', detail: {} });
    expect(createProfilesRepo(db).delete('p1')).toBe(true);
    expect(audit.list({ profileId: 'p1' })).toHaveLength(1);
  });
});
