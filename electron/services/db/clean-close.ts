/**
 * Whether the cache needs `PRAGMA quick_check` at start: only when the last process using it
 * did not close it cleanly, or something wrote to it since (docs/audit-chain.md, "A damaged
 * cache at start"). quick_check reads every page (~0.6 s on 100,000 payouts); a desk that quit
 * normally left a sound file behind.
 *
 * Two kinds of marker beside the file, none inside it (writing there would change what the
 * clean record describes):
 * - `<file>.open-<pid>-<random>`: one per process that has the file open, written before it
 *   opens and removed after its clean close. A crash leaves it behind. Each process only ever
 *   creates and removes its own, so two desks on one data folder never race on one file.
 * - `<file>.clean`: written by the last process to close cleanly (no other marker left), with
 *   the file's size, modification time and inode after the close, and a digest of 16 blocks
 *   spread over it (file times are only as fine as the system's clock tick: garbage written
 *   within the same tick as the close still changes the sample); removed by every open.
 *
 * The check is skipped only when there is no marker of another process and the clean record
 * matches the file (and no write-ahead log is left over). A marker of a live process also
 * means "check": its owner may still crash. A marker whose process is gone (same machine, no
 * such process id) is a crash, and is removed only once a start has checked the file or
 * restored it. Should the id have been reused by another program, the marker looks alive and
 * stays: every start then checks, which costs time, never safety.
 */
import { createHash, randomBytes } from 'node:crypto';
import {
  closeSync,
  openSync,
  readdirSync,
  readFileSync,
  readSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { hostname } from 'node:os';
import { basename, dirname, join } from 'node:path';

type CleanRecord = { size: number; mtimeMs: number; ino: number; sample: string };

type OpenMarker = { pid: number; host: string };

export type CacheSession = {
  /** No other process had the file open and it is as the last clean close left it. */
  readonly closedCleanly: boolean;
  /** After the start checked (or restored) the file: forget markers of processes that died. */
  forgetCrashed: () => void;
  /** After this process closed its connection: the file is sound as far as it is concerned. */
  closed: () => void;
  /** The open failed: drop this process's marker without vouching for the file. */
  abandon: () => void;
};

const cleanFile = (file: string) => `${file}.clean`;
const markerPrefix = (file: string) => `${basename(file)}.open-`;

const SAMPLE_BLOCKS = 16;
const BLOCK = 4096;

/** sha256 of the first and last block and 14 between: 64 KB read, whatever the file's size. */
function sampleDigest(file: string, size: number): string {
  const hash = createHash('sha256');
  const block = Buffer.alloc(BLOCK);
  const fd = openSync(file, 'r');
  try {
    const last = Math.max(0, Math.ceil(size / BLOCK) - 1);
    for (let k = 0; k < SAMPLE_BLOCKS; k += 1) {
      const offset = Math.round((k * last) / (SAMPLE_BLOCKS - 1)) * BLOCK;
      const read = readSync(fd, block, 0, BLOCK, offset);
      hash.update(block.subarray(0, read));
    }
  } finally {
    closeSync(fd);
  }
  return hash.digest('hex');
}

function fingerprint(file: string): CleanRecord | null {
  try {
    const stat = statSync(file);
    return {
      size: stat.size,
      mtimeMs: stat.mtimeMs,
      ino: stat.ino,
      sample: sampleDigest(file, stat.size),
    };
  } catch {
    return null;
  }
}

function readClean(file: string): CleanRecord | null {
  try {
    const parsed: unknown = JSON.parse(readFileSync(cleanFile(file), 'utf8'));
    const record = parsed as Partial<CleanRecord> | null;
    return typeof record?.size === 'number' &&
      typeof record.mtimeMs === 'number' &&
      typeof record.ino === 'number' &&
      typeof record.sample === 'string'
      ? { size: record.size, mtimeMs: record.mtimeMs, ino: record.ino, sample: record.sample }
      : null;
  } catch {
    return null;
  }
}

/** A log left with frames in it was not checkpointed by a clean close. */
function hasLeftoverLog(file: string): boolean {
  try {
    return statSync(`${file}-wal`).size > 0;
  } catch {
    return false;
  }
}

function markers(file: string): string[] {
  const prefix = markerPrefix(file);
  try {
    return readdirSync(dirname(file))
      .filter((name) => name.startsWith(prefix))
      .map((name) => join(dirname(file), name));
  } catch {
    return [];
  }
}

function readMarker(path: string): OpenMarker | null {
  try {
    const parsed = JSON.parse(readFileSync(path, 'utf8')) as Partial<OpenMarker> | null;
    return typeof parsed?.pid === 'number' && typeof parsed.host === 'string'
      ? { pid: parsed.pid, host: parsed.host }
      : null;
  } catch {
    return null;
  }
}

/** Only a process of this machine that is certainly gone counts as crashed. */
function isGone(marker: OpenMarker | null): boolean {
  if (marker === null || marker.host !== hostname()) return false;
  try {
    process.kill(marker.pid, 0);
    return false;
  } catch (error) {
    // EPERM: it exists, owned by someone else.
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

/** Written whole or not at all: a crash mid-write must not leave a record that parses. */
function writeAtomically(path: string, text: string): void {
  const partial = `${path}.partial-${String(process.pid)}`;
  writeFileSync(partial, text);
  renameSync(partial, path);
}

/** Call before opening the file; `closed` after closing it, `abandon` if the open failed. */
export function beginCacheSession(file: string): CacheSession {
  const others = markers(file);
  const clean = readClean(file);
  const now = fingerprint(file);
  const closedCleanly =
    others.length === 0 &&
    clean !== null &&
    now !== null &&
    clean.size === now.size &&
    clean.mtimeMs === now.mtimeMs &&
    clean.ino === now.ino &&
    clean.sample === now.sample &&
    !hasLeftoverLog(file);

  // From here until this process closes cleanly, the file is "in use": a crash is visible.
  rmSync(cleanFile(file), { force: true });
  const own = join(
    dirname(file),
    `${markerPrefix(file)}${String(process.pid)}-${randomBytes(4).toString('hex')}`,
  );
  writeAtomically(own, JSON.stringify({ pid: process.pid, host: hostname() }));

  let ended = false;
  return {
    closedCleanly,
    forgetCrashed: () => {
      for (const path of markers(file)) {
        if (path !== own && isGone(readMarker(path))) rmSync(path, { force: true });
      }
    },
    closed: () => {
      if (ended) return;
      ended = true;
      rmSync(own, { force: true });
      // Another process still has it open (or died with it open): not ours to vouch for.
      if (markers(file).length > 0) return;
      const after = fingerprint(file);
      if (after !== null && !hasLeftoverLog(file)) {
        writeAtomically(cleanFile(file), JSON.stringify(after));
      }
    },
    abandon: () => {
      if (ended) return;
      ended = true;
      rmSync(own, { force: true });
    },
  };
}
