/**
 * The BUILT main process (out/main/index.js, rebuilt once here) under a stand-in `electron`
 * module, in a child Node process: the window, the app:// handler, the IPC table, the sender
 * checks, navigation, permissions, the single-instance lock and a clean shutdown are checked
 * through the real wiring, not as loose functions. The better-sqlite3 build main loads is the
 * one the native-binding rules pick: a copy of node_modules' Node build placed where the
 * Electron build would be, with its info file (Node's ABI plays Electron's here).
 */
import { spawnSync } from 'node:child_process';
import { fork, type ChildProcess } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DESK_METHOD_NAMES } from '../../../shared/ipc-names';
import { startSimulator } from '../../../electron/simulator';
import {
  BUILD_INFO_FILE,
  nativeBuildDir,
  SQLITE_ADDON_FILE,
  type NativeBuildInfo,
} from '../../../electron/main/native-binding';
import type { BootCommand, BootSnapshot } from '../../support/fake-electron/boot-child';
import type { FakeElectronConfig } from '../../support/fake-electron/electron';

const root = resolve(__dirname, '../../..');
const requireFromRoot = createRequire(join(root, 'package.json'));
const builtMain = join(root, 'out', 'main', 'index.js');
const bootChild = join(root, 'test', 'support', 'fake-electron', 'boot-child.ts');
const electronVersion = (requireFromRoot('electron/package.json') as { version: string }).version;
const sqliteVersion = (requireFromRoot('better-sqlite3/package.json') as { version: string })
  .version;
const nodeSqliteAddon = join(
  root,
  'node_modules',
  'better-sqlite3',
  'build',
  'Release',
  SQLITE_ADDON_FILE,
);
const APP_URL = 'app://desk/index.html';

type Message =
  | { type: 'loaded' }
  | { type: 'result'; id: number; result?: unknown; error?: string }
  | { type: 'exit'; code: number; snapshot: BootSnapshot };

/** A running built main process and the commands the test sends it. */
class BootedMain {
  private nextId = 1;
  private readonly waiting = new Map<number, (message: Message) => void>();
  readonly exited: Promise<{ code: number; snapshot: BootSnapshot }>;
  readonly loaded: Promise<void>;
  stderr = '';

  constructor(
    readonly child: ChildProcess,
    readonly dirs: { appPath: string; userData: string; logs: string },
  ) {
    child.stderr?.on('data', (chunk: Buffer) => {
      this.stderr += chunk.toString();
    });
    let onLoaded: () => void = () => undefined;
    this.loaded = new Promise((resolve) => (onLoaded = resolve));
    this.exited = new Promise((resolve, reject) => {
      child.on('message', (message: Message) => {
        if (message.type === 'loaded') onLoaded();
        if (message.type === 'exit') resolve(message);
        if (message.type === 'result') this.waiting.get(message.id)?.(message);
      });
      child.on('exit', (code) => {
        reject(new Error(`main exited (${String(code)}) without its report:\n${this.stderr}`));
      });
    });
    this.exited.catch(() => undefined);
  }

  async send<T>(command: BootCommand): Promise<T> {
    const id = this.nextId++;
    const answer = new Promise<Message>((resolve) => this.waiting.set(id, resolve));
    this.child.send({ id, command });
    const gone = this.exited.then(
      ({ code }) => {
        throw new Error(`main exited (${String(code)}) before answering:\n${this.stderr}`);
      },
      (error: unknown) => {
        throw error;
      },
    );
    const message = await Promise.race([answer, gone]);
    if (message.type !== 'result') throw new Error('unexpected message');
    if (message.error !== undefined) throw new Error(message.error);
    return message.result as T;
  }

