/**
 * The Electron side of startTestHost (docs/e2e.md): the built `out/main/index.js` launched
 * through Playwright's `_electron` with a data folder of its own, pointed at a simulator this
 * test process runs (so `host.simulator` steers it exactly as with the browser host), and
 * with fast history polling. The window main opens is the `page` of every test of the spec
 * file (fixtures.ts). Needs the Electron binary and its build of better-sqlite3 (`npm run
 * native:electron`); neither exists on the machines without Electron's download host.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { _electron, type ElectronApplication, type Page } from '@playwright/test';
import { nativeBuildDir, SQLITE_ADDON_FILE } from '../../../electron/main/native-binding';
import { startSimulator, type SimulatorOptions } from '../../../electron/simulator';
import type { DeskMethod, DeskResult } from '../../../shared/ipc';
import type { TestHost } from './host';

const APP_URL = 'app://desk/index.html';

type Running = { app: ElectronApplication; window: Page; downloadDir: string };
let running: Running | undefined;

/** The window of the app the current spec file started; fixtures.ts hands it out as `page`. */
export function electronWindow(): Running {
  if (!running) {
    throw new Error(
      'PAYOUT_DESK_E2E=electron: this spec opened a page before startTestHost launched the app.',
    );
  }
  return running;
}

/**
 * The Electron executable and its build of better-sqlite3, or one sentence saying which is
 * missing. Checked before launching: `require('electron')` without its binary would try to
 * download it, and main without the build would stop on its error dialog.
 */
function electronExecutable(): string {
  const requireFromRoot = createRequire(join(process.cwd(), 'package.json'));
  const packageDir = dirname(requireFromRoot.resolve('electron/package.json'));
  const { version } = requireFromRoot('electron/package.json') as { version: string };
  // path.txt is where Electron's own installer records the executable inside dist/.
  const pathFile = join(packageDir, 'path.txt');
  const binary = existsSync(pathFile)
    ? join(packageDir, 'dist', readFileSync(pathFile, 'utf8').trim())
    : undefined;
  if (!binary || !existsSync(binary)) {
    throw new Error(
      "PAYOUT_DESK_E2E=electron needs the Electron binary, and node_modules/electron has no dist/: run `node node_modules/electron/install.js` where Electron's download host is reachable, or run the specs without PAYOUT_DESK_E2E.",
    );
  }
  const runtime = {
    electronVersion: version,
    abi: readFileSync(join(packageDir, 'abi_version'), 'utf8').trim(),
    platform: process.platform,
    arch: process.arch,
  };
  const addon = join(nativeBuildDir(process.cwd(), runtime), SQLITE_ADDON_FILE);
  if (!existsSync(addon)) {
    throw new Error(
      `PAYOUT_DESK_E2E=electron needs the Electron build of better-sqlite3 at ${addon}: run \`npm run native:electron\` first.`,
    );
  }
  return binary;
}

/** Where main saves this run's exports (PAYOUT_DESK_DOWNLOAD_DIR); see downloads.ts. */
export function electronDownloadDir(): string {
  return electronWindow().downloadDir;
}

/** `simulator` as startTestHost passes it (its short delays included). */
export async function startElectronTestHost(simulator: SimulatorOptions): Promise<TestHost> {
  const executablePath = electronExecutable();
  const dataDir = mkdtempSync(join(tmpdir(), 'payout-desk-e2e-electron-'));
  // As the desk would start its built-in one (seeded demo history, state in the data folder).
  const sim = await startSimulator({
    dbFile: join(dataDir, 'simulator.sqlite'),
    seed: 'demo',
    ...simulator,
  });
  let app: ElectronApplication;
  try {
    app = await _electron.launch({
      executablePath,
      // The project folder, as `npm start` (electron-vite preview) runs `electron .`: its
      // package.json "main" is out/main/index.js, and app.getAppPath() is then the folder
      // whose .native/ holds the Electron build of better-sqlite3. Given the file itself,
      // Electron would take out/main/ as the app path and find no build there.
      args: [process.cwd()],
      cwd: process.cwd(),
      env: {
        ...(process.env as Record<string, string>),
        PAYOUT_DESK_DATA_DIR: join(dataDir, 'app'),
        PAYOUT_DESK_DOWNLOAD_DIR: join(dataDir, 'downloads'),
        PAYOUT_DESK_SIMULATOR: JSON.stringify({ baseUrl: sim.baseUrl, ...sim.merchant }),
        PAYOUT_DESK_SYNC: JSON.stringify({ minIntervalMs: 500, maxIntervalMs: 2000 }),
      },
    });
  } catch (error) {
    await sim.close();
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
  const appWindow = await app.firstWindow();
  // The preload's bridge is what `call` uses: it exists once the app page has loaded. (The
  // functions below run in the page: `globalThis` there is the page's window.)
  await appWindow.waitForFunction(() => 'desk' in globalThis);
  running = { app, window: appWindow, downloadDir: join(dataDir, 'downloads') };
  const appData = join(dataDir, 'app');
  return {
    dataDir: appData,
    url: APP_URL,
    simulator: sim,
    // Through the same preload bridge and IPC guards the page uses.
    call: (method: DeskMethod, argument?: unknown) =>
      appWindow.evaluate(
        ([name, value]) =>
          (
            globalThis as unknown as {
              desk: Record<string, (argument: unknown) => Promise<DeskResult<unknown>>>;
            }
          ).desk[name as string]?.(value) as Promise<DeskResult<unknown>>,
        [method, argument] as const,
      ),
    close: async () => {
      running = undefined;
      await app.close(); // main's clean shutdown closes the database first
      await sim.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
