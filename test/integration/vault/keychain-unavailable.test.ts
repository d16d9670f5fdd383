// What a user without a usable keychain gets: a KEYCHAIN_UNAVAILABLE error that says what to
// install, in a child process whose D-Bus session is missing or has no unlocked keyring.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KeychainUnavailableError, toKeychainError } from '../../../electron/services/vault';

const ROOT = resolve(__dirname, '../../..');
const SECRET = 'S3CRET-must-never-be-printed';

// Saves credentials through the real vault and prints what came back, as JSON.
const CHILD = `
const vault = require(${JSON.stringify(join(ROOT, 'electron/services/vault'))});
const credentials = vault.createCredentialVault(vault.createKeytarStore('payout-desk-test'));
credentials.saveCredentials('probe-profile', { key: 'k-0000000000000', secret: ${JSON.stringify(SECRET)} })
  .then(() => console.log(JSON.stringify({ ok: true })))
  .catch((e) => console.log(JSON.stringify({ name: e.name, code: e.code, reason: e.reason,
    isTyped: e instanceof vault.KeychainUnavailableError, message: e.message })));
`;

type ChildResult = { code?: string; reason?: string; isTyped?: boolean; message?: string };

function runChild(env: NodeJS.ProcessEnv, wrap: string[] = []): ChildResult {
  const node = [process.execPath, '--import', 'tsx', '-e', CHILD];
  const [command, ...args] = [...wrap, ...node];
  const result = spawnSync(command ?? process.execPath, args, {
    cwd: ROOT,
    env,
    encoding: 'utf8',
    timeout: 20_000,
  });
  const line = result.stdout.trim().split('\n').at(-1) ?? '';
  expect(result.stdout + result.stderr).not.toContain(SECRET);
  return JSON.parse(line) as ChildResult;
}

function withoutSession(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env.DISPLAY;
  delete env.WAYLAND_DISPLAY;
  delete env.DBUS_SESSION_BUS_ADDRESS;
  return env;
}

function expectInstallHint(message: string | undefined) {
  expect(message).toMatch(/Secret Service/);
  expect(message).toMatch(/gnome-keyring/);
  expect(message).toMatch(/KWallet/);
  expect(message).toMatch(/D-Bus/);
  expect(message).toMatch(/unlocked/);
}

describe('no usable keychain', () => {
  it('reports KEYCHAIN_UNAVAILABLE when the D-Bus socket does not exist', () => {
    const result = runChild({
      ...withoutSession(),
      DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/payout-desk/bus',
    });
    expect(result).toMatchObject({ code: 'KEYCHAIN_UNAVAILABLE', isTyped: true });
    expect(result.reason).toBe('no-session-bus');
    expectInstallHint(result.message);
  });

  it('reports KEYCHAIN_UNAVAILABLE when there is no D-Bus session and no display', () => {
    const result = runChild(withoutSession());
    expect(result).toMatchObject({ code: 'KEYCHAIN_UNAVAILABLE', reason: 'no-session-bus' });
    expect(result.message).toContain('Cannot autolaunch D-Bus');
    expectInstallHint(result.message);
  });

  it('reports KEYCHAIN_UNAVAILABLE when the session has no unlocked keyring', () => {
    const dataHome = mkdtempSync(join(tmpdir(), 'payout-desk-nokeyring-'));
    try {
      const result = runChild({ ...withoutSession(), XDG_DATA_HOME: dataHome }, [
        'dbus-run-session',
        '--',
      ]);
      expect(result).toMatchObject({ code: 'KEYCHAIN_UNAVAILABLE', reason: 'no-secret-service' });
      expect(result.message).toMatch(/collection\/login/);
      expectInstallHint(result.message);
    } finally {
      rmSync(dataHome, { recursive: true, force: true });
    }
  });
});

describe('toKeychainError', () => {
  it('recognises a locked keyring', () => {
    const error = toKeychainError(
      new Error('Cannot create an item in a locked collection'),
      'write',
    );
    expect(error).toBeInstanceOf(KeychainUnavailableError);
    expect(error.reason).toBe('locked');
    expect(error.operation).toBe('write');
  });

  it('recognises a missing libsecret before the generic "no such file"', () => {
    const error = toKeychainError(
      new Error('libsecret-1.so.0: cannot open shared object file: No such file or directory'),
      'load',
    );
    expect(error.reason).toBe('not-installed');
  });

  it('cuts the secret out of whatever the keychain said', () => {
    const error = toKeychainError(new Error(`failed to store ${SECRET} now`), 'write', [SECRET]);
    expect(error.message).not.toContain(SECRET);
    expect(error.keychainMessage).toBe('failed to store [redacted] now');
    expect(error.reason).toBe('refused');
  });

  it('gives the hint of the platform', () => {
    const mac = toKeychainError(
      new Error('User interaction is not allowed.'),
      'read',
      [],
      'darwin',
    );
    expect(mac.message).toMatch(/Keychain Access/);
    expect(mac.message).not.toMatch(/gnome-keyring/);
    expect(toKeychainError('x', 'read', [], 'win32').message).toMatch(/Credential Manager/);
  });
});
