/**
 * Starts the browser host for one spec file: a fresh data folder, the built-in simulator
 * with short delays (payouts finish in about a second), and fast sync polling. `url` is the
 * address a person opens (the host's `pageUrl`, token in the fragment): every spec opens
 * the page with it; `origin` is the bare `http://127.0.0.1:PORT` for requests of its own.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import Papa from 'papaparse';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startBrowserHost, type RunningBrowserHost } from '../../../electron/browser-host/server';
import type { SimulatorOptions } from '../../../electron/simulator';
import type { RemoteSimulator } from '../../../electron/services/worker/desk-worker-client';

export const FAST_DELAYS = {
  creationMs: 200,
  confirmationMs: 200,
  startMs: 300,
  completionMs: 500,
};

export type TestHost = {
  host: RunningBrowserHost;
  /** The app's data folder (cache database, simulator state). */
  dataDir: string;
  /** The page to open, with the token in its fragment, as the CLI prints it. */
  url: string;
  /** `http://127.0.0.1:PORT`, without the token. */
  origin: string;
  simulator: RemoteSimulator;
  close: () => Promise<void>;
};

export async function startTestHost(simulator: SimulatorOptions = {}): Promise<TestHost> {
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
