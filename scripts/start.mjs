#!/usr/bin/env node
// `npm start`: builds and opens the Electron app. Machines without the Electron binary (it is
// downloaded on first use, which needs network access to its release host) get a clear
// explanation and the browser alternative instead of a stack trace. With the binary, it
// first makes sure the Electron build of better-sqlite3 exists in .native/ (fetched or
// compiled once, apart from node_modules, whose Node build the tests use): see
// docs/desktop-runtime.md.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;

const packageDir = join(root, 'node_modules', 'electron');

function installedBinary() {
  if (process.env.ELECTRON_OVERRIDE_DIST_PATH) return process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const pathFile = join(packageDir, 'path.txt');
  if (!existsSync(pathFile)) return undefined;
  const binary = join(packageDir, 'dist', readFileSync(pathFile, 'utf8'));
  return existsSync(binary) ? binary : undefined;
}

/** One quiet download attempt through the electron package; it fails fast when offline. */
function tryDownload() {
  const install = join(packageDir, 'install.js');
  if (!existsSync(install)) return 'the electron package is not installed (run npm ci)';
  const result = spawnSync(process.execPath, [install], { encoding: 'utf8', timeout: 180_000 });
  if (result.status === 0) return undefined;
  const reason = `${result.stderr}`.split('\n').find((line) => line.trim() !== '');
  return reason?.trim() ?? 'the download did not finish';
}

const downloadProblem = installedBinary() ? undefined : tryDownload();
if (!installedBinary()) {
  console.error(`
Payout Desk cannot start as a desktop app here: the Electron binary is missing.
  node_modules/electron has no dist/ folder, and downloading it failed: ${downloadProblem}.
  (Electron's binary comes from its release host, which npm ci does not contact.)

Use the same app in your browser instead:
  npm run start:browser

Or, on a machine with network access, install the binary and try again:
  npx install-electron && npm start
`);
  process.exit(1);
}

// Electron's main process cannot load node_modules' Node build of better-sqlite3.
const native = spawnSync(
  process.execPath,
  ['--import', 'tsx', join(root, 'electron', 'tools', 'prepare-electron-native.ts')],
  { cwd: root, stdio: 'inherit' },
);
if (native.status !== 0) {
  console.error(`
Payout Desk cannot start as a desktop app yet: see above for what is missing. The browser
version of the same app needs none of it:
  npm run start:browser
`);
  process.exit(native.status ?? 1);
}

const build = spawnSync('npx', ['electron-vite', 'build'], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);
const app = spawnSync('npx', ['electron-vite', 'preview'], { cwd: root, stdio: 'inherit' });
process.exit(app.status ?? 1);
