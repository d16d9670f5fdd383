// A sealed audit log on a start where the keychain cannot be reached (a child process whose
// D-Bus socket does not exist): the desk's records still open, the person is told that this
// session's entries are not sealed, `audit:verify` says the seals could not be checked, and
// once the key is back, verify names the unsealed entry.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { deletePassword } from 'keytar';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuditLog, openDatabase } from '../../../electron/services/db';
import { silentLogger } from '../../../electron/services/log';
import { openRecords } from '../../../electron/services/records/open-records';
import {
  AUDIT_KEY_ACCOUNT,
  createAuditKeyVault,
  createKeytarStore,
} from '../../../electron/services/vault';

const ROOT = resolve(__dirname, '../../..');
// A service of its own: parallel test files creating the shared test service's first key
// at the same moment could each end up holding a different one.
const SERVICE = 'payout-desk-test-unreachable';
let dir: string;

function noKeychain(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env.DISPLAY;
  delete env.WAYLAND_DISPLAY;
  env.DBUS_SESSION_BUS_ADDRESS = 'unix:path=/nonexistent/payout-desk/bus';
  return env;
}

// Opens the records as the desk does, writes one entry, prints the notices.
const CHILD = `
const { openRecords } = require(${JSON.stringify(join(ROOT, 'electron/services/records/open-records'))});
const { createKeytarStore } = require(${JSON.stringify(join(ROOT, 'electron/services/vault'))});
const { silentLogger } = require(${JSON.stringify(join(ROOT, 'electron/services/log'))});
openRecords({ dataDir: process.argv[1], secretStore: createKeytarStore('payout-desk-test-unreachable'), now: Date.now, log: silentLogger })
  .then(async ({ db, audit, backups, notices }) => {
    audit.append({ atMs: Date.now(), profileId: null, action: 'profile.added', detail: {} });
    const keying = audit.keying();
    await backups.close();
    db.close();
    console.log(JSON.stringify({ notices, keying }));
  });
`;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'payout-desk-nokeychain-'));
  const records = await openRecords({
    dataDir: dir,
    secretStore: createKeytarStore(SERVICE),
    now: Date.now,
    log: silentLogger,
  });
  records.audit.append({ atMs: 1, profileId: null, action: 'profile.added', detail: {} });
  await records.backups.close();
  records.db.close();
});

afterAll(async () => {
  await deletePassword(SERVICE, AUDIT_KEY_ACCOUNT);
  rmSync(dir, { recursive: true, force: true });
});

describe('a sealed audit log without the keychain', () => {
  it('audit:verify says the seals could not be checked', () => {
    const result = spawnSync(
      'npm',
      ['run', 'audit:verify', '--', '--data-dir', dir, '--keychain-service', SERVICE],
      { cwd: ROOT, env: noKeychain(), encoding: 'utf8', timeout: 60_000 },
    );
    expect(result.stdout).toMatch(
      /intact: 1 entries verified.*sealed, but the key could not be read/,
    );
    expect(result.status).toBe(0);
  });

  it('the desk starts, says its entries are not sealed, and verify later names them', async () => {
    const child = spawnSync(process.execPath, ['--import', 'tsx', '-e', CHILD, dir], {
      cwd: ROOT,
      env: noKeychain(),
      encoding: 'utf8',
      timeout: 60_000,
    });
    const line = child.stdout.trim().split('\n').at(-1) ?? '';
    const printed = JSON.parse(line) as {
      notices: { kind: string; message: string }[];
      keying: string;
    };
    expect(printed.keying).toBe('key-unavailable');
    expect(printed.notices).toEqual([
      expect.objectContaining({
        kind: 'audit-unsealed',
        message: expect.stringMatching(/not sealed, and Verify will report them/) as unknown,
      }),
    ]);

    const { key } = await createAuditKeyVault(createKeytarStore(SERVICE)).readOrCreate();
    const db = openDatabase(join(dir, 'payout-desk.sqlite'));
    const verification = createAuditLog(db, { key }).verify();
    db.close();
    expect(verification).toMatchObject({
      ok: false,
      firstBrokenId: 2,
      keying: 'keyed',
      reason: expect.stringMatching(/written while the keychain could not be reached/) as unknown,
    });
  });
});
