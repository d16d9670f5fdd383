import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, describe, expect, it } from 'vitest';
import { CALYPSO_PATHS } from '../../../shared/calypso/endpoints';
import { startSimulator } from '../../../electron/simulator/index';
import { bodyAs, signedRequest } from './signed-request';

const ROOT = new URL('../../../', import.meta.url).pathname;
const running: ChildProcess[] = [];

/** `npm` runs the documented start command itself: `npm run simulator -- <args>`. */
function launch(args: string[], runner: 'npm' | 'tsx' = 'npm'): ChildProcess {
  const [command, commandArgs] =
    runner === 'npm'
      ? ['npm', ['run', 'simulator', '--', ...args]]
      : [join(ROOT, 'node_modules/.bin/tsx'), ['electron/simulator/cli.ts', ...args]];
  // Own process group, so the whole npm -> tsx -> node chain can be stopped by its id.
  const child = spawn(command, commandArgs, {
    cwd: ROOT,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.push(child);
  return child;
}

function exited(
  child: ChildProcess,
): Promise<{ code: number | null; stderr: string; stdout: string }> {
  let stderr = '';
  let stdout = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  return new Promise((resolve) => {
    child.on('close', (code) => {
      resolve({ code, stderr, stdout });
    });
  });
}

function firstLine(child: ChildProcess): Promise<string> {
  const stdout = child.stdout;
  if (!stdout) throw new Error('no stdout');
  const lines = createInterface({ input: stdout });
  return new Promise((resolve, reject) => {
    lines.once('line', resolve);
    child.once('close', (code) => {
      reject(new Error(`simulator exited with ${String(code)} before printing`));
    });
  });
}

function stop(child: ChildProcess): void {
  if (child.pid !== undefined && child.exitCode === null && child.signalCode === null) {
    process.kill(-child.pid, 'SIGTERM');
  }
}

afterEach(() => {
  running.splice(0).forEach(stop);
});

describe('simulator command line', () => {
  it('prints the demo credentials as its first stdout line and serves signed calls', async () => {
    const child = launch(['--port', '0', '--seed', 'demo']);
    const done = exited(child);
    const info = JSON.parse(await firstLine(child)) as {
      baseUrl: string;
      account: string;
      key: string;
      secret: string;
    };
    expect(info.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(info.account).toMatch(/^0x[0-9a-f]{40}$/);
    expect(info.key).toMatch(/^[0-9a-f]{32}$/);
    expect(info.secret).toMatch(/^[0-9a-f]{32}$/);
    const target = {
      baseUrl: info.baseUrl,
      merchant: { account: info.account, key: info.key, secret: info.secret },
      clock: { now: () => Date.now() },
    };
    const reply = await signedRequest(target, CALYPSO_PATHS.listPayouts, { size: 5 });
    expect(reply.status).toBe(200);
    expect(bodyAs(reply, 'payouts').totalElements).toBeGreaterThan(100);
    stop(child);
    await done;
    await expect(fetch(`${info.baseUrl}/__simulator/state`)).rejects.toThrow();
  }, 20_000);

  it('closes cleanly on SIGTERM (exit 0) and keeps its credentials in the --db file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'calypso-cli-'));
    try {
      const dbFile = join(dir, 'cli.db');
      // tsx itself (what the npm script runs) passes the signal on and returns the exit code.
      const child = launch(['--db', dbFile], 'tsx');
      const done = exited(child);
      const info = JSON.parse(await firstLine(child)) as { account: string };
      stop(child);
      expect((await done).code).toBe(0);
      const reopened = await startSimulator({ dbFile });
      expect(reopened.merchant.account).toBe(info.account);
      await reopened.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 20_000);

  it('gives the same credentials at every start without --db for one --random-seed, and says so', async () => {
    const start = async (seed: string) => {
      const child = launch(['--random-seed', seed], 'tsx');
      const done = exited(child);
      const info = JSON.parse(await firstLine(child)) as {
        baseUrl: string;
        account: string;
        secret: string;
      };
      stop(child);
      return { info, stderr: (await done).stderr };
    };
    const first = await start('5');
    const again = await start('5');
    const other = await start('6');
    expect(again.info).toEqual({ ...first.info, baseUrl: again.info.baseUrl });
    expect(other.info.account).not.toBe(first.info.account);
    expect(first.stderr).toContain(
      'Credentials come from --random-seed 5: the same at every start with this seed',
    );
  }, 30_000);

  it('exits 2 naming an unknown flag', async () => {
    const result = await exited(launch(['--bogus']));
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--bogus');
    expect(result.stdout).toBe('');
  }, 20_000);

  it('exits 2 naming a bad value', async () => {
    const result = await exited(launch(['--port', 'eighty']));
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--port');
    expect(result.stderr).toContain('eighty');
  }, 20_000);

  it('exits 2 naming a busy port', async () => {
    const holder = await startSimulator();
    try {
      const result = await exited(launch(['--port', String(holder.port)]));
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(`port ${holder.port}`);
      expect(result.stdout).toBe('');
    } finally {
      await holder.close();
    }
  }, 20_000);
});
