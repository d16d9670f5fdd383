/**
 * Runs desk-child.ts in its own Node process and kills it with SIGKILL on cue. The child is
 * `node --import tsx`, one process: killing `node_modules/.bin/tsx` instead would kill only
 * the tsx launcher while the desk itself (its grandchild) ran on to the end.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { RunningSimulator } from '../../../electron/simulator';

const ROOT = new URL('../../../', import.meta.url).pathname;
const CHILD = join(ROOT, 'test/faults/support/desk-child.ts');
/** Nothing a child does takes this long; a stuck child is killed and reported. */
const CHILD_TIMEOUT_MS = 60_000;

export type ChildStep = { step: string; data: unknown };
export type ChildRun = {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** Whether this run's kill landed (the child had not exited on its own). */
  killed: boolean;
  steps: ChildStep[];
  stderr: string;
};

export type KillCue = { afterStep: string; delayMs: number };

export function runDeskChild(
  sim: RunningSimulator,
  dataDir: string,
  mode: string,
  args: unknown = {},
  kill?: KillCue,
): Promise<ChildRun> {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD], {
    cwd: ROOT,
    env: {
      ...process.env,
      DESK_DATA_DIR: dataDir,
      DESK_SIM: JSON.stringify({ baseUrl: sim.baseUrl, ...sim.merchant }),
      MODE: mode,
      ARGS: JSON.stringify(args),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const steps: ChildStep[] = [];
  let stderr = '';
  let killed = false;
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const killNow = () => {
    if (child.exitCode === null && child.signalCode === null) {
      killed = child.kill('SIGKILL');
    }
  };
  const watchdog = setTimeout(killNow, CHILD_TIMEOUT_MS);
  createInterface({ input: child.stdout }).on('line', (line) => {
    let step: ChildStep;
    try {
      step = JSON.parse(line) as ChildStep;
    } catch {
      return; // a line cut by the kill
    }
    steps.push(step);
    if (
      kill &&
      step.step === kill.afterStep &&
      steps.filter((s) => s.step === kill.afterStep).length === 1
    ) {
      setTimeout(killNow, kill.delayMs);
    }
  });
  return new Promise((resolve) => {
    child.on('close', (code, signal) => {
      clearTimeout(watchdog);
      resolve({ code, signal, killed: killed && signal === 'SIGKILL', steps, stderr });
    });
  });
}

/** The data of the last step named `name`, or throws with the child's stderr. */
export function lastStep(run: ChildRun, name: string): unknown {
  const step = run.steps.filter((entry) => entry.step === name).at(-1);
  if (!step)
    throw new Error(`the child never reported "${name}" (exit ${run.code}): ${run.stderr}`);
  return step.data;
}
