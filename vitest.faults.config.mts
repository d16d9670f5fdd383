import { defineConfig } from 'vitest/config';

// The fault suite (`node scripts/run-faults.mjs`): network, clock, disk and process faults
// against the real desk, simulator, SQLite and keyring. Each file starts its own simulators
// on random 127.0.0.1 ports and its own child processes; two cores, two workers. Timeouts are
// generous because faults are slow on purpose (latency, backoff, lock waits); every loop in
// the tests has its own bound in count and time.
export default defineConfig({
  test: {
    include: ['test/faults/**/*.faults.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 60_000,
    maxWorkers: 2,
  },
});
