/**
 * A real desk (SQLite file, keychain, built-in simulator) behind the same DeskBridge the page
 * gets as `window.desk`, for tests of the renderer's store: every call goes through main's
 * dispatch (validation included) and its answer is copied as IPC copies it, and main's events
 * reach the listeners the store's event feed registers (renderer/src/stores/desk-events.ts).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDesk, type Desk } from '../../electron/services/desk';
import { dispatch } from '../../electron/services/ipc/dispatch';
import { createKeytarStore } from '../../electron/services/vault';
import type { SimulatorOptions } from '../../electron/simulator';
import { DESK_METHOD_NAMES } from '../../shared/ipc-names';
import type { DeskBridge, DeskEventName, DeskEvents } from '../../shared/ipc';

export type InProcessDesk = {
  desk: Desk;
  bridge: DeskBridge;
  close: () => Promise<void>;
};

type Listener = (payload: never) => void;

/** IPC copies values (structured clone): the store never shares an object with main. */
function copied<T>(value: T): T {
  return structuredClone(value);
}

export async function startInProcessDesk(simulator: SimulatorOptions = {}): Promise<InProcessDesk> {
  const dataDir = mkdtempSync(join(tmpdir(), 'payout-desk-store-'));
  const listeners = new Map<DeskEventName, Set<Listener>>();
  const desk = await createDesk({
    dataDir,
    secretStore: createKeytarStore('payout-desk-test'),
    simulator,
    sync: { startOnOpen: false, minIntervalMs: 200, maxIntervalMs: 1_000 },
    emit: (event, payload) => {
      for (const listener of listeners.get(event) ?? []) listener(copied(payload) as never);
    },
  });
  const bridge: Record<string, unknown> = {
    onEvent<E extends DeskEventName>(event: E, listener: (payload: DeskEvents[E]) => void) {
      let set = listeners.get(event);
      if (!set) {
        set = new Set();
        listeners.set(event, set);
      }
      set.add(listener);
      return () => set.delete(listener);
    },
  };
  for (const method of DESK_METHOD_NAMES) {
    bridge[method] = async (argument?: unknown) =>
      copied(await dispatch(desk.handlers, method, copied(argument)));
  }
  return {
    desk,
    bridge: bridge as DeskBridge,
    close: async () => {
      await desk.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
