/**
 * The fault suite's test bench: a desk composed exactly as main composes it (createDesk),
 * called only through `dispatch` (the validation gate every UI call passes), with its
 * built-in simulator as the Calypso peer, so no keychain is needed. Also the yardsticks every
 * fault is measured with: the cache compared to the server page by page, payouts counted per
 * idempotency key, and draft rows compared to what the person typed.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { createCalypsoClient, type CalypsoClient } from '../../../electron/services/calypso';
import { createDesk, type Desk } from '../../../electron/services/desk';
import { dispatch } from '../../../electron/services/ipc/dispatch';
import { createKeytarStore } from '../../../electron/services/vault';
import {
  NO_FAULTS,
  type RunningSimulator,
  type SimulatorOptions,
} from '../../../electron/simulator';
import type { DraftRow, DraftSummary } from '../../../shared/drafts';
import type { HistoryPage } from '../../../shared/history';
import type {
  DeskError,
  DeskEventName,
  DeskEvents,
  DeskMethod,
  DeskResult,
  SyncStatus,
} from '../../../shared/ipc';
import { testAddress } from '../../support/addresses';
import { createRandom } from '../../../electron/simulator/random';

/** Payouts made through the API finish in about a second of simulator time. */
export const FAST_DELAYS = {
  creationMs: 200,
  confirmationMs: 200,
  startMs: 300,
  completionMs: 500,
};

/** The built-in simulator's profile: credentials come from the running simulator, not a keychain. */
export const SIM_PROFILE = 'simulator';

export type DeskEvent = {
  [E in DeskEventName]: { event: E; payload: DeskEvents[E] };
}[DeskEventName];

export type FaultDesk = {
  dir: string;
  desk: Desk;
  /** The Calypso peer; a test that restarts it assigns the new one (close() closes it). */
  sim: RunningSimulator;
  events: DeskEvent[];
  /** Called synchronously for each event main emits (e.g. to inject a fault mid-sync). */
  onEvent: (listener: (event: DeskEvent) => void) => () => void;
  call: <T>(method: DeskMethod, argument?: unknown) => Promise<DeskResult<T>>;
  value: <T>(method: DeskMethod, argument?: unknown) => Promise<T>;
  /** The DeskError of a call that must fail (throws if it succeeded). */
  failure: (method: DeskMethod, argument?: unknown) => Promise<DeskError>;
  close: () => Promise<void>;
};

export function tempDir(label: string): string {
  return mkdtempSync(join(tmpdir(), `payout-desk-faults-${label}-`));
}

export async function openFaultDesk(
  options: { dataDir?: string; simulator?: SimulatorOptions; keepDir?: boolean } = {},
): Promise<FaultDesk> {
  const dir = options.dataDir ?? tempDir('desk');
  const events: DeskEvent[] = [];
  const listeners = new Set<(event: DeskEvent) => void>();
  const desk = await createDesk({
    dataDir: dir,
    secretStore: createKeytarStore('payout-desk-test'),
    emit: (event, payload) => {
      const entry = { event, payload } as DeskEvent;
      events.push(entry);
      for (const listener of listeners) listener(entry);
    },
    simulator: { seed: 'none', delays: FAST_DELAYS, ...options.simulator },
    // No background passes of their own: every pass in these tests is one the test asked for
    // (or one a handler starts, which `freshSync` waits out).
    sync: { startOnOpen: false, minIntervalMs: 120_000, maxIntervalMs: 240_000 },
  });
  const sim = desk.simulator;
  if (!sim) throw new Error('the desk started without its built-in simulator');

  const call = async <T>(method: DeskMethod, argument?: unknown) =>
    (await dispatch(desk.handlers, method, argument)) as DeskResult<T>;
  const value = async <T>(method: DeskMethod, argument?: unknown): Promise<T> => {
    const result = await call<T>(method, argument);
    if (!result.ok) {
      throw new Error(`${method} failed: ${result.error.code} ${result.error.message}`);
    }
    return result.value;
  };
  const fd: FaultDesk = {
    dir,
    desk,
    sim,
    events,
    onEvent: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    call,
    value,
    failure: async (method, argument) => {
      const result = await call(method, argument);
      if (result.ok) throw new Error(`${method} was expected to fail but succeeded`);
      return result.error;
    },
    close: async () => {
      await desk.close();
      if (fd.sim !== desk.simulator) await fd.sim.close();
      if (!options.keepDir) rmSync(dir, { recursive: true, force: true });
    },
  };
  return fd;
}

