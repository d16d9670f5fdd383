/**
 * A Payout Desk main process without Electron that the model-based suite drives over
 * JSON lines: each stdin line `{ id, method, argument }` is passed to `dispatch` (the gate
 * every UI call passes) and answered on stdout as `{ id, result }` with the DeskResult.
 * `{ id, method: "__close" }` closes the desk and exits. It is run as `node --import tsx`
 * (one process), so a SIGKILL lands on the process doing the work, mid-call if need be.
 *
 * Env: DESK_DATA_DIR. Profiles are added through the contract like a person would, so
 * custom profiles keep their secrets in the private keyring session of the fault runner.
 */
import { createInterface } from 'node:readline';
import { createDesk } from '../../../electron/services/desk';
import { dispatch } from '../../../electron/services/ipc/dispatch';
import { createKeytarStore } from '../../../electron/services/vault';

type Request = { id: number; method: string; argument?: unknown };

function send(message: unknown) {
  process.stdout.write(`${JSON.stringify(message)}\n`);
}

async function main(): Promise<void> {
  const dataDir = process.env.DESK_DATA_DIR;
  if (!dataDir) throw new Error('DESK_DATA_DIR is not set');
  const desk = await createDesk({
    dataDir,
    secretStore: createKeytarStore('payout-desk-test'),
    simulator: false,
    // No passes of its own: every pass is one the model asked for or one a handler starts.
    sync: { startOnOpen: false, minIntervalMs: 600_000, maxIntervalMs: 1_200_000 },
  });
  send({ ready: true, pid: process.pid });
  const lines = createInterface({ input: process.stdin });
  lines.on('line', (line) => {
    let request: Request;
    try {
      request = JSON.parse(line) as Request;
    } catch {
      return;
    }
    if (request.method === '__close') {
      void desk.close().then(() => {
        send({ id: request.id, result: { ok: true, value: null } });
        process.exit(0);
      });
      return;
    }
    // Calls run concurrently, as the renderer's do; the model decides what overlaps.
    void (async () => {
      try {
        // dispatch takes any method name: an unknown one is answered as an error value.
        const result = await dispatch(desk.handlers, request.method, request.argument);
        send({ id: request.id, result });
      } catch (error) {
        send({
          id: request.id,
          result: { ok: false, error: { code: 'INTERNAL', message: String(error) } },
        });
      }
    })();
  });
  lines.on('close', () => {
    void desk.close().then(() => process.exit(0));
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
