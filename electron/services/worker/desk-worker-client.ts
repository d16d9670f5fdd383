/**
 * The host thread's side of the desk worker: starts desk-worker.ts in a worker thread and
 * relays calls and events through desk-worker-protocol.ts. Electron main and the browser
 * host both use it, so every test that goes through either one runs the desk in its worker.
 * A worker that dies answers every pending and later call with an INTERNAL error: a call
 * never hangs.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import {
  MessageChannel,
  receiveMessageOnPort,
  Worker,
  type WorkerOptions,
} from 'node:worker_threads';
import {
  DESK_METHODS,
  type DeskError,
  type DeskEventName,
  type DeskResult,
} from '../../../shared/ipc';
import type { RunningSimulator } from '../../simulator';
import type { DeskHandlers } from '../ipc/dispatch';
import { DeskFailure } from '../ipc/desk-failure';
import { silentLogger, type Logger } from '../log';
import {
  WORKER_GONE,
  type HostToWorker,
  type JsonAnswer,
  type SimulatorSummary,
  type WorkerDeskOptions,
  type WorkerToHost,
} from './desk-worker-protocol';

/**
 * The built-in simulator, seen from the host thread: its address and merchant, and its
 * functions called synchronously in the worker (tests and benches drive it this way).
 * Field assignment (`faults.x = ...`) does not cross the thread: use setFaults.
 */
export type RemoteSimulator = SimulatorSummary &
  Pick<
    RunningSimulator,
    'countPayouts' | 'seedPayouts' | 'failAddress' | 'setFaults' | 'addMerchant'
  > & {
    clock: Pick<RunningSimulator['clock'], 'now' | 'advance' | 'setOffset'>;
    close(): Promise<void>;
  };

export type DeskWorker = {
  /** One call, structured-cloned both ways; answered like `dispatch` (the worker runs it). */
  call(method: unknown, argument: unknown): Promise<DeskResult<unknown>>;
  /** A raw `{method, argument}` JSON body, parsed, dispatched and serialised in the worker. */
  callJson(body: Uint8Array): Promise<JsonAnswer>;
  /** The handler table as functions that relay to the worker (tests call them in-process). */
  handlers: DeskHandlers;
  simulator: RemoteSimulator | undefined;
  /** Asks the desk to close (polling stopped, database closed), then ends the worker. */
  close(): Promise<void>;
};

export type StartDeskWorkerOptions = {
  desk: WorkerDeskOptions;
  /** The worker's file; by default desk-worker.ts beside this one, loaded through tsx. */
  entry?: string;
  log?: Logger;
  onEvent?: (event: DeskEventName, payload: unknown, json: string | undefined) => void;
};

/** How long a close may take before the thread is ended anyway (the app must be able to quit). */
const CLOSE_TIMEOUT_MS = 15_000;

function notSendable(error: unknown): DeskError {
  return {
    code: 'VALIDATION',
    message: `the argument cannot be sent to the desk (${error instanceof Error ? error.name : 'not cloneable'})`,
  };
}

/**
 * Sources run under tsx (tests, the browser host); the built app has a .js entry. On Node 20
 * `execArgv: ['--import', 'tsx']` registers tsx's hooks after the worker has already refused
 * the .ts extension, so a two-line bootstrap registers tsx first and then loads the entry.
 */
function newWorker(entry: string, workerOptions: WorkerOptions): Worker {
  if (!entry.endsWith('.ts')) return new Worker(entry, workerOptions);
  const bootstrap = `require('tsx/cjs/api').register(); require(${JSON.stringify(entry)});`;
  return new Worker(bootstrap, { ...workerOptions, eval: true });
}

let keychainPinned = false;

/**
 * Loads keytar once on this (the host) thread and keeps it loaded for the life of the process.
 * Node dlclose()s a worker's addons when the worker ends: keytar.node and libsecret are then
 * unmapped, but GLib's type registry (libgobject stays loaded) still holds SecretService and
 * its friends, pointing at the unmapped code. The next worker's libsecret then fails to
 * register its types again ("cannot register existing type 'SecretService'") and the process
 * hangs or dies with SIGSEGV. A reference held here keeps the library mapped, so every worker
 * shares the one copy. Nothing is called here: a machine without libsecret still starts, and
 * the worker reports the keychain as unavailable, as before.
 */
function pinKeychainBinding(): void {
  if (keychainPinned) return;
  keychainPinned = true;
  try {
    createRequire(__filename)('keytar');
  } catch {
    // No keytar here: the worker's keytar store reports it on first use.
  }
}

