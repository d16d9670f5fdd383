import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  abisInBinary,
  binaryMismatch,
  BUILD_INFO_FILE,
  isNapiBinary,
  locateSqliteBinding,
  nativeBuildDirName,
  SQLITE_ADDON_FILE,
  type ElectronRuntime,
  type NativeBuildInfo,
} from '../../../electron/main/native-binding';

const root = join(__dirname, '../../..');
const nodeSqlite = readFileSync(
  join(root, 'node_modules/better-sqlite3/build/Release/better_sqlite3.node'),
);
const keytar = readFileSync(join(root, 'node_modules/keytar/build/Release/keytar.node'));

const runtime: ElectronRuntime = {
  electronVersion: '45.5.0',
  abi: '150',
  platform: 'linux',
  arch: 'x64',
};
/** A binary that registers itself for ABI 150, as an Electron 45 build does. */
const electronSqlite = Buffer.from('\x7fELF....node_register_module_v150\0....');
const info: NativeBuildInfo = {
  module: 'better-sqlite3',
  moduleVersion: '12.11.1',
  ...runtime,
  source: 'prebuilt',
};
const devDir = join('/app', '.native', 'electron-45.5.0-linux-x64');

function files(entries: Record<string, Buffer | string>) {
  return (file: string) => {
    const found = entries[file];
    return found === undefined ? undefined : Buffer.from(found);
  };
}

function lookup(
  entries: Record<string, Buffer | string>,
  overrides: { isPackaged?: boolean; moduleVersion?: string; runtime?: ElectronRuntime } = {},
) {
  return locateSqliteBinding({
    runtime: overrides.runtime ?? runtime,
    moduleVersion: overrides.moduleVersion ?? '12.11.1',
    isPackaged: overrides.isPackaged ?? false,
    appPath: '/app',
    resourcesPath: '/opt/Payout Desk/resources',
    readFile: files(entries),
  });
}

describe('reading a binary', () => {
  it("finds the Node build's ABI in node_modules' better-sqlite3", () => {
    expect(abisInBinary(nodeSqlite)).toEqual([process.versions.modules]);
    expect(isNapiBinary(nodeSqlite)).toBe(false);
  });

  it('sees that keytar is N-API: one build serves Node and Electron', () => {
    expect(isNapiBinary(keytar)).toBe(true);
    expect(abisInBinary(keytar)).toEqual([]);
  });

  it('refuses a build made for Node while claiming Electron', () => {
    expect(binaryMismatch(nodeSqlite, runtime)).toBe(
      `it was compiled for NODE_MODULE_VERSION ${process.versions.modules}, but Electron 45.5.0 needs 150`,
    );
    expect(binaryMismatch(electronSqlite, runtime)).toBeUndefined();
    expect(binaryMismatch(Buffer.from('not an addon'), runtime)).toContain(
      'no module registration',
    );
  });
});

describe('which better-sqlite3 build main loads', () => {
  it('names the folder after the Electron version, the OS and the CPU', () => {
    expect(nativeBuildDirName(runtime)).toBe('electron-45.5.0-linux-x64');
  });

  it('takes the .native build for this runtime when unpackaged', () => {
    expect(
      lookup({
        [join(devDir, SQLITE_ADDON_FILE)]: electronSqlite,
        [join(devDir, BUILD_INFO_FILE)]: JSON.stringify(info),
      }),
    ).toEqual({ ok: true, file: join(devDir, SQLITE_ADDON_FILE) });
  });

  it('takes resources/native when packaged', () => {
    const dir = join('/opt/Payout Desk/resources', 'native');
    expect(
      lookup(
        {
          [join(dir, SQLITE_ADDON_FILE)]: electronSqlite,
          [join(dir, BUILD_INFO_FILE)]: JSON.stringify(info),
        },
        { isPackaged: true },
      ),
    ).toEqual({ ok: true, file: join(dir, SQLITE_ADDON_FILE) });
  });

  it('says what is missing and how to get it, unpackaged and packaged', () => {
    const dev = lookup({});
    expect(dev).toMatchObject({ ok: false, problem: 'missing' });
    if (dev.ok) return;
    expect(dev.message).toBe(
      `Payout Desk cannot open its database: there is no Electron build of better-sqlite3 at ${join(devDir, SQLITE_ADDON_FILE)} (this app needs better-sqlite3 12.11.1 for Electron 45.5.0 (ABI 150, linux-x64)). Run \`npm start\` again (it prepares the Electron build first) or \`npm run native:electron\`.`,
    );
    const packaged = lookup({}, { isPackaged: true });
    expect(packaged).toMatchObject({ ok: false, problem: 'missing' });
    if (!packaged.ok) expect(packaged.message).toContain('reinstall it');
  });

  it('refuses a stale build: another better-sqlite3, Electron, ABI or CPU', () => {
    const entries = {
      [join(devDir, SQLITE_ADDON_FILE)]: electronSqlite,
      [join(devDir, BUILD_INFO_FILE)]: JSON.stringify(info),
    };
    const newerModule = lookup(entries, { moduleVersion: '12.12.0' });
    expect(newerModule).toMatchObject({ ok: false, problem: 'stale' });
    if (!newerModule.ok) {
      expect(newerModule.message).toContain(
        'it was made for 12.11.1 / 45.5.0 / 150 / linux / x64 (better-sqlite3 / Electron / ABI / platform / arch), but this app needs better-sqlite3 12.12.0',
      );
    }
    // Another Electron with the same folder name cannot happen; another ABI in the info can.
    const otherAbi = { ...info, abi: '140' };
    expect(
      lookup({ ...entries, [join(devDir, BUILD_INFO_FILE)]: JSON.stringify(otherAbi) }),
    ).toMatchObject({ ok: false, problem: 'stale' });
    const arm = { ...runtime, arch: 'arm64' };
    const armDir = join('/app', '.native', 'electron-45.5.0-linux-arm64');
    expect(
      lookup(
        {
          [join(armDir, SQLITE_ADDON_FILE)]: electronSqlite,
          [join(armDir, BUILD_INFO_FILE)]: JSON.stringify(info),
        },
        { runtime: arm },
      ),
    ).toMatchObject({ ok: false, problem: 'stale' });
  });

  it('refuses a binary whose own ABI is not the one its info claims', () => {
    const result = lookup({
      [join(devDir, SQLITE_ADDON_FILE)]: nodeSqlite,
      [join(devDir, BUILD_INFO_FILE)]: JSON.stringify(info),
    });
    expect(result).toMatchObject({ ok: false, problem: 'stale' });
    if (!result.ok) expect(result.message).toContain('but Electron 45.5.0 needs 150');
  });

  it('refuses a build without a readable info file', () => {
    for (const text of [undefined, '{not json', 'null']) {
      const entries: Record<string, Buffer | string> = {
        [join(devDir, SQLITE_ADDON_FILE)]: electronSqlite,
      };
      if (text !== undefined) entries[join(devDir, BUILD_INFO_FILE)] = text;
      const result = lookup(entries);
      expect(result).toMatchObject({ ok: false, problem: 'stale' });
      if (!result.ok) expect(result.message).toContain('build-info.json is missing or unreadable');
    }
  });
});
