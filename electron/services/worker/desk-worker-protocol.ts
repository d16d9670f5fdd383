/**
 * The one message protocol between a host thread (Electron main, the browser host) and the
 * desk running in a worker thread (docs/desktop-runtime.md, "The desk in a worker thread").
 * Both sides import these types; nothing else crosses the thread boundary.
 */
import type { DeskError, DeskEventName, DeskResult } from '../../../shared/ipc';
import type { SimulatorOptions } from '../../simulator';
import type { OpenDatabaseOptions } from '../db';
import type { DeskOptions } from '../desk';

/**
 * Everything createDesk needs that survives a structured clone. Options that are functions
 * (emit, log, now, secretStore, database hooks) cannot cross a thread: events and log lines
 * come back as messages, and tests that need the others build createDesk in-process.
 */
export type WorkerDeskOptions = {
  dataDir: string;
  simulator?: false | SimulatorOptions;
  sync?: DeskOptions['sync'];
  database?: Pick<OpenDatabaseOptions, 'nativeBinding'>;
  intentExpiryMs?: number;
  /** A simulator the caller runs (e2e in Electron): the desk then starts none of its own. */
  externalSimulator?: DeskOptions['externalSimulator'];
  /** The OS keychain (default), or secrets kept in the worker's memory (benches). */
  secrets?: 'keychain' | 'memory';
  /**
   * How events reach the host: as objects (Electron main hands them to webContents.send)
   * or as JSON text serialised in the worker (the browser host writes it to its event stream
   * without touching a large payload on its own thread).
   */
  events?: 'object' | 'json';
};

/** What the built-in simulator of the worker's desk looks like from the host thread. */
export type SimulatorSummary = {
  baseUrl: string;
  port: number;
  merchant: { account: string; key: string; secret: string };
};

/** The answer to a raw JSON call: bytes of a DeskResult, or why there is none. */
export type JsonAnswer =
  { kind: 'answer'; json: Uint8Array } | { kind: 'not-json' } | { kind: 'failed'; message: string };

export type HostToWorker =
  | { type: 'call'; id: number; method: unknown; argument: unknown }
  | { type: 'call-json'; id: number; body: Uint8Array }
  | { type: 'simulator'; id: number; path: string; args: unknown[]; signal?: Int32Array }
  | { type: 'close' };

export type WorkerToHost =
  | { type: 'ready'; simulator: SimulatorSummary | undefined }
  | { type: 'start-failed'; error: DeskError }
  | { type: 'result'; id: number; result: DeskResult<unknown> }
  | { type: 'json-result'; id: number; answer: JsonAnswer }
  | { type: 'simulator-result'; id: number; ok: boolean; value?: unknown; message?: string }
  | { type: 'event'; event: DeskEventName; payload?: unknown; json?: string }
  | { type: 'log'; level: 'info' | 'warn' | 'error'; message: string; fields?: unknown }
  | { type: 'closed' };

/** The error every pending call gets when the worker is gone. */
export const WORKER_GONE: DeskError = {
  code: 'INTERNAL',
  message: 'The desk stopped unexpectedly. Restart Payout Desk; nothing was lost.',
};

/**
 * How many nice steps below the host thread the desk worker's thread runs on Linux: the desk's work is background work, and the
 * thread that serves the window must win a contended core the moment it wakes. The
 * worker-stall bench found the host thread's long stalls spent waiting in the run queue
 * behind this thread (docs/desktop-runtime.md, "Why the host thread stalled").
 */
export const DESK_WORKER_NICE = 10;
