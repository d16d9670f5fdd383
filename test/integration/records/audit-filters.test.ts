/**
 * The audit log for people, through the desk as the renderer calls it (real SQLite file, the
 * real keychain through npm test's private gnome-keyring, simulators over HTTP): listAudit
 * filters by profile (its removal included), action and time in main; `profile.updated`
 * records what changed; no key or secret ever reaches the audit table, the page or the export;
 * and the chain stays valid.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDesk, type Desk } from '../../../electron/services/desk';
import { createKeytarStore } from '../../../electron/services/vault';
import {
  startSimulator,
  type MerchantCredentials,
  type RunningSimulator,
} from '../../../electron/simulator';
import { describeAuditEntry } from '../../../shared/audit-words';
import type { AuditEntry, AuditVerification, Profile } from '../../../shared/ipc';
import { deskCalls } from '../../support/desk-calls';

let dir: string;
let desk: Desk;
let sim: RunningSimulator;
const { call, value } = deskCalls(() => desk);
let profile: Profile;
let first: MerchantCredentials;
let rotated: MerchantCredentials;
/** atMs of the entry each step wrote. */
const at: Record<string, number> = {};

const list = (query: Record<string, unknown> = {}) =>
  value<AuditEntry[]>('listAudit', { limit: 1000, ...query });

async function newest(): Promise<AuditEntry> {
  const [entry] = await list({ limit: 1 });
  if (!entry) throw new Error('empty audit log');
  return entry;
}

/** Entries one step apart never share a millisecond, so a time range can split them. */
async function tick(): Promise<void> {
  const start = Date.now();
  while (Date.now() <= start + 2) await new Promise((resolve) => setTimeout(resolve, 1));
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'payout-desk-audit-filters-'));
  sim = await startSimulator();
  first = sim.merchant;
  desk = await createDesk({
    dataDir: dir,
    secretStore: createKeytarStore('payout-desk-test'),
    simulator: { seed: 'none' },
    sync: { startOnOpen: false, minIntervalMs: 200, maxIntervalMs: 1_000 },
  });

  profile = await value<Profile>('addProfile', {
    name: 'Acme',
    environment: 'custom',
    baseUrl: sim.baseUrl,
    ...first,
  });
  at.added = (await newest()).atMs;
  await tick();
  await value('updateProfile', { id: profile.id, name: 'Acme treasury' });
  at.renamed = (await newest()).atMs;
  await tick();
  // Calypso support issued a new key pair: the old one stops working.
  rotated = sim.rotateCredentials(first.account);
  await value('updateProfile', { id: profile.id, key: rotated.key, secret: rotated.secret });
  at.rekeyed = (await newest()).atMs;
  await tick();
  // A form that sends every field again: saved, nothing changed.
  await value('updateProfile', {
    id: profile.id,
    name: 'Acme treasury',
    key: rotated.key,
    secret: rotated.secret,
  });
  at.resaved = (await newest()).atMs;
}, 30_000);

