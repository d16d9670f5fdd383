/**
 * One desk host of the model-based suite: desk-rpc-child.ts in its own Node process, driven
 * call by call. `kill()` is a real SIGKILL, mid-call or not; calls in flight then answer
 * `{ killed: true }` instead of a DeskResult, which the model treats as "outcome unknown".
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { DeskResult } from '../../../shared/ipc';

const ROOT = new URL('../../../', import.meta.url).pathname;
const CHILD = join(ROOT, 'test/faults/model/desk-rpc-child.ts');
/** No call of the model takes this long (retries included); a stuck host is killed. */
const CALL_TIMEOUT_MS = 45_000;
const START_TIMEOUT_MS = 30_000;

export type CallOutcome<T = unknown> = DeskResult<T> | { killed: true };

export function wasKilled<T>(outcome: CallOutcome<T>): outcome is { killed: true } {
  return 'killed' in outcome;
}

export type DeskHost = {
  name: string;
  call: <T = unknown>(method: string, argument?: unknown) => Promise<CallOutcome<T>>;
  /** SIGKILL now; resolves once the process is gone. */
  kill: () => Promise<void>;
  /** Closes the desk cleanly (waits for its sync passes) and waits for the exit. */
  close: () => Promise<void>;
  alive: () => boolean;
  stderr: () => string;
};

export async function startDeskHost(name: string, dataDir: string): Promise<DeskHost> {
  const child: ChildProcessWithoutNullStreams = spawn(
    process.execPath,
    ['--import', 'tsx', CHILD],
    { cwd: ROOT, env: { ...process.env, DESK_DATA_DIR: dataDir }, stdio: 'pipe' },
  );
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const waiting = new Map<number, (outcome: CallOutcome) => void>();
  let nextId = 1;
  let exited = false;
  const exit = new Promise<void>((resolve) => {
    child.on('close', () => {
      exited = true;
      for (const answer of waiting.values()) answer({ killed: true });
      waiting.clear();
      resolve();
    });
  });
  const ready = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(new Error(`desk host ${name} did not start: ${stderr}`));
    }, START_TIMEOUT_MS);
    void exit.then(() => {
      clearTimeout(timer);
      reject(new Error(`desk host ${name} exited at start: ${stderr}`));
    });
    createInterface({ input: child.stdout }).on('line', (line) => {
      let message: { ready?: boolean; id?: number; result?: CallOutcome };
      try {
        message = JSON.parse(line) as typeof message;
      } catch {
        return; // a line cut by the kill
      }
      if (message.ready) {
        clearTimeout(timer);
        resolve();
        return;
      }
      if (message.id === undefined || !message.result) return;
      const answer = waiting.get(message.id);
      waiting.delete(message.id);
      answer?.(message.result);
    });
  });
  await ready;

  const kill = async () => {
    if (!exited) child.kill('SIGKILL');
    await exit;
  };
  const call = <T>(method: string, argument?: unknown): Promise<CallOutcome<T>> => {
    if (exited) return Promise.resolve({ killed: true });
    const id = nextId;
    nextId += 1;
    return new Promise<CallOutcome<T>>((resolve) => {
      const timer = setTimeout(() => {
        // A call stuck this long is a defect of its own: report it loudly, not as a kill.
        resolve({
          ok: false,
          error: { code: 'INTERNAL', message: `${method} took over ${CALL_TIMEOUT_MS} ms` },
        });
        void kill();
      }, CALL_TIMEOUT_MS);
      waiting.set(id, (outcome) => {
        clearTimeout(timer);
        resolve(outcome as CallOutcome<T>);
      });
      child.stdin.write(`${JSON.stringify({ id, method, argument })}\n`);
    });
  };
  return {
    name,
    call,
    kill,
    close: async () => {
      if (exited) return;
      await call('__close');
      await exit;
    },
    alive: () => !exited,
    stderr: () => stderr,
  };
}
