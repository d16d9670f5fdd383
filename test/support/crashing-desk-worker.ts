/**
 * A stand-in desk worker that speaks the protocol's first word and then dies on the first
 * call without answering it: what a native crash or an out-of-memory kill looks like from the
 * host thread (test/integration/worker/desk-worker.test.ts).
 */
import { parentPort } from 'node:worker_threads';
import type { WorkerToHost } from '../../electron/services/worker/desk-worker-protocol';

const ready: WorkerToHost = { type: 'ready', simulator: undefined };
parentPort?.postMessage(ready);
parentPort?.on('message', () => {
  process.exit(70);
});