export function startDeskWorker(options: StartDeskWorkerOptions): Promise<DeskWorker> {
  if (options.desk.secrets !== 'memory') pinKeychainBinding();
  const entry = options.entry ?? join(dirname(__filename), 'desk-worker.ts');
  const log = options.log ?? silentLogger;
  const simulatorChannel = new MessageChannel();
  const worker = newWorker(entry, {
    workerData: { options: options.desk, simulatorPort: simulatorChannel.port2 },
    transferList: [simulatorChannel.port2],
  });
  let nextId = 1;
  let gone = false;
  let closeAcknowledged = false;
  const pending = new Map<number, (message: WorkerToHost | undefined) => void>();
  let closed: (() => void) | undefined;
  const closedPromise = new Promise<void>((resolve) => {
    closed = resolve;
  });

  function send(message: HostToWorker, transfer: ArrayBuffer[] = []): void {
    worker.postMessage(message, transfer);
  }

  function request(build: (id: number) => HostToWorker, transfer: ArrayBuffer[] = []) {
    return new Promise<WorkerToHost | undefined>((resolve) => {
      if (gone) {
        resolve(undefined);
        return;
      }
      const id = nextId++;
      pending.set(id, resolve);
      try {
        send(build(id), transfer);
      } catch (error) {
        // An argument a structured clone cannot copy (a function, say) never leaves here.
        pending.delete(id);
        resolve({ type: 'result', id, result: { ok: false, error: notSendable(error) } });
      }
    });
  }

  function stopped(reason: string): void {
    if (gone) return;
    gone = true;
    for (const resolve of pending.values()) resolve(undefined);
    pending.clear();
    simulatorChannel.port1.close();
    closed?.();
    if (reason) log.error('desk worker stopped', { reason });
  }

  function callSimulatorSync(path: string, args: unknown[]): unknown {
    if (gone) throw new Error('the desk worker has stopped');
    const signal = new Int32Array(new SharedArrayBuffer(4));
    const id = nextId++;
    send({ type: 'simulator', id, path, args, signal });
    // Blocks this thread until the worker answers: only tests and benches call these.
    Atomics.wait(signal, 0, 0, 30_000);
    const received = receiveMessageOnPort(simulatorChannel.port1)?.message as
      Extract<WorkerToHost, { type: 'simulator-result' }> | undefined;
    if (!received) throw new Error(`the simulator did not answer ${path}`);
    if (!received.ok) throw new Error(received.message);
    return received.value;
  }

  function remoteSimulator(summary: SimulatorSummary): RemoteSimulator {
    const fn =
      (path: string) =>
      (...args: unknown[]) =>
        callSimulatorSync(path, args);
    return {
      ...summary,
      countPayouts: fn('countPayouts') as RemoteSimulator['countPayouts'],
      seedPayouts: fn('seedPayouts') as RemoteSimulator['seedPayouts'],
      failAddress: fn('failAddress'),
      setFaults: fn('setFaults') as RemoteSimulator['setFaults'],
      addMerchant: fn('addMerchant') as RemoteSimulator['addMerchant'],
      clock: {
        now: fn('clock.now') as () => number,
        advance: fn('clock.advance') as (ms: number) => number,
        setOffset: fn('clock.setOffset'),
      },
      close: () => {
        callSimulatorSync('close', []);
        return Promise.resolve();
      },
    };
  }

  const call = async (method: unknown, argument: unknown): Promise<DeskResult<unknown>> => {
    const answer = await request((id) => ({ type: 'call', id, method, argument }));
    return answer?.type === 'result' ? answer.result : { ok: false, error: WORKER_GONE };
  };

  const handlers = Object.fromEntries(
    DESK_METHODS.map((method) => [
      method,
      async (argument: unknown) => {
        const result = await call(method, argument);
        if (result.ok) return result.value;
        throw new DeskFailure(result.error.code, result.error.message, result.error.details);
      },
    ]),
  ) as unknown as DeskHandlers;

  return new Promise<DeskWorker>((resolve, reject) => {
    let started = false;
    worker.on('message', (message: WorkerToHost) => {
      switch (message.type) {
        case 'ready':
          started = true;
          resolve({
            call,
            callJson: async (body) => {
              const own = body.byteOffset === 0 && body.byteLength === body.buffer.byteLength;
              const bytes = own ? body : body.slice();
              const answer = await request(
                (id) => ({ type: 'call-json', id, body: bytes }),
                [bytes.buffer as ArrayBuffer],
              );
              return answer?.type === 'json-result'
                ? answer.answer
                : { kind: 'failed', message: 'the desk worker has stopped' };
            },
            handlers,
            simulator: message.simulator ? remoteSimulator(message.simulator) : undefined,
            close: async () => {
              if (gone) return;
              send({ type: 'close' });
              const timer = setTimeout(() => {
                log.error('desk worker did not close in time: ending it', {
                  timeoutMs: CLOSE_TIMEOUT_MS,
                });
                void worker.terminate();
              }, CLOSE_TIMEOUT_MS);
              await closedPromise;
              clearTimeout(timer);
            },
          });
          return;
        case 'start-failed':
          reject(new DeskFailure(message.error.code, message.error.message, message.error.details));
          return;
        case 'result':
        case 'json-result': {
          const resolveCall = pending.get(message.id);
          pending.delete(message.id);
          resolveCall?.(message);
          return;
        }
        case 'event':
          options.onEvent?.(message.event, message.payload, message.json);
          return;
        case 'log':
          log[message.level](message.message, message.fields as Record<string, unknown>);
          return;
        case 'closed':
          closeAcknowledged = true;
          // The database is closed: whatever else the worker still holds may simply end.
          void worker.terminate();
          return;
        case 'simulator-result':
          return;
      }
    });
    worker.on('error', (error) => {
      log.error('desk worker failed', { error });
      if (!started) reject(error instanceof Error ? error : new Error(String(error)));
      stopped('');
    });
    worker.on('exit', (code) => {
      if (!started) reject(new Error(`the desk worker exited (code ${code}) before it was ready`));
      stopped(code === 0 || closeAcknowledged ? '' : `exit code ${code}`);
    });
  });
}
