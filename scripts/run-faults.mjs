#!/usr/bin/env node
// `npm run test:faults`: the fault suite (test/faults, vitest.faults.config.mts) inside a
// private D-Bus session with a freshly unlocked gnome-keyring, exactly as scripts/run-tests.mjs
// runs vitest, then ONE line per fault with its outcome and the closing line
// "N passed, N failed, N skipped". Exit code 1 on any failure (or a file that did not run).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const reports = join(root, '.test-reports', 'faults');
const output = join(reports, 'vitest.json');
rmSync(reports, { recursive: true, force: true });
mkdirSync(reports, { recursive: true });

function which(binary) {
  return spawnSync('sh', ['-c', `command -v ${binary}`], { stdio: 'ignore' }).status === 0;
}

/**
 * Runs a command inside a private D-Bus session with a freshly unlocked gnome-keyring, so
 * keychain use is real and leaves nothing behind (the same as run-tests.mjs's withKeyring).
 */
function withKeyring(command, args) {
  if (!which('dbus-run-session') || !which('gnome-keyring-daemon')) {
    console.log(
      '(no dbus-run-session/gnome-keyring-daemon: keychain tests will report KEYCHAIN_UNAVAILABLE)',
    );
    return [command, args, {}, null];
  }
  const quoted = [command, ...args].map((part) => `'${part.replaceAll("'", "'\\''")}'`).join(' ');
  const dataHome = mkdtempSync(join(tmpdir(), 'payout-desk-keyring-'));
  const script = `printf pw | gnome-keyring-daemon --unlock --components=secrets >/dev/null; ${quoted}`;
  return ['dbus-run-session', ['--', 'sh', '-c', script], { XDG_DATA_HOME: dataHome }, dataHome];
}

const [command, args, env, keyringHome] = withKeyring('npx', [
  'vitest',
  'run',
  '--config',
  'vitest.faults.config.mts',
  '--reporter=default',
  '--reporter=json',
  `--outputFile=${output}`,
  // e.g. `node scripts/run-faults.mjs test/faults/clock-skew` runs one fault.
  ...process.argv.slice(2),
]);
console.log('=== fault suite (vitest.faults.config.mts)');
const run = spawnSync(command, args, {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, ...env },
});
// The throwaway keyring holds only the test profiles' secrets.
if (keyringHome) rmSync(keyringHome, { recursive: true, force: true });

const totals = { passed: 0, failed: 0, skipped: 0 };
/** fault title -> { order, tests: [{ status, title, outcome, failure }] } */
const faults = new Map();
const brokenFiles = [];

function firstLine(text, max = 160) {
  const line =
    String(text)
      .split('\n')
      .find((part) => part.trim() !== '') ?? '';
  return line.length > max ? `${line.slice(0, max - 1)}…` : line.trim();
}

if (existsSync(output)) {
  const report = JSON.parse(readFileSync(output, 'utf8'));
  for (const file of report.testResults) {
    if (file.assertionResults.length === 0 && file.status === 'failed') {
      brokenFiles.push(`${relative(root, file.name)}: ${firstLine(file.message)}`);
    }
    for (const test of file.assertionResults) {
      // Each fault is a describe block titled "fault N: …"; its tests are its cases.
      const fault = test.ancestorTitles[0] ?? test.title;
      const order = Number(/^fault (\d+)/.exec(fault)?.[1] ?? Number.MAX_SAFE_INTEGER);
      if (!faults.has(fault)) faults.set(fault, { order, tests: [] });
      faults.get(fault).tests.push({
        status: test.status,
        title: test.title,
        outcome: test.meta?.faultOutcome,
        failure: test.failureMessages[0],
      });
      if (test.status === 'passed') totals.passed += 1;
      else if (test.status === 'failed') totals.failed += 1;
      else totals.skipped += 1;
    }
  }
}

console.log('\n=== faults');
for (const [fault, { tests }] of [...faults].sort((a, b) => a[1].order - b[1].order)) {
  const failed = tests.filter((test) => test.status === 'failed');
  const skipped = tests.filter((test) => test.status !== 'passed' && test.status !== 'failed');
  if (failed.length > 0) {
    const reasons = failed.map((test) => `${test.title}: ${firstLine(test.failure)}`);
    console.log(`${fault} ... FAILED — ${reasons.join(' | ')}`);
  } else if (skipped.length > 0) {
    console.log(`${fault} ... SKIPPED — ${skipped.map((test) => test.title).join(' | ')}`);
  } else {
    const outcomes = tests.map((test) => test.outcome ?? `${test.title}: passed`);
    console.log(`${fault} ... OK — ${outcomes.join('; ')}`);
  }
}
for (const broken of brokenFiles) console.log(`fault file ${broken} ... FAILED (did not run)`);

if (!existsSync(output)) {
  totals.failed += 1;
  console.log('vitest wrote no report ... FAILED');
} else if (brokenFiles.length > 0) {
  totals.failed += brokenFiles.length;
} else if (run.status !== 0 && totals.failed === 0) {
  // vitest failed without a failed test (e.g. an error outside any test): never look green.
  totals.failed += 1;
  console.log(`vitest exited with ${run.status ?? run.signal} ... FAILED`);
}
console.log(`\n${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(totals.failed > 0 ? 1 : 0);
