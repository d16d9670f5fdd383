/**
 * The dist preparation step (`npm run native:electron`, run by `npm start` and `npm run
 * dist`) never touches node_modules: after it runs, as far as it can without network here,
 * node_modules' better-sqlite3 is byte-for-byte the same Node build and still loads under
 * Node, and the failure is one clear paragraph. Both download hosts point at a closed local
 * port, so the test behaves the same with or without network.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, it } from 'vitest';

const root = resolve(__dirname, '../../..');
const nodeAddon = join(root, 'node_modules/better-sqlite3/build/Release/better_sqlite3.node');

function sha256(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const address = server.address();
  await new Promise((done) => server.close(done));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

it('fails with one clear paragraph and leaves node_modules loadable under Node', async () => {
  const before = sha256(nodeAddon);
  const out = mkdtempSync(join(tmpdir(), 'payout-desk-native-'));
  const unreachable = `http://127.0.0.1:${String(await closedPort())}`;
  const run = spawnSync(
    process.execPath,
    [
      '--import',
      'tsx',
      join(root, 'electron/tools/prepare-electron-native.ts'),
      '--for-dist',
      '--out',
      out,
      '--prebuilt-host',
      unreachable,
      '--headers-url',
      unreachable,
    ],
    // npm passes the user's nodedir to scripts: the tool must not let node-gyp use it.
    { cwd: root, encoding: 'utf8', env: { ...process.env, npm_config_nodedir: '/usr' } },
  );
  expect(run.status).toBe(1);
  expect(run.stderr).toContain('Could not prepare better-sqlite3');
  expect(run.stderr).toContain('no prebuilt binary could be fetched');
  expect(run.stderr).toContain("compiling it against Electron's headers failed");
  expect(run.stderr).toContain('node_modules was not touched');
  expect(run.stderr).not.toMatch(/^\s+at /m);
  // Nothing half-made is left where main or electron-builder would pick it up.
  expect(readdirSync(out).filter((entry) => !entry.startsWith('.electron-headers'))).toEqual([]);
  expect(existsSync(join(out, 'package'))).toBe(false);

  expect(sha256(nodeAddon)).toBe(before);
  const load = spawnSync(
    process.execPath,
    ['-e', "const D = require('better-sqlite3'); new D(':memory:').prepare('select 1').get();"],
    { cwd: root, encoding: 'utf8' },
  );
  expect(load.stderr).toBe('');
  expect(load.status).toBe(0);
}, 60_000);
