/**
 * Starts the app for one spec file: a fresh data folder, a simulator with short delays
 * (payouts finish in about a second), and fast sync polling. Where the app runs is chosen by
 * PAYOUT_DESK_E2E (docs/e2e.md): the browser host by default, the built Electron app with
 * `electron` (see electron-host.ts). `url` is the address the page opens (the host's
 * `pageUrl`, token in the fragment; app://desk/index.html in Electron): every spec opens the
 * page with it. `call` reaches the same desk as the page does, from outside the page.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import Papa from 'papaparse';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startBrowserHost, type RunningBrowserHost } from '../../../electron/browser-host/server';
import { dispatch } from '../../../electron/services/ipc/dispatch';
import type { SimulatorOptions } from '../../../electron/simulator';
import type { RemoteSimulator } from '../../../electron/services/worker/desk-worker-client';
import type { DeskMethod, DeskResult } from '../../../shared/ipc';
import { startElectronTestHost } from './electron-host';
import { E2E_MODE } from './mode';

export const FAST_DELAYS = {
  creationMs: 200,
  confirmationMs: 200,
  startMs: 300,
  completionMs: 500,
};

export type TestHost = {
  /** The app's data folder (cache database, simulator state). */
  dataDir: string;
  /** The page to open (browser host: with the token in its fragment, as the CLI prints it). */
  url: string;
  /** The simulator as the specs drive it (in the desk's worker, or in this process). */
  simulator: RemoteSimulator;
  /** One desk call from outside the page (another window of the app), answered as dispatch. */
  call: (method: DeskMethod, argument?: unknown) => Promise<DeskResult<unknown>>;
  close: () => Promise<void>;
};

export type BrowserTestHost = TestHost & {
  host: RunningBrowserHost;
  /** `http://127.0.0.1:PORT`, without the token. */
  origin: string;
};

/** The app where PAYOUT_DESK_E2E says: the browser host, or the built Electron app. */
export async function startTestHost(simulator: SimulatorOptions = {}): Promise<TestHost> {
  if (E2E_MODE === 'electron') {
    return startElectronTestHost({ delays: FAST_DELAYS, ...simulator });
  }
  return startBrowserTestHost(simulator);
}

/** The browser host alone, for specs about the host itself (its token, origin checks). */
export async function startBrowserTestHost(
  simulator: SimulatorOptions = {},
): Promise<BrowserTestHost> {
  const dataDir = mkdtempSync(join(tmpdir(), 'payout-desk-e2e-'));
  const host = await startBrowserHost({
    rendererDir: join(process.cwd(), 'out', 'renderer'),
    desk: {
      dataDir,
      simulator: { delays: FAST_DELAYS, ...simulator },
      sync: { minIntervalMs: 500, maxIntervalMs: 2000 },
    },
  });
  const running = host.desk.simulator;
  if (!running) throw new Error('the browser host started without its simulator');
  return {
    host,
    dataDir,
    url: host.pageUrl,
    origin: new URL(host.url).origin,
    simulator: running,
    call: (method, argument) => dispatch(host.desk.handlers, method, argument),
    close: async () => {
      await host.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export const SCREENSHOTS = 'test-results/screenshots';

/** Reads an exported CSV back (papaparse: the same RFC 4180 rules the export wrote). */
export function parseCsv(text: string): string[][] {
  return Papa.parse<string[]>(text, { skipEmptyLines: true }).data;
}