/**
 * A sync pass that started after this call: the first syncNow joins any pass already running
 * (a handler such as createPayout starts one), the second starts a new one.
 */
export async function freshSync(fd: FaultDesk, profileId = SIM_PROFILE): Promise<SyncStatus> {
  await fd.value<SyncStatus>('syncNow', { profileId });
  return fd.value<SyncStatus>('syncNow', { profileId });
}

/**
 * Waits out any pass in flight (handlers such as createPayout start one in the background), so
 * exact fault counters (failNext, dropNext) are spent by the request under test, not by it.
 */
export async function quiesce(fd: FaultDesk, profileId = SIM_PROFILE): Promise<void> {
  await fd.value<SyncStatus>('syncNow', { profileId });
}

/**
 * Moves every payout on the server to its final state without waiting: the simulator clock
 * jumps ahead, one control request lets the engine catch up, and the clock goes back, so the
 * client's timestamps stay in the window.
 */
export async function finishEverything(sim: RunningSimulator): Promise<void> {
  const offset = sim.clock.offset;
  sim.clock.advance(60 * 60_000);
  const response = await fetch(`${sim.baseUrl}/__simulator/state`);
  if (!response.ok) throw new Error(`simulator state: HTTP ${response.status}`);
  await response.arrayBuffer();
  sim.clock.setOffset(offset);
}

export function clientOf(sim: RunningSimulator, baseUrl = sim.baseUrl): CalypsoClient {
  return createCalypsoClient({ baseUrl, ...sim.merchant, retry: { attempts: 1 } });
}

/** `kind:id` -> state of every payout and mass payout on the server, read page by page. */
export async function serverStates(client: CalypsoClient): Promise<Map<string, string>> {
  return new Map((await serverItems(client)).map((item) => [item.key, item.state]));
}

type ServerItem = { key: string; state: string; idempotencyKey: string | null };

async function serverItems(client: CalypsoClient): Promise<ServerItem[]> {
  const items: ServerItem[] = [];
  for (const kind of ['single', 'mass'] as const) {
    for (let pageNumber = 1; pageNumber <= 10_000; pageNumber += 1) {
      const page =
        kind === 'single'
          ? await client.listPayouts({ pageNumber, size: 100 })
          : await client.listMassPayouts({ pageNumber, size: 100 });
      for (const item of page.result) {
        items.push({
          key: `${kind}:${item.id}`,
          state: item.state,
          idempotencyKey: item.idempotencyKey,
        });
      }
      if (page.result.length < 100) break;
    }
  }
  return items;
}

/** How many server payouts (single and mass) carry each idempotency key. */
export async function payoutsPerKey(client: CalypsoClient): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  for (const { idempotencyKey } of await serverItems(client)) {
    if (idempotencyKey !== null) counts.set(idempotencyKey, (counts.get(idempotencyKey) ?? 0) + 1);
  }
  return counts;
}

/** `kind:id` -> state of every cached item, through the same query the UI pages with. */
export async function cachedStates(
  fd: Pick<FaultDesk, 'value'>,
  profileId = SIM_PROFILE,
): Promise<Map<string, string>> {
  const states = new Map<string, string>();
  for (let offset = 0; offset <= 10_000_000; offset += 1000) {
    const page = await fd.value<HistoryPage>('queryHistory', { profileId, offset, limit: 1000 });
    for (const item of page.items) states.set(`${item.kind}:${item.id}`, item.state);
    if (page.items.length === 0 || offset + page.items.length >= page.total) break;
  }
  return states;
}

