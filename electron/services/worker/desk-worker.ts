/**
 * The worker thread's entry: builds the desk from workerData (WorkerDeskOptions) and answers
 * the host's messages (desk-worker-protocol.ts). SQLite, validation, sync and HTTP all run
 * here, so nothing the desk does can stall the thread that serves the window.
 */
import { getPriority, setPriority } from 'node:os';
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import type { DeskEventName } from '../../../shared/ipc';
import { createDesk, type Desk, type DeskEmit } from '../desk';
import { dispatch } from '../ipc/dispatch';
import { toDeskError } from '../ipc/to-desk-error';
import type { Logger } from '../log';
import { installNodeSha256 } from '../node-sha256';
import { installWasmKeccak256 } from '../../../shared/keccak256';
import type { SecretStore } from '../vault';
import {
  DESK_WORKER_NICE,
  type HostToWorker,
  type JsonAnswer,
  type WorkerDeskOptions,
  type WorkerToHost,
} from './desk-worker-protocol';

const port = parentPort;
if (!port) throw new Error('desk-worker.ts runs only as a worker thread');
installNodeSha256();
// Keccak for EIP-55 checks (shared/keccak256.ts); compiled long before the first import.
void installWasmKeccak256();
const { options, simulatorPort } = workerData as {
  options: WorkerDeskOptions;
  /** Where simulator answers go: the host reads them synchronously (receiveMessageOnPort). */
  simulatorPort: MessagePort;
};

/**
 * Lowers this thread's CPU priority, on Linux only: there setpriority(PRIO_PROCESS, 0)
 * names the calling thread, so the host thread keeps its own; on macOS and Windows the same
 * call would lower the whole app, window included. A refusal (a sandbox without the
 * syscall) changes nothing else.
 */
function yieldToHostThread(): void {
  if (process.platform !== 'linux') return;
  try {
    // Relative to the priority inherited from the host thread (19 is the lowest).
    setPriority(Math.min(19, getPriority() + DESK_WORKER_NICE));
  } catch {
    // Runs at the default priority, as before.
  }
}
yieldToHostThread();

function post(message: WorkerToHost, transfer: ArrayBuffer[] = []): void {
  port?.postMessage(message, transfer);
}

/** Log lines travel to the host's logger; a field that cannot be cloned travels as text. */
function relayLog(level: 'info' | 'warn' | 'error') {
  return (message: string, fields?: Record<string, unknown>) => {
    try {
      post({ type: 'log', level, message, fields });
    } catch {
      post({ type: 'log', level, message, fields: { fields: 'not cloneable' } });
    }
  };
}
const log: Logger = { info: relayLog('info'), warn: relayLog('warn'), error: relayLog('error') };

function memorySecrets(): SecretStore {
  const secrets = new Map<string, string>();
  return {
    get: (account) => Promise.resolve(secrets.get(account) ?? null),
    set: (account, value) => {
      secrets.set(account, value);
      return Promise.resolve();
    },
    delete: (account) => Promise.resolve(secrets.delete(account)),
  };
}

const emit: DeskEmit = (event: DeskEventName, payload: unknown) => {
  if (options.events === 'json') post({ type: 'event', event, json: JSON.stringify(payload) });
  else post({ type: 'event', event, payload });
};

/** The bytes of a JSON text, in a buffer of their own so they can be transferred. */
function ownBytes(text: string): Uint8Array {
  const bytes = Buffer.from(text, 'utf8');
  return new Uint8Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length));
}

async function answerJson(desk: Desk, body: Uint8Array): Promise<JsonAnswer> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(body.buffer, body.byteOffset, body.length).toString('utf8'));
  } catch {
    return { kind: 'not-json' };
  }
  const { method, argument } = (typeof parsed === 'object' && parsed !== null ? parsed : {}) as {
    method?: unknown;
    argument?: unknown;
  };
  const result = await dispatch(desk.handlers, method, argument);
  try {
    return { kind: 'answer', json: ownBytes(JSON.stringify(result)) };
  } catch (error) {
    return { kind: 'failed', message: error instanceof Error ? error.message : String(error) };
  }
}

/** Calls the simulator's own functions for tests and benches on the host thread. */
async function callSimulator(desk: Desk, path: string, args: unknown[]): Promise<unknown> {
  const simulator = desk.simulator;
  if (!simulator) throw new Error('this desk runs without its simulator');
  const [first, second] = path.split('.');
  const owner = (
    second ? (simulator as Record<string, unknown>)[first ?? ''] : simulator
  ) as Record<string, unknown>;
  const fn = owner[second ?? first ?? ''];
  if (typeof fn !== 'function') throw new Error(`the simulator has no ${path}`);
  return await (fn as (...values: unknown[]) => unknown).apply(owner, args);
}

async function main(): Promise<void> {
  let desk: Desk;
  try {
    desk = await createDesk({
      dataDir: options.dataDir,
      emit,
      log,
      ...(options.simulator === undefined ? {} : { simulator: options.simulator }),
      ...(options.sync ? { sync: options.sync } : {}),
      ...(options.database ? { database: options.database } : {}),
      ...(options.intentExpiryMs === undefined ? {} : { intentExpiryMs: options.intentExpiryMs }),
      ...(options.externalSimulator ? { externalSimulator: options.externalSimulator } : {}),
      ...(options.secrets === 'memory' ? { secretStore: memorySecrets() } : {}),
    });
  } catch (error) {
    post({ type: 'start-failed', error: toDeskError(error) });
    simulatorPort.close();
    port?.close();
    return;
  }
  let closing = false;
  port?.on('message', (message: HostToWorker) => {
    switch (message.type) {
      case 'call':
        void dispatch(desk.handlers, message.method, message.argument).then((result) => {
          try {
            post({ type: 'result', id: message.id, result });
          } catch (error) {
            post({
              type: 'result',
              id: message.id,
              result: { ok: false, error: toDeskError(error) },
            });
          }
        });
        return;
      case 'call-json':
        void answerJson(desk, message.body).then((answer) => {
          post(
            { type: 'json-result', id: message.id, answer },
            answer.kind === 'answer' ? [answer.json.buffer as ArrayBuffer] : [],
          );
        });
        return;
      case 'simulator':
        void callSimulator(desk, message.path, message.args).then(
          (value) => {
            answerSimulator(message, { ok: true, value });
          },
          (error: unknown) => {
            answerSimulator(message, {
              ok: false,
              message: error instanceof Error ? error.message : String(error),
            });
          },
        );
        return;
      case 'close':
        if (closing) return;
        closing = true;
        // The handshake: the host hears "closed" only once the database is closed.
        void desk.close().finally(() => {
          post({ type: 'closed' });
          simulatorPort.close();
          port.close();
        });
        return;
    }
  });
  post({
    type: 'ready',
    simulator: desk.simulator
      ? {
          baseUrl: desk.simulator.baseUrl,
          port: desk.simulator.port,
          merchant: { ...desk.simulator.merchant },
        }
      : undefined,
  });
}

/** A synchronous simulator call is waiting on `signal`: post the answer, then wake it. */
function answerSimulator(
  message: Extract<HostToWorker, { type: 'simulator' }>,
  answer: { ok: boolean; value?: unknown; message?: string },
): void {
  try {
    simulatorPort.postMessage({ type: 'simulator-result', id: message.id, ...answer });
  } catch (error) {
    simulatorPort.postMessage({
      type: 'simulator-result',
      id: message.id,
      ok: false,
      message: String(error),
    });
  }
  if (message.signal) {
    Atomics.store(message.signal, 0, 1);
    Atomics.notify(message.signal, 0);
  }
}

void main();
