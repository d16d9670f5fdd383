/**
 * Host-thread budget of issue 10 ("The backend in its own thread"): while the desk works,
 * the thread that serves the window (here the browser host's; in Electron, main's) never
 * stalls for more than 16 ms. Measured as the longest event-loop delay of the host thread
 * (perf_hooks monitorEventLoopDelay, 1 ms resolution) during each phase, driven over HTTP
 * from another thread (worker-stall-driver.ts): a 100,000-row createDraft, one edit on that
 * draft, and the first sync of 100,000 payouts. Needs the built renderer only for the host's
 * static files. One line per figure: `name: value (budget: ...) OK|OVER`.
 * Run: npx tsx bench/worker-stall-bench.ts [rows]
 */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { startBrowserHost } from '../electron/browser-host/server';

const ROWS = Number(process.argv[2] ?? 100_000);
const PAYOUTS = 100_000;
const BUDGET_MS = 16;

function report(name: string, value: string, budget: string, ok: boolean): void {
  console.log(`${name}: ${value} (budget: ${budget}) ${ok ? 'OK' : 'OVER'}`);
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'payout-desk-bench-stall-'));
  const rendererDir = join(dataDir, 'renderer');
  mkdirSync(rendererDir);
  writeFileSync(join(rendererDir, 'index.html'), '<html><body>bench</body></html>');
  const host = await startBrowserHost({
    rendererDir,
    desk: {
      dataDir: join(dataDir, 'desk'),
      secrets: 'memory',
      simulator: { seed: 'none' },
      sync: { startOnOpen: false },
    },
  });
  try {
    const seeded = performance.now();
    host.desk.simulator?.seedPayouts(PAYOUTS);
    console.log(
      `seeded ${PAYOUTS.toLocaleString('en-US')} payouts in ${Math.round(performance.now() - seeded)} ms (not measured)`,
    );
    const histogram = monitorEventLoopDelay({ resolution: 1 });
    // The same thread doing nothing, for scale: on a busy machine the scheduler alone can
    // take a thread off its core for several milliseconds.
    await new Promise((resolveIdle) => setTimeout(resolveIdle, 500));
    histogram.enable();
    await new Promise((resolveIdle) => setTimeout(resolveIdle, 3000));
    histogram.disable();
    console.log(
      `host-thread longest stall while idle for 3 s: ${(histogram.max / 1e6).toFixed(1)} ms (no budget: the machine's own noise)`,
    );
    histogram.reset();
    const phases: { name: string; maxMs: number; p99Ms: number; busy: number; ms: number }[] = [];
    let utilization = performance.eventLoopUtilization();
    let syncState = '';
    await new Promise<void>((resolvePromise, reject) => {
      const bootstrap = `require('tsx/cjs/api').register(); require(${JSON.stringify(join(import.meta.dirname, 'worker-stall-driver.ts'))});`;
      const driver = new Worker(bootstrap, {
        eval: true,
        workerData: { url: host.url, token: host.token, rows: ROWS },
      });
      driver.on(
        'message',
        (message: {
          type: string;
          name?: string;
          ms?: number;
          message?: string;
          syncState?: string;
        }) => {
          if (message.type === 'start') {
            utilization = performance.eventLoopUtilization();
            histogram.reset();
            histogram.enable();
          } else if (message.type === 'end') {
            histogram.disable();
            phases.push({
              name: message.name ?? '',
              maxMs: histogram.max / 1e6,
              p99Ms: histogram.percentile(99) / 1e6,
              busy: performance.eventLoopUtilization(utilization).utilization,
              ms: message.ms ?? 0,
            });
          } else if (message.type === 'done') {
            syncState = message.syncState ?? '';
            void driver.terminate().then(() => {
              resolvePromise();
            });
          } else if (message.type === 'failed') {
            void driver.terminate();
            reject(new Error(message.message));
          }
        },
      );
      driver.on('error', reject);
    });
    const labels: Record<string, string> = {
      create: `host-thread stall during a ${ROWS.toLocaleString('en-US')}-row createDraft`,
      edit: `host-thread stall during one edit on the ${ROWS.toLocaleString('en-US')}-row draft`,
      sync: `host-thread stall during a ${PAYOUTS.toLocaleString('en-US')}-payout first sync`,
    };
    for (const phase of phases) {
      report(
        labels[phase.name] ?? phase.name,
        `${phase.maxMs.toFixed(1)} ms longest stall, p99 ${phase.p99Ms.toFixed(1)} ms, host thread busy ${(phase.busy * 100).toFixed(1)}% of the time (the call took ${Math.round(phase.ms)} ms)`,
        `<= ${BUDGET_MS} ms`,
        phase.maxMs <= BUDGET_MS,
      );
    }
    console.log(`first sync ended in state ${syncState}`);
  } finally {
    await host.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