/** Differences between two `kind:id -> state` maps, at most `limit` of them, for messages. */
export function differences(
  expected: Map<string, string>,
  actual: Map<string, string>,
  limit = 5,
): string[] {
  const out: string[] = [];
  for (const [key, state] of expected) {
    if (out.length >= limit) break;
    if (!actual.has(key)) out.push(`${key} missing from the cache`);
    else if (actual.get(key) !== state)
      out.push(`${key}: cache ${actual.get(key)}, server ${state}`);
  }
  for (const key of actual.keys()) {
    if (out.length >= limit) break;
    if (!expected.has(key)) out.push(`${key} cached but not on the server`);
  }
  return out;
}

/** Valid rows for a draft: `count` TRON recipients of USDT_TRX (100 per mass payout). */
export function draftRows(count: number, seed: number, currency = 'USDT_TRX') {
  return Array.from({ length: count }, (_, index) => ({
    line: index + 2,
    address: testAddress('tron', seed * 100_000 + index),
    amount: `${(index % 97) + 1}.5`,
    currency,
    comment: `row ${index + 1}`,
  }));
}

export async function createDraft(
  fd: Pick<FaultDesk, 'value'>,
  name: string,
  rowCount: number,
  seed: number,
  profileId = SIM_PROFILE,
): Promise<DraftSummary> {
  return fd.value<DraftSummary>('createDraft', {
    profileId,
    name,
    sourceFile: `${name}.csv`,
    decimalSeparator: '.',
    rows: draftRows(rowCount, seed),
  });
}

export async function draftRowsOf(
  fd: Pick<FaultDesk, 'value'>,
  draftId: string,
): Promise<DraftRow[]> {
  const rows: DraftRow[] = [];
  for (let offset = 0; offset <= 1_000_000; offset += 1000) {
    const page = await fd.value<{ rows: DraftRow[]; total: number }>('getDraftRows', {
      draftId,
      offset,
      limit: 1000,
    });
    rows.push(...page.rows);
    if (page.rows.length === 0 || rows.length >= page.total) break;
  }
  return rows;
}

/** A seeded generator (mulberry32), so a failing run can be replayed. */
export function seededRandom(seed: number): () => number {
  return createRandom(seed).next;
}

/**
 * After the fault is cleared: a pass resolves what is pending, every payout on the server is
 * made final, a fresh pass runs, and the cache must hold exactly the server's ids in the
 * server's states, with nothing left pending.
 */
export async function expectConverged(
  fd: FaultDesk,
  profileId = SIM_PROFILE,
): Promise<{ items: number; status: SyncStatus }> {
  fd.sim.setFaults(NO_FAULTS);
  // The first pass resolves what is pending (it may create payouts), the second reads them final.
  await freshSync(fd, profileId);
  await finishEverything(fd.sim);
  const status = await freshSync(fd, profileId);
  expect(status.state, JSON.stringify(status.lastError)).toBe('idle');
  const server = await serverStates(clientOf(fd.sim));
  const cache = await cachedStates(fd, profileId);
  expect(differences(server, cache)).toEqual([]);
  expect(cache.size).toBe(server.size);
  expect(status.pendingCount).toBe(0);
  return { items: cache.size, status };
}

/** Exactly one payout on the server per intent, and no idempotency key used twice. */
export async function expectOnePayoutPerIntent(
  sim: RunningSimulator,
  requestIds: readonly string[],
): Promise<void> {
  const perKey = await payoutsPerKey(clientOf(sim));
  for (const requestId of requestIds) expect(perKey.get(requestId), requestId).toBe(1);
  expect([...perKey.values()].filter((count) => count > 1)).toEqual([]);
}