  /** Waits until main has created its window (the desk is open by then). */
  async started(): Promise<BootSnapshot> {
    for (;;) {
      const snapshot = await this.send<BootSnapshot>({ op: 'snapshot' });
      if (snapshot.windows.length > 0 || snapshot.errorBoxes.length > 0) return snapshot;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
}

function boot(
  options: { gotLock?: boolean; nativeBuild?: boolean; env?: Record<string, string> } = {},
): BootedMain {
  const base = mkdtempSync(join(tmpdir(), 'payout-desk-boot-'));
  const dirs = {
    appPath: join(base, 'app'),
    userData: join(base, 'user-data'),
    logs: join(base, 'logs'),
  };
  for (const dir of Object.values(dirs)) mkdirSync(dir, { recursive: true });
  if (options.nativeBuild !== false) {
    const runtime = {
      electronVersion,
      abi: process.versions.modules,
      platform: process.platform,
      arch: process.arch,
    };
    const dir = nativeBuildDir(dirs.appPath, runtime);
    mkdirSync(dir, { recursive: true });
    copyFileSync(nodeSqliteAddon, join(dir, SQLITE_ADDON_FILE));
    const info: NativeBuildInfo = {
      module: 'better-sqlite3',
      moduleVersion: sqliteVersion,
      ...runtime,
      source: 'compiled',
    };
    writeFileSync(join(dir, BUILD_INFO_FILE), JSON.stringify(info));
  }
  const config: FakeElectronConfig = {
    electronVersion,
    ...dirs,
    gotLock: options.gotLock ?? true,
  };
  const child = fork(bootChild, [builtMain], {
    cwd: root,
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, ...options.env, FAKE_ELECTRON: JSON.stringify(config) },
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
  return new BootedMain(child, dirs);
}

beforeAll(() => {
  // The artifact under test is the bundle, so it is built from the current sources first.
  // electron-vite's own script through this Node: no npx shim, which Windows cannot spawn bare.
  const cli = join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js');
  const build = spawnSync(process.execPath, [cli, 'build'], { cwd: root, encoding: 'utf8' });
  if (build.status !== 0 || !existsSync(builtMain)) {
    throw new Error(
      `electron-vite build failed, so out/main/index.js cannot be tested:\n${build.stderr}`,
    );
  }
}, 120_000);

describe('the built main process', () => {
  let main: BootedMain;
  let started: BootSnapshot;
  beforeAll(async () => {
    main = boot();
    await main.loaded;
    started = await main.started();
  }, 60_000);
  afterAll(() => {
    if (main.child.exitCode === null) main.child.kill();
  });

  it('opens one locked-down window whose preload exists, showing the app page', () => {
    expect(started.errorBoxes).toEqual([]);
    expect(started.lockRequests).toEqual([true]);
    expect(started.windows).toHaveLength(1);
    const [window] = started.windows;
    const preferences = window?.options.webPreferences as Record<string, unknown>;
    expect(preferences).toMatchObject({
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      webviewTag: false,
    });
    expect(existsSync(preferences.preload as string)).toBe(true);
    expect(window?.url).toBe(APP_URL);
    expect(started.menuSet).toBe(true);
  });

  it('runs the desk in a worker thread of its own (the built out/main/desk-worker.js)', () => {
    expect(existsSync(join(root, 'out', 'main', 'desk-worker.js'))).toBe(true);
    expect(started.workerThreads).toBe(1);
  });

  it('loads better-sqlite3 from the runtime build folder, not node_modules', () => {
    expect(started.sqliteAddons.length).toBeGreaterThan(0);
    for (const addon of started.sqliteAddons) {
      expect(addon.startsWith(join(main.dirs.appPath, '.native'))).toBe(true);
    }
  });

  it('serves the page over app:// with its Content-Security-Policy', async () => {
    expect(started.privilegedSchemes).toEqual([
      {
        scheme: 'app',
        privileges: expect.objectContaining({ standard: true, secure: true }) as unknown,
      },
    ]);
    expect(started.protocolSchemes).toEqual(['app']);
    const page = await main.send<{ status: number; csp: string | null; body: string }>({
      op: 'fetch',
      url: APP_URL,
    });
    expect(page.status).toBe(200);
    expect(page.body).toContain('<div id="root">');
    expect(page.csp).toContain("default-src 'self'");
    expect(page.csp).toContain("script-src 'self'");
    expect(page.csp).toContain("frame-ancestors 'none'");
  });

  it('refuses traversal out of the renderer folder and any other host', async () => {
    // Each target names a file that exists (the built main process itself).
    for (const url of [
      'app://desk/%2e%2e/main/index.js',
      'app://desk/..%2fmain%2findex.js',
      'app://desk/..%5cmain%5cindex.js',
      'app://desk/%2e%2e%2f%2e%2e%2fpackage.json',
      'app://evil/index.html',
      'app://desk.evil/index.html',
    ]) {
      const answer = await main.send<{ status: number; body: string }>({ op: 'fetch', url });
      expect({ url, status: answer.status }).toEqual({
        url,
        status: expect.toSatisfy((status: number) => status === 400 || status === 404) as unknown,
      });
      expect(answer.body).not.toContain('require(');
    }
  });

  it('registers exactly one IPC handler per method of the contract', () => {
    expect([...started.ipcChannels].sort()).toEqual(
      DESK_METHOD_NAMES.map((method) => `desk:${method}`).sort(),
    );
  });

  it('answers the app page and reaches the desk', async () => {
    const answer = await main.send<{ ok: boolean; value?: unknown }>({
      op: 'invoke',
      channel: 'desk:listProfiles',
      argument: undefined,
      from: 'app-main-frame',
    });
    expect(answer.ok).toBe(true);
    expect(Array.isArray(answer.value)).toBe(true);
    expect((answer.value as { name: string }[]).length).toBeGreaterThan(0);
  });

  it('refuses a call from a sub-frame, another URL or a window it did not create', async () => {
    for (const from of ['app-sub-frame', 'app-other-url', 'foreign-window'] as const) {
      const answer = await main.send<{ ok: boolean; error?: { code: string } }>({
        op: 'invoke',
        channel: 'desk:listProfiles',
        argument: undefined,
        from,
        url: from === 'foreign-window' ? APP_URL : 'https://evil.example/index.html',
      });
      expect({ from, answer }).toEqual({
        from,
        answer: { ok: false, error: expect.objectContaining({ code: 'VALIDATION' }) as unknown },
      });
    }
  });

  it('refuses navigation, new windows and webviews; only https goes to the browser', async () => {
    expect(await main.send({ op: 'navigate', url: 'https://evil.example/' })).toEqual({
      prevented: true,
    });
    expect(await main.send({ op: 'navigate', url: 'file:///etc/passwd' })).toEqual({
      prevented: true,
    });
    expect(await main.send({ op: 'navigate', url: APP_URL })).toEqual({ prevented: false });
    const https = await main.send<{ action: string; openedExternally: string[] }>({
      op: 'open-window',
      url: 'https://tronscan.org/#/transaction/abc',
    });
    expect(https.action).toBe('deny');
    const file = await main.send<{ action: string; openedExternally: string[] }>({
      op: 'open-window',
      url: 'file:///etc/passwd',
    });
    expect(file.action).toBe('deny');
    expect(file.openedExternally).toEqual(['https://tronscan.org/#/transaction/abc']);
    expect(await main.send({ op: 'attach-webview' })).toEqual({ prevented: true });
  });

  it('denies every permission, asked or checked', async () => {
    expect(started.permissionHandlers).toEqual({ request: true, check: true });
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read']) {
      expect(await main.send({ op: 'permission', permission })).toEqual({
        requestGranted: false,
        checkGranted: false,
      });
    }
  });

  it('brings its window back when a second instance starts', async () => {
    const answer = await main.send<{ calls: string[]; minimized: boolean }>({
      op: 'second-instance',
    });
    expect(answer.minimized).toBe(false);
    expect(answer.calls).toEqual(expect.arrayContaining(['restore', 'focus']));
  });

  it('shuts down cleanly: the database is closed and the window state saved', async () => {
    await main.send({ op: 'quit' });
    const { code } = await main.exited;
    expect(code).toBe(0);
    // SQLite removes the WAL file only when the last connection closes properly.
    expect(existsSync(join(main.dirs.userData, 'payout-desk.sqlite'))).toBe(true);
    expect(existsSync(join(main.dirs.userData, 'payout-desk.sqlite-wal'))).toBe(false);
    expect(existsSync(join(main.dirs.userData, 'simulator.sqlite-wal'))).toBe(false);
    expect(existsSync(join(main.dirs.userData, 'window-state.json'))).toBe(true);
    expect(readFileSync(join(main.dirs.logs, 'payout-desk.log'), 'utf8')).toContain('stopped');
  });
});

describe('the built main process, started a second time', () => {
  it('quits at once without a window, a handler or a database', async () => {
    const second = boot({ gotLock: false });
    const { code, snapshot } = await second.exited;
    expect(code).toBe(0);
    expect(snapshot.lockRequests).toEqual([false]);
    expect(snapshot.windows).toEqual([]);
    expect(snapshot.ipcChannels).toEqual([]);
    expect(existsSync(join(second.dirs.userData, 'payout-desk.sqlite'))).toBe(false);
  });
});

describe('the built main process without an Electron build of better-sqlite3', () => {
  it('says in one dialog what is missing and exits non-zero before opening anything', async () => {
    const bare = boot({ nativeBuild: false });
    const { code, snapshot } = await bare.exited;
    expect(code).toBe(1);
    expect(snapshot.windows).toEqual([]);
    expect(snapshot.sqliteAddons).toEqual([]);
    expect(snapshot.workerThreads).toBe(0);
    expect(snapshot.errorBoxes).toHaveLength(1);
    expect(snapshot.errorBoxes[0]?.content).toContain(
      'there is no Electron build of better-sqlite3',
    );
    expect(snapshot.errorBoxes[0]?.content).toContain('npm start');
    expect(existsSync(join(bare.dirs.userData, 'payout-desk.sqlite'))).toBe(false);
  });
});

describe('the built main process given a data folder (PAYOUT_DESK_DATA_DIR, the e2e fixture)', () => {
  it('keeps its database, window state and log there, and keys the instance lock by it', async () => {
    const dataDir = join(mkdtempSync(join(tmpdir(), 'payout-desk-boot-data-')), 'app');
    const main = boot({ env: { PAYOUT_DESK_DATA_DIR: dataDir } });
    await main.loaded;
    const started = await main.started();
    expect(started.errorBoxes).toEqual([]);
    expect(started.setPaths).toEqual([
      ['userData', dataDir],
      ['logs', join(dataDir, 'logs')],
    ]);
    // Set before the lock: two runs with their own folders are two instances.
    expect(started.lockedUserData).toEqual([dataDir]);
    await main.send({ op: 'quit' });
    expect((await main.exited).code).toBe(0);
    expect(existsSync(join(dataDir, 'payout-desk.sqlite'))).toBe(true);
    expect(existsSync(join(dataDir, 'window-state.json'))).toBe(true);
    expect(readFileSync(join(dataDir, 'logs', 'payout-desk.log'), 'utf8')).toContain('stopped');
    expect(existsSync(join(main.dirs.userData, 'payout-desk.sqlite'))).toBe(false);
  });

  it('points its simulator profile at the simulator it is given and starts none', async () => {
    const dataDir = join(mkdtempSync(join(tmpdir(), 'payout-desk-boot-data-')), 'app');
    const sim = await startSimulator({ seed: 'none' });
    try {
      const main = boot({
        env: {
          PAYOUT_DESK_DATA_DIR: dataDir,
          PAYOUT_DESK_SIMULATOR: JSON.stringify({ baseUrl: sim.baseUrl, ...sim.merchant }),
          PAYOUT_DESK_SYNC: JSON.stringify({ minIntervalMs: 500, maxIntervalMs: 2000 }),
        },
      });
      await main.loaded;
      expect((await main.started()).errorBoxes).toEqual([]);
      const answer = await main.send<{ ok: boolean; value?: unknown }>({
        op: 'invoke',
        channel: 'desk:listProfiles',
        argument: undefined,
        from: 'app-main-frame',
      });
      expect(answer.value).toContainEqual(
        expect.objectContaining({ id: 'simulator', baseUrl: sim.baseUrl }),
      );
      await main.send({ op: 'quit' });
      expect((await main.exited).code).toBe(0);
      expect(existsSync(join(dataDir, 'payout-desk.sqlite'))).toBe(true);
      expect(existsSync(join(dataDir, 'simulator.sqlite'))).toBe(false);
    } finally {
      await sim.close();
    }
  });

  it('saves downloads into PAYOUT_DESK_DOWNLOAD_DIR only when it is set', async () => {
    const downloads = join(mkdtempSync(join(tmpdir(), 'payout-desk-boot-downloads-')), 'dl');
    const main = boot({ env: { PAYOUT_DESK_DOWNLOAD_DIR: downloads } });
    await main.loaded;
    await main.started();
    expect(await main.send({ op: 'download', fileName: '../history.csv' })).toEqual({
      savePath: join(downloads, 'history.csv'),
    });
    await main.send({ op: 'quit' });
    expect((await main.exited).code).toBe(0);

    const plain = boot();
    await plain.loaded;
    await plain.started();
    // No handler: Electron asks the person where to save.
    expect(await plain.send({ op: 'download', fileName: 'history.csv' })).toEqual({});
    await plain.send({ op: 'quit' });
    expect((await plain.exited).code).toBe(0);
  });

  it('refuses a relative folder in one dialog and opens nothing', async () => {
    const main = boot({ env: { PAYOUT_DESK_DATA_DIR: 'relative/data' } });
    const { code, snapshot } = await main.exited;
    expect(code).toBe(1);
    expect(snapshot.windows).toEqual([]);
    expect(snapshot.errorBoxes.map((box) => box.content)).toEqual([
      'PAYOUT_DESK_DATA_DIR must be an absolute folder path; it is "relative/data".',
    ]);
    expect(existsSync(join(main.dirs.userData, 'payout-desk.sqlite'))).toBe(false);
  });
});
