/**
 * Another process holding the cache file's write lock: a plain `node -e` with better-sqlite3
 * that opens the file, runs BEGIN EXCLUSIVE and keeps it until told to let go (a line on its
 * stdin) or, at the latest, after `maxHoldMs`.
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

const ROOT = new URL('../../../', import.meta.url).pathname;

const SCRIPT = `
const Database = require('better-sqlite3');
const db = new Database(process.argv[1]);
db.pragma('busy_timeout = 10000');
db.exec('BEGIN EXCLUSIVE');
process.stdout.write('locked\\n');
const release = (code) => { db.exec('ROLLBACK'); db.close(); process.stdout.write('released\\n'); process.exit(code); };
process.stdin.once('data', () => release(0));
setTimeout(() => release(3), Number(process.argv[2]));
`;

export type LockHolder = { pid: number; release: () => Promise<number | null> };

export async function holdExclusiveLock(file: string, maxHoldMs = 60_000): Promise<LockHolder> {
  const child = spawn(process.execPath, ['-e', SCRIPT, file, String(maxHoldMs)], {
    cwd: ROOT,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exited = new Promise<number | null>((resolve) => {
    child.on('close', (code) => {
      resolve(code);
    });
  });
  await new Promise<void>((resolve, reject) => {
    createInterface({ input: child.stdout }).on('line', (line) => {
      if (line === 'locked') resolve();
    });
    void exited.then((code) => {
      reject(new Error(`the lock holder exited (${code}) before locking: ${stderr}`));
    });
  });
  return {
    pid: child.pid ?? -1,
    release: () => {
      child.stdin.end('release\n');
      return exited;
    },
  };
}
