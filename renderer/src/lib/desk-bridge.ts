/**
 * The page's one way to reach main. In Electron the preload provides `window.desk`; in the
 * browser host this shim implements the same DeskBridge over HTTP with the per-run token.
 * No served file carries that token: the person opens the printed address, whose fragment
 * (`#token=...`, never sent to a server) this shim reads once, keeps in session storage (this
 * tab only, gone when it closes) and removes from the address bar. Components never call this
 * directly: the store's slices do.
 */
import {
  DESK_EVENT_NAMES as DESK_EVENTS,
  DESK_METHOD_NAMES as DESK_METHODS,
} from '../../../shared/ipc-names';
import type {
  DeskArgument,
  DeskBridge,
  DeskEventName,
  DeskEvents,
  DeskResult,
  FileReading,
} from '../../../shared/ipc';
import { fileAsBase64 } from './file-base64';

const TOKEN_KEY = 'payout-desk.browser-host-token';
/** After the stream is refused or lost: wait, then ask for a new ticket (the host may be back). */
const RECONNECT_MS = 2000;

/** The token from the address's fragment (then gone from it), else from this tab's storage. */
function takeToken(): string {
  const fromAddress = new URLSearchParams(window.location.hash.slice(1)).get('token');
  if (fromAddress) {
    sessionStorage.setItem(TOKEN_KEY, fromAddress);
    // Out of the address bar, the history entry and anything copied from it.
    const { pathname, search } = window.location;
    window.history.replaceState(window.history.state, '', `${pathname}${search}`);
  }
  return sessionStorage.getItem(TOKEN_KEY) ?? '';
}

/**
 * A null answer: the other arguments are too long for a header, or the request failed
 * before any answer; the call is then sent as JSON (base64 bytes) instead.
 */
type FileCall = (
  method: string,
  argument: unknown,
  file: Blob,
) => Promise<DeskResult<unknown> | null>;

/** Well under Node's 16 KB for all of a request's headers (a long, non-Latin file name). */
const FILE_CALL_MAX_HEADER = 8 * 1024;

/** The browser host's file call (`/api/call-file`); null in Electron, or before the first call. */
let fileCall: FileCall | null = null;

function httpBridge(): DeskBridge {
  const token = takeToken();
  const listeners = new Map<DeskEventName, Set<(payload: never) => void>>();
  let connecting = false;

  /**
   * The stream opens with a one-time ticket (the host refuses the token in a URL): asked for
   * with the token header, spent by the EventSource. When the stream fails for good (the
   * browser's own retry reuses the spent ticket and is refused), a new ticket is asked for.
   */
  async function openEvents(): Promise<void> {
    const answer = await post('/api/event-ticket', undefined).catch(() => undefined);
    const ticket = answer?.ok ? (answer.value as { ticket?: unknown }).ticket : undefined;
    if (typeof ticket !== 'string') {
      setTimeout(() => void openEvents(), RECONNECT_MS);
      return;
    }
    const source = new EventSource(`/api/events?ticket=${encodeURIComponent(ticket)}`);
    for (const event of DESK_EVENTS) {
      source.addEventListener(event, (message) => {
        const payload = JSON.parse((message as MessageEvent<string>).data) as never;
        for (const listener of listeners.get(event) ?? []) listener(payload);
      });
    }
    source.addEventListener('error', () => {
      if (source.readyState !== EventSource.CLOSED) {
        // The browser would retry with the spent ticket: close and start over instead.
        source.close();
      }
      setTimeout(() => void openEvents(), RECONNECT_MS);
    });
  }

  function connectEvents() {
    if (connecting) return;
    connecting = true;
    void openEvents();
  }

  async function post(path: string, body: unknown): Promise<DeskResult<unknown>> {
    const response = await fetch(path, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Desk-Token': token },
      body: body === undefined ? null : JSON.stringify(body),
    });
    return (await response.json()) as DeskResult<unknown>;
  }

  const hostGone: DeskResult<unknown> = {
    ok: false,
    error: { code: 'INTERNAL', message: 'The Payout Desk host is not running (restart it).' },
  };

  async function call(method: string, argument: unknown): Promise<DeskResult<unknown>> {
    try {
      return await post('/api/call', { method, argument });
    } catch {
      return hostGone;
    }
  }

  /**
   * The file is the body as it is (the browser sends a File without the page's thread
   * copying it); the other arguments go in a header (electron/browser-host/api.ts).
   */
  fileCall = async (method, argument, file) => {
    const header = encodeURIComponent(JSON.stringify({ method, argument }));
    if (header.length > FILE_CALL_MAX_HEADER) return null;
    try {
      const response = await fetch('/api/call-file', {
        method: 'POST',
        headers: { 'X-Desk-Token': token, 'X-Desk-Call': header },
        body: file,
      });
      return (await response.json()) as DeskResult<unknown>;
    } catch {
      // The file could not be read (gone, or changed since it was chosen) or the host is
      // not running: the JSON call says which, with its own sentence.
      return null;
    }
  };

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

/**
 * readPayoutFile of a file as the person chose it. The browser host takes the file itself as
 * the request's body; Electron's preload takes its bytes as base64 text, as the contract
 * says. Base64 and a JSON body of 1.3 MB for a 1 MB file were 20-100 ms of one task on the
 * page's thread before the desk heard of the file (issue 10 part 3).
 */
export async function readPayoutFileOf(
  argument: Omit<DeskArgument<'readPayoutFile'>, 'bytes'>,
  file: Blob,
): Promise<DeskResult<FileReading>> {
  // First: the browser host's bridge sets fileCall when it is made.
  const target = desk();
  const answer = fileCall === null ? null : await fileCall('readPayoutFile', argument, file);
  if (answer !== null) return answer as DeskResult<FileReading>;
  return target.readPayoutFile({ ...argument, bytes: await fileAsBase64(file) });
}
