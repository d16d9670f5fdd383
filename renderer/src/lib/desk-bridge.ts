/**
 * The page's one way to reach main. In Electron the preload provides `window.desk`; in the
 * browser host this shim implements the same DeskBridge over HTTP with the per-run token
 * the host put in index.html. Components never call this directly: the store's slices do.
 */
import {
  DESK_EVENT_NAMES as DESK_EVENTS,
  DESK_METHOD_NAMES as DESK_METHODS,
} from '../../../shared/ipc-names';
import type { DeskBridge, DeskEventName, DeskEvents, DeskResult } from '../../../shared/ipc';

function httpBridge(): DeskBridge {
  const token = document.querySelector('meta[name="desk-token"]')?.getAttribute('content') ?? '';
  const listeners = new Map<DeskEventName, Set<(payload: never) => void>>();
  let source: EventSource | undefined;

  function connectEvents() {
    if (source) return;
    source = new EventSource(`/api/events?token=${encodeURIComponent(token)}`);
    for (const event of DESK_EVENTS) {
      source.addEventListener(event, (message) => {
        const payload = JSON.parse((message as MessageEvent<string>).data) as never;
        for (const listener of listeners.get(event) ?? []) listener(payload);
      });
    }
  }

  async function call(method: string, argument: unknown): Promise<DeskResult<unknown>> {
    try {
      const response = await fetch('/api/call', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Desk-Token': token },
        body: JSON.stringify({ method, argument }),
      });
      return (await response.json()) as DeskResult<unknown>;
    } catch {
      return {
        ok: false,
        error: { code: 'INTERNAL', message: 'The Payout Desk host is not running (restart it).' },
      };
    }
  }

  const bridge: Record<string, unknown> = {
    onEvent<E extends DeskEventName>(event: E, listener: (payload: DeskEvents[E]) => void) {
      connectEvents();
      let set = listeners.get(event);
      if (!set) {
        set = new Set();
        listeners.set(event, set);
      }
      set.add(listener);
      return () => set.delete(listener);
    },
  };
  for (const method of DESK_METHODS) {
    bridge[method] = (argument?: unknown) => call(method, argument);
  }
  return bridge as DeskBridge;
}

let bridge: DeskBridge | undefined;

export function desk(): DeskBridge {
  // Electron's preload puts the bridge on window; the browser host does not.
  const preloaded = (window as unknown as { desk?: DeskBridge }).desk;
  bridge ??= preloaded ?? httpBridge();
  return bridge;
}
