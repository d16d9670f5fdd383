#!/usr/bin/env node
// `npm test`: every check and every test runner, then ONE closing line
// "N passed, N failed, N skipped" over all of them (CI reads only that line and the exit
// code). Static checks count as one test each, so a type error cannot hide behind green tests.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

// fileURLToPath, not .pathname: on Windows the latter is "/D:/..." (the CI workflow runs there).
const root = fileURLToPath(new URL('..', import.meta.url));
const reports = join(root, '.test-reports');
rmSync(reports, { recursive: true, force: true });
mkdirSync(reports, { recursive: true });

const totals = { passed: 0, failed: 0, skipped: 0 };
const failures = [];
// The failed tests by name, printed again just above the closing line: CI keeps only the end
// of the output, and a flaky test must be findable from it.
const failedNames = [];

function run(command, args, env = {}) {
  const result = spawnSync(command, args, {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, ...env },
    // npx is npx.cmd on Windows, which Node starts only through a shell (the arguments here
    // have no spaces or quotes to escape).
    shell: process.platform === 'win32',
  });
  return result.status === 0;
}

function check(name, command, args) {
  console.log(`\n=== ${name}: ${command} ${args.join(' ')}`);
  if (run(command, args)) {
    totals.passed += 1;
  } else {
    totals.failed += 1;
    failures.push(name);
  }
}

function which(binary) {
  return spawnSync('sh', ['-c', `command -v ${binary}`], { stdio: 'ignore' }).status === 0;
}

/**
 * Runs a command inside a private D-Bus session with a freshly unlocked gnome-keyring, so
 * keychain tests use a real Secret Service and leave nothing behind (SETUP.md).
 */
function withKeyring(command, args) {
  if (!which('dbus-run-session') || !which('gnome-keyring-daemon')) {
    console.log(
      '(no dbus-run-session/gnome-keyring-daemon: keychain tests will report KEYCHAIN_UNAVAILABLE)',
    );
    return [command, args, {}];
  }
  const quoted = [command, ...args].map((part) => `'${part.replaceAll("'", "'\\''")}'`).join(' ');
  const dataHome = mkdtempSync(join(tmpdir(), 'payout-desk-keyring-'));
  const script = `printf pw | gnome-keyring-daemon --unlock --components=secrets >/dev/null; ${quoted}`;
  return ['dbus-run-session', ['--', 'sh', '-c', script], { XDG_DATA_HOME: dataHome }];
}

function vitest() {
  const output = join(reports, 'vitest.json');
  const [command, args, env] = withKeyring('npx', [
    'vitest',
    'run',
    '--reporter=default',
    '--reporter=json',
    `--outputFile=${output}`,
  ]);
  console.log('\n=== vitest');
  const ok = run(command, args, env);
  if (!existsSync(output)) {
    totals.failed += 1;
    failures.push('vitest (no report written)');
    return;
  }
  const report = JSON.parse(readFileSync(output, 'utf8'));
  totals.passed += report.numPassedTests;
  totals.failed += report.numFailedTests;
  totals.skipped += report.numPendingTests + report.numTodoTests;
  if (!ok && report.numFailedTests === 0) {
    // A suite that failed to load has no failed test; count it so the run cannot look green.
    totals.failed += Math.max(1, report.numFailedTestSuites ?? 0);
    failures.push('vitest (a test file failed to run)');
  } else if (report.numFailedTests > 0) {
    failures.push(`vitest (${report.numFailedTests} failed)`);
  }
  failedNames.push(...failedVitestTests(report));
}

/** Names of the failed tests in a vitest JSON report, "file > title: first line of the error". */
function failedVitestTests(report) {
  const names = [];
  for (const file of report.testResults ?? []) {
    const relative = file.name.startsWith(root) ? file.name.slice(root.length) : file.name;
    if (file.status === 'failed' && (file.assertionResults ?? []).length === 0) {
      names.push(`${relative}: ${firstLine(file.message)}`);
    }
    for (const test of file.assertionResults ?? []) {
      if (test.status !== 'failed') continue;
      names.push(`${relative} > ${test.fullName}: ${firstLine(test.failureMessages?.[0])}`);
    }
  }
  return names;
}

/** Names of the tests Playwright reports unexpected, walking its nested suites. */
function failedPlaywrightTests(suites) {
  const names = [];
  for (const suite of suites) {
    for (const spec of suite.specs ?? []) {
      for (const test of spec.tests ?? []) {
        if (test.status !== 'unexpected') continue;
        const error = test.results?.at(-1)?.error?.message;
        names.push(`${spec.file}:${spec.line} > ${spec.title}: ${firstLine(stripAnsi(error))}`);
      }
    }
    names.push(...failedPlaywrightTests(suite.suites ?? []));
  }
  return names;
}

function stripAnsi(text) {
  // Reports keep the terminal colours of the error; the closing summary is read as plain text.
  // eslint-disable-next-line no-control-regex
  return String(text ?? '').replace(/\u001b\[[0-9;]*m/g, '');
}

function firstLine(text) {
  return stripAnsi(text).split('\n')[0].slice(0, 300);
}

function playwright() {
  const output = join(reports, 'playwright.json');
  console.log('\n=== playwright (end-to-end, Debian Chromium)');
  const [command, args, env] = withKeyring('npx', ['playwright', 'test']);
  const ok = run(command, args, env);
  if (!existsSync(output)) {
    totals.failed += 1;
    failures.push('playwright (no report written)');
    return;
  }
  const playwrightReport = JSON.parse(readFileSync(output, 'utf8'));
  const { stats } = playwrightReport;
  failedNames.push(...failedPlaywrightTests(playwrightReport.suites ?? []));
  totals.passed += stats.expected + stats.flaky;
  totals.failed += stats.unexpected;
  totals.skipped += stats.skipped;
  if (stats.unexpected > 0) failures.push(`playwright (${stats.unexpected} failed)`);
  else if (!ok) {
    totals.failed += 1;
    failures.push('playwright (the run failed)');
  }
}

check('typecheck', 'npx', ['tsc', '-b']);
check('lint', 'npx', ['eslint', '.']);
check('format', 'npx', ['prettier', '--check', '.']);
check('build', 'npx', ['electron-vite', 'build']);
vitest();
playwright();

if (failedNames.length > 0)
  console.log(`\nFailed tests:\n${failedNames.map((n) => `  ${n}`).join('\n')}`);
if (failures.length > 0) console.log(`\nFailed: ${failures.join(', ')}`);
console.log(`\n${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(totals.failed > 0 ? 1 : 0);
