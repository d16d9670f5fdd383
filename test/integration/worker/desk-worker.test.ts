/**
 * The desk in its worker thread, through the one protocol Electron main and the browser host
 * share (electron/services/worker): calls answered like `dispatch`, events pushed, the close
 * handshake that waits for the database, a worker that dies answering pending calls with
 * INTERNAL instead of leaving them hanging, and the simulator driven from the host thread.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { DeskEventName } from '../../../shared/ipc';
import {
  startDeskWorker,
  type DeskWorker,
} from '../../../electron/services/worker/desk-worker-client';
import { dispatch } from '../../../electron/services/ipc/dispatch';
import {
  DESK_WORKER_NICE,
  WORKER_GONE,
} from '../../../electron/services/worker/desk-worker-protocol';

const folders: string[] = [];

/** Each thread of this process with its nice value (Linux: field 19 of /proc/.../stat). */
function threadNiceValues(): Map<number, number> {
  const values = new Map<number, number>();
  for (const tid of readdirSync(`/proc/${process.pid}/task`)) {
    try {
      const stat = readFileSync(`/proc/${process.pid}/task/${tid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      values.set(Number(tid), Number(fields[16]));
    } catch {
      // The thread ended while we read.
    }
  }
  return values;
}
const workers: DeskWorker[] = [];

function folder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'payout-desk-worker-'));
  folders.push(dir);
  return dir;
}

afterEach(async () => {
  await Promise.all(workers.splice(0).map((worker) => worker.close()));
  for (const dir of folders.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function start(
  options: { dataDir: string; startOnOpen?: boolean },
  onEvent?: (event: DeskEventName) => void,
) {
  const worker = await startDeskWorker({
    desk: {
      dataDir: options.dataDir,
      simulator: { seed: 'none' },
      sync: { startOnOpen: options.startOnOpen ?? false },
      secrets: 'memory',
    },
    ...(onEvent
      ? {
          onEvent: (event: DeskEventName) => {
            onEvent(event);
          },
        }
      : {}),
  });
  workers.push(worker);
  return worker;
}

describe('the desk worker', () => {
  it('answers calls as dispatch does: values, unknown methods and bad arguments', async () => {
    const worker = await start({ dataDir: folder() });
    const listed = await worker.call('listProfiles', undefined);
    expect(listed.ok).toBe(true);
    expect((listed as { value: { id: string }[] }).value.map((profile) => profile.id)).toEqual([
      'simulator',
    ]);
    expect(await worker.call('noSuchMethod', 1)).toEqual({
      ok: false,
      error: { code: 'VALIDATION', message: 'unknown method: noSuchMethod' },
    });
    const refused = await worker.call('getDraft', { id: 42 });
    expect(refused.ok).toBe(false);
    expect((refused as { error: { code: string; message: string } }).error.code).toBe('VALIDATION');
    expect((refused as { error: { message: string } }).error.message).toMatch(/^getDraft: /);
  });

  it('relays a raw JSON body and answers with the JSON of the DeskResult', async () => {
    const worker = await start({ dataDir: folder() });
    const answer = await worker.callJson(Buffer.from(JSON.stringify({ method: 'listProfiles' })));
    expect(answer.kind).toBe('answer');
    const parsed = JSON.parse(Buffer.from((answer as { json: Uint8Array }).json).toString()) as {
      ok: boolean;
    };
    expect(parsed.ok).toBe(true);
    expect(await worker.callJson(Buffer.from('{not json'))).toEqual({ kind: 'not-json' });
  });

  it('refuses an argument that cannot cross the thread without sending it', async () => {
    const worker = await start({ dataDir: folder() });
    const refused = await worker.call('getDraft', { draftId: () => 'x' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect((await worker.call('listProfiles', undefined)).ok).toBe(true);
  });

  it('the handler table throws the desk error, so dispatch on the host gives it back unchanged', async () => {
    const worker = await start({ dataDir: folder() });
    const argument = { draftId: 'no-such-draft' };
    const direct = await worker.call('getDraft', argument);
    expect(direct.ok).toBe(false);
    expect(await dispatch(worker.handlers, 'getDraft', argument)).toEqual(direct);
  });

  it('pushes the desk events to the host', async () => {
    const events: DeskEventName[] = [];
    const worker = await start({ dataDir: folder(), startOnOpen: true }, (event) =>
      events.push(event),
    );
    await expect.poll(() => events.includes('syncStatus'), { timeout: 20_000 }).toBe(true);
    await worker.close();
  });

  it('drives the built-in simulator from the host thread', async () => {
    const worker = await start({ dataDir: folder() });
    const simulator = worker.simulator;
    if (!simulator) throw new Error('no simulator');
    expect(simulator.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(simulator.countPayouts()).toBe(0);
    expect(simulator.seedPayouts(3)).toHaveLength(3);
    expect(simulator.countPayouts()).toBe(3);
    expect(() => simulator.seedPayouts(-1)).toThrow();
  });

  it('closes only once the database is closed, then answers INTERNAL', async () => {
    const dataDir = folder();
    const worker = await start({ dataDir });
    expect((await worker.call('listProfiles', undefined)).ok).toBe(true);
    expect(existsSync(join(dataDir, 'payout-desk.sqlite-wal'))).toBe(true);
    await worker.close();
    // SQLite removes the WAL file only when the last connection closes properly.
    expect(existsSync(join(dataDir, 'payout-desk.sqlite-wal'))).toBe(false);
    expect(existsSync(join(dataDir, 'simulator.sqlite-wal'))).toBe(false);
    expect(await worker.call('listProfiles', undefined)).toEqual({ ok: false, error: WORKER_GONE });
  });

  it('a worker that dies answers the pending call with INTERNAL, and every later one', async () => {
    const worker = await startDeskWorker({
      desk: { dataDir: folder() },
      entry: join(import.meta.dirname, '../../support/crashing-desk-worker.ts'),
    });
    workers.push(worker);
    expect(await worker.call('listProfiles', undefined)).toEqual({ ok: false, error: WORKER_GONE });
    expect(await worker.call('listProfiles', undefined)).toEqual({ ok: false, error: WORKER_GONE });
    expect(await worker.callJson(Buffer.from('{}'))).toMatchObject({ kind: 'failed' });
  });

  it.runIf(process.platform === 'linux')(
    'runs the desk at a lower CPU priority than the host thread (Linux)',
    async () => {
      const before = threadNiceValues();
      const hostNice = before.get(process.pid);
      await start({ dataDir: folder() });
      const after = threadNiceValues();
      // This thread keeps its priority; exactly the new worker's thread is lowered.
      expect(after.get(process.pid)).toBe(hostNice);
      const lowered = [...after].filter(
        ([tid, nice]) =>
          !before.has(tid) && nice === Math.min(19, (hostNice ?? 0) + DESK_WORKER_NICE),
      );
      expect(lowered).toHaveLength(1);
    },
  );

  it('a desk that cannot open rejects the start with a desk error', async () => {
    const dataDir = join(folder(), 'a-file');
    writeFileSync(dataDir, 'not a folder');
    await expect(startDeskWorker({ desk: { dataDir, secrets: 'memory' } })).rejects.toMatchObject({
      name: 'DeskFailure',
    });
  });
});

describe('desk workers one after another in one process', () => {
  // Node unloads a worker's addons when it ends; keytar's libsecret then left its GLib types
  // behind and the next worker's keychain calls hung or crashed the process (SIGSEGV). Each
  // start reads the installation's audit key from the real keychain (npm test's keyring).
  it('start, use the keychain and close three times without crashing', async () => {
    for (let round = 1; round <= 3; round += 1) {
      const worker = await startDeskWorker({
        desk: { dataDir: folder(), simulator: { seed: 'none' }, sync: { startOnOpen: false } },
      });
      const verified = await worker.call('verifyAudit', undefined);
      expect(verified, `round ${String(round)}`).toMatchObject({ ok: true });
      await worker.close();
    }
  });
});
