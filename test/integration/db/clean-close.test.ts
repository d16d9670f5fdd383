// quick_check at start only after an unclean shutdown (clean-close.ts): real SQLite files, and
// a second process (test/support/cache-holder.ts) that is killed or quits.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, rmSync, statSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createAuditLog,
  createBackups,
  openDatabase,
  openDatabaseWithRecovery,
} from '../../../electron/services/db';
import type { Logger } from '../../../electron/services/log';

const ROOT = new URL('../../../', import.meta.url).pathname;
const silent: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined };

let dir: string;
let file: string;
let backupsDir: string;
const children: ChildProcessWithoutNullStreams[] = [];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'payout-desk-clean-close-'));
  file = join(dir, 'payout-desk.sqlite');
  backupsDir = join(dir, 'backups');
});

afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

/** Opens and closes the cache as a desk start does; returns whether quick_check ran. */
function startAndQuit(): boolean {
  const { db, checked, restored } = openDatabaseWithRecovery(file, backupsDir);
  expect(restored).toBeNull();
  db.close();
  return checked;
}

type Holder = {
  checked: boolean;
  quit: () => Promise<void>;
  kill: () => Promise<void>;
};

/** A second process with the cache open (and one row written), until quit or killed. */
async function holder(): Promise<Holder> {
  // Node itself runs it (tsx as a loader), so SIGKILL hits the process holding the file.
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'test/support/cache-holder.ts', file, backupsDir],
    {
      cwd: ROOT,
      stdio: ['pipe', 'pipe', 'pipe'],
    },
  );
  children.push(child);
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const lines = createInterface({ input: child.stdout });
  const next = () =>
    new Promise<Record<string, unknown>>((resolve, reject) => {
      lines.once('line', (line) => {
        resolve(JSON.parse(line) as Record<string, unknown>);
      });
      child.once('exit', (code) => {
        reject(new Error(`cache holder exited (${String(code)}): ${stderr}`));
      });
    });
  const exited = new Promise<void>((resolve) => {
    child.once('exit', () => {
      resolve();
    });
  });
  const opened = await next();
  return {
    checked: opened.checked === true,
    quit: async () => {
      child.stdin.write('close\n');
      expect(await next()).toEqual({ closed: true });
      await exited;
    },
    kill: async () => {
      child.kill('SIGKILL');
      await exited;
    },
  };
}

/** Garbage over every page after the first, as a failing disk would leave it. */
function corruptPages(target: string) {
  const size = statSync(target).size;
  const fd = openSync(target, 'r+');
  const garbage = Buffer.alloc(4096, 0xa5);
  for (let offset = 4096; offset < size; offset += 4096) writeSync(fd, garbage, 0, 4096, offset);
  closeSync(fd);
}

describe('quick_check at start', () => {
  it('is skipped after a clean close, and runs for a file no desk closed cleanly', () => {
    openDatabase(file).close(); // written without the start's bookkeeping
    expect(startAndQuit()).toBe(true);
    expect(startAndQuit()).toBe(false);
    expect(startAndQuit()).toBe(false);
  });

  it('runs after the file was written to since the clean close', () => {
    expect(startAndQuit()).toBe(false); // a new file: nothing to check
    const other = openDatabase(file);
    createAuditLog(other).append({ atMs: 1, profileId: null, action: 'x', detail: {} });
    other.close();
    expect(startAndQuit()).toBe(true);
    expect(startAndQuit()).toBe(false);
  });

  it('runs after a process holding the file was killed, then no more', async () => {
    expect(startAndQuit()).toBe(false);
    expect(startAndQuit()).toBe(false);
    const held = await holder();
    expect(held.checked).toBe(false);
    await held.kill();
    expect(startAndQuit()).toBe(true);
    // That start checked the file: the dead process's marker is gone with it.
    expect(startAndQuit()).toBe(false);
  });

  it('runs while another process has the file open, and not after both closed cleanly', async () => {
    startAndQuit();
    const held = await holder();
    expect(startAndQuit()).toBe(true);
    // This process closed cleanly, the other has not yet: the next start still checks.
    expect(startAndQuit()).toBe(true);
    await held.quit();
    expect(startAndQuit()).toBe(false);
  });

  it('finds a file damaged after a clean close and restores the newest backup', async () => {
    const first = openDatabaseWithRecovery(file, backupsDir);
    const audit = createAuditLog(first.db);
    for (let n = 0; n < 200; n += 1) {
      audit.append({ atMs: n, profileId: null, action: 'x', detail: { pad: 'x'.repeat(200) } });
    }
    const backups = createBackups({ db: first.db, dir: backupsDir, now: Date.now, log: silent });
    const backup = await backups.backupNow('test');
    await backups.close();
    first.db.close();
    corruptPages(file);

    const { db, checked, restored } = openDatabaseWithRecovery(file, backupsDir);
    expect(checked).toBe(true);
    expect(restored?.restoredFrom).toEqual(backup);
    expect(existsSync(restored?.damagedFile ?? '')).toBe(true);
    expect(db.sqlite.prepare('SELECT count(*) FROM audit_log').pluck().get()).toBe(200);
    db.close();
    expect(startAndQuit()).toBe(false);
  });

  it('finds a file damaged by a killed process and restores the newest backup', async () => {
    const first = openDatabaseWithRecovery(file, backupsDir);
    const backups = createBackups({ db: first.db, dir: backupsDir, now: Date.now, log: silent });
    const backup = await backups.backupNow('test');
    await backups.close();
    first.db.close();
    const held = await holder();
    await held.kill();
    corruptPages(file);

    const { db, checked, restored } = openDatabaseWithRecovery(file, backupsDir);
    expect(checked).toBe(true);
    expect(restored?.restoredFrom).toEqual(backup);
    db.close();
  });
});