afterAll(async () => {
  await desk.close();
  await sim.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('profile.updated records what changed', () => {
  it('the name with its old and new value, the key and secret only as replaced', async () => {
    const updates = await list({ profileId: profile.id, actions: ['profile.updated'] });
    expect(updates.map((entry) => entry.detail)).toEqual([
      { credentialsChanged: false, changes: [] },
      { credentialsChanged: true, changes: [{ field: 'key' }, { field: 'secret' }] },
      {
        credentialsChanged: false,
        changes: [{ field: 'name', from: 'Acme', to: 'Acme treasury' }],
      },
    ]);
    const nameOf = () => 'Acme treasury';
    expect(updates.map((entry) => describeAuditEntry(entry, nameOf))).toEqual([
      'Saved with no change',
      'API key replaced; API secret replaced',
      'Name changed from “Acme” to “Acme treasury”',
    ]);
  });

  it('no key or secret, old or new, is in the audit table, a page or the export', async () => {
    const sqlite = new Database(join(dir, 'payout-desk.sqlite'), { readonly: true });
    let table: string;
    try {
      const rows = sqlite.prepare('SELECT * FROM audit_log').all();
      table = JSON.stringify(rows);
    } finally {
      sqlite.close();
    }
    const page = JSON.stringify(await list());
    const { csv } = await value<{ csv: string }>('exportAudit');
    for (const credential of [first.key, first.secret, rotated.key, rotated.secret]) {
      expect(table).not.toContain(credential);
      expect(page).not.toContain(credential);
      expect(csv).not.toContain(credential);
    }
    // The table was read: it holds the rename.
    expect(table).toContain('Acme treasury');
  });
});

describe('listAudit filters in main', () => {
  it('by profile: only that profile’s entries', async () => {
    const entries = await list({ profileId: profile.id });
    expect(entries.map((entry) => entry.action)).toEqual([
      'profile.updated',
      'profile.updated',
      'profile.updated',
      'profile.added',
    ]);
    expect(entries.every((entry) => entry.profileId === profile.id)).toBe(true);
    expect(await list({ profileId: 'nobody' })).toEqual([]);
  });

  it('by actions, alone and with a profile', async () => {
    const added = await list({ actions: ['profile.added'] });
    expect(added.map((entry) => entry.detail.name)).toContain('Acme');
    expect(added.every((entry) => entry.action === 'profile.added')).toBe(true);
    const both = await list({ actions: ['profile.added', 'profile.updated'] });
    expect(new Set(both.map((entry) => entry.action))).toEqual(
      new Set(['profile.added', 'profile.updated']),
    );
    expect(await list({ profileId: 'simulator', actions: ['profile.updated'] })).toEqual([]);
  });

  it('by time: fromMs inclusive, toMs exclusive', async () => {
    const renamed = await list({ fromMs: at.renamed, toMs: (at.renamed ?? 0) + 1 });
    expect(renamed.map((entry) => entry.detail.changes)).toEqual([
      [{ field: 'name', from: 'Acme', to: 'Acme treasury' }],
    ]);
    const fromRekey = await list({ profileId: profile.id, fromMs: at.rekeyed });
    expect(fromRekey).toHaveLength(2);
    const untilRename = await list({ profileId: profile.id, toMs: at.rekeyed });
    expect(untilRename.map((entry) => entry.action)).toEqual(['profile.updated', 'profile.added']);
  });

  it('pages backwards with beforeId under the same filters', async () => {
    const [newestUpdate, ...rest] = await list({ actions: ['profile.updated'], limit: 3 });
    if (!newestUpdate) throw new Error('no entries');
    const older = await list({ actions: ['profile.updated'], beforeId: newestUpdate.id });
    expect(older.map((entry) => entry.id)).toEqual(rest.map((entry) => entry.id));
  });

  it('a removed profile keeps its entries, and its removal shows under its filter', async () => {
    await value('removeProfile', { profileId: profile.id });
    const entries = await list({ profileId: profile.id });
    expect(entries[0]).toMatchObject({
      action: 'profile.removed',
      profileId: null,
      detail: { profileId: profile.id, name: 'Acme treasury' },
    });
    expect(entries).toHaveLength(5);
  });

  it('refuses a bad filter with a sentence naming the argument', async () => {
    const cases: [unknown, RegExp][] = [
      [{ fromMs: 10, toMs: 5 }, /^listAudit: toMs: the end of the date range/],
      [{ actions: [] }, /^listAudit: actions: /],
      [{ actions: ["x' OR 1=1 --"] }, /^listAudit: actions\.0: must be an action name/],
      [{ fromMs: -1 }, /^listAudit: fromMs: /],
      [{ toMs: 1.5 }, /^listAudit: toMs: /],
    ];
    for (const [argument, message] of cases) {
      const result = await call('listAudit', argument);
      expect(result, JSON.stringify(argument)).toMatchObject({
        ok: false,
        error: { code: 'VALIDATION' },
      });
      if (!result.ok) expect(result.error.message).toMatch(message);
    }
  });

  it('the chain is intact after all of it, for the desk and for npm run audit:verify', async () => {
    const verification = await value<AuditVerification>('verifyAudit');
    expect(verification).toMatchObject({ ok: true, keying: 'keyed' });
    const tool = spawnSync(
      'npm',
      ['run', 'audit:verify', '--', '--data-dir', dir, '--keychain-service', 'payout-desk-test'],
      { encoding: 'utf8' },
    );
    expect(tool.status, tool.stdout + tool.stderr).toBe(0);
    expect(tool.stdout).toMatch(
      /intact: \d+ entries verified.*sealed with this installation's key/,
    );
  }, 30_000);
});
