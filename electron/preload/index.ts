/**
 * The bridge. Runs sandboxed with context isolation and exposes exactly one domain-shaped
 * object, `window.desk`, implementing DeskBridge from the contract: one function per DeskApi
 * method and an event subscription. No ipcRenderer, no generic invoke, no process.env.
 */
import { contextBridge, ipcRenderer } from 'electron';
import {
  DESK_EVENT_NAMES as DESK_EVENTS,
  DESK_METHOD_NAMES as DESK_METHODS,
} from '../../shared/ipc-names';
import type { DeskBridge, DeskEventName, DeskEvents } from '../../shared/ipc';

const bridge: Record<string, unknown> = {
  onEvent<E extends DeskEventName>(event: E, listener: (payload: DeskEvents[E]) => void) {
    if (!DESK_EVENTS.includes(event)) throw new Error(`unknown event ${event}`);
    const relay = (_: unknown, name: DeskEventName, payload: DeskEvents[E]) => {
      if (name === event) listener(payload);
    };
    ipcRenderer.on('desk:event', relay);
    return () => ipcRenderer.removeListener('desk:event', relay);
  },
};
for (const method of DESK_METHODS) {
  bridge[method] = (argument?: unknown) => ipcRenderer.invoke(`desk:${method}`, argument);
}

contextBridge.exposeInMainWorld('desk', Object.freeze(bridge as DeskBridge));
