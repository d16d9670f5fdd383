/**
 * What the environment may change about a start, for the Electron e2e fixture (docs/e2e.md):
 * a data folder of its own per run, a simulator the test process runs (so the test can
 * steer it), and faster history polling. Nothing here is set in a normal start; each value
 * is checked, and a bad one is refused with a sentence naming the variable.
 *
 *   PAYOUT_DESK_DATA_DIR   absolute folder: userData (cache, window state) and its logs/
 *   PAYOUT_DESK_SIMULATOR  JSON { baseUrl, account, key, secret }: the simulator profile
 *                          uses that simulator (loopback only) and main starts none
 *   PAYOUT_DESK_SYNC       JSON { minIntervalMs, maxIntervalMs }: history polling
 *   PAYOUT_DESK_DOWNLOAD_DIR  absolute folder: exports are saved there without the save
 *                          dialog (Playwright cannot see downloads in Electron, nor answer
 *                          that dialog)
 */
import { isAbsolute } from 'node:path';
import { z } from 'zod';

export const DATA_DIR_VARIABLE = 'PAYOUT_DESK_DATA_DIR';
export const SIMULATOR_VARIABLE = 'PAYOUT_DESK_SIMULATOR';
export const SYNC_VARIABLE = 'PAYOUT_DESK_SYNC';
export const DOWNLOAD_DIR_VARIABLE = 'PAYOUT_DESK_DOWNLOAD_DIR';

export type LaunchOverrides = {
  dataDir?: string;
  downloadDir?: string;
  externalSimulator?: {
    baseUrl: string;
    merchant: { account: string; key: string; secret: string };
  };
  sync?: { minIntervalMs: number; maxIntervalMs: number };
};

export type LaunchOverridesResult =
  { ok: true; overrides: LaunchOverrides } | { ok: false; message: string };

// Loopback only: the simulator profile is labelled "not real money", and an address
// elsewhere could be a real service.
const loopbackUrl = z.string().refine((text) => {
  try {
    const url = new URL(text);
    return url.protocol === 'http:' && url.hostname === '127.0.0.1' && url.pathname === '/';
  } catch {
    return false;
  }
});

const simulatorSchema = z.object({
  baseUrl: loopbackUrl,
  account: z.string().min(1),
  key: z.string().min(1),
  secret: z.string().min(1),
});

const syncSchema = z
  .object({ minIntervalMs: z.int().min(100), maxIntervalMs: z.int().min(100) })
  .refine((sync) => sync.minIntervalMs <= sync.maxIntervalMs);

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

export function readLaunchOverrides(
  env: Record<string, string | undefined>,
): LaunchOverridesResult {
  const overrides: LaunchOverrides = {};
  for (const [variable, field] of [
    [DATA_DIR_VARIABLE, 'dataDir'],
    [DOWNLOAD_DIR_VARIABLE, 'downloadDir'],
  ] as const) {
    const folder = env[variable];
    if (folder === undefined || folder === '') continue;
    if (!isAbsolute(folder)) {
      return {
        ok: false,
        message: `${variable} must be an absolute folder path; it is "${folder}".`,
      };
    }
    overrides[field] = folder;
  }
  const simulator = env[SIMULATOR_VARIABLE];
  if (simulator !== undefined && simulator !== '') {
    const parsed = simulatorSchema.safeParse(parseJson(simulator));
    if (!parsed.success) {
      // The value holds a secret: it is never repeated in the message.
      return {
        ok: false,
        message: `${SIMULATOR_VARIABLE} must be JSON with baseUrl (http://127.0.0.1:PORT), account, key and secret.`,
      };
    }
    const { baseUrl, ...merchant } = parsed.data;
    overrides.externalSimulator = { baseUrl: baseUrl.replace(/\/$/, ''), merchant };
  }
  const sync = env[SYNC_VARIABLE];
  if (sync !== undefined && sync !== '') {
    const parsed = syncSchema.safeParse(parseJson(sync));
    if (!parsed.success) {
      return {
        ok: false,
        message: `${SYNC_VARIABLE} must be JSON { "minIntervalMs": N, "maxIntervalMs": M } with 100 <= N <= M; it is ${sync}.`,
      };
    }
    overrides.sync = parsed.data;
  }
  return { ok: true, overrides };
}
