// Exactly once under SIGKILL: a desk process submits a draft of three batches and is killed
// at a random moment, 30 times; after each kill a new process recovers. However the kill
// falls (before the draft is saved, between batches, mid-request, after Calypso committed a
// batch but before the answer arrived), the simulator must hold exactly one mass payout per
// batch, and every batch must end delivered.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCalypsoClient } from '../../../electron/services/calypso';
import { startSimulator, type RunningSimulator } from '../../../electron/simulator';
import type { DraftBatch } from '../../../shared/drafts';

const TRIALS = 30;
const ROOT = new URL('../../../', import.meta.url).pathname;

let sim: RunningSimulator;
let dataDir: string;

/** A seeded generator, so a failing trial can be replayed. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

type Step = { step: string; data: unknown };

function runDesk(
  mode: 'submit' | 'recover',
  trial: number,
  killAfter?: { afterDraft: boolean; ms: number },
) {
  // Node itself runs the desk (tsx as a loader): SIGKILL must hit the process doing the work,
  // not a wrapper that would leave it running.
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/support/desk-process.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      DESK_DATA_DIR: dataDir,
      DESK_SIM: JSON.stringify({ baseUrl: sim.baseUrl, ...sim.merchant }),
      MODE: mode,
      TRIAL: String(trial),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const steps: Step[] = [];
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const kill = () => {
    if (child.exitCode === null) child.kill('SIGKILL');
  };
  if (killAfter && !killAfter.afterDraft) setTimeout(kill, killAfter.ms);
  createInterface({ input: child.stdout }).on('line', (line) => {
    const step = JSON.parse(line) as Step;
    steps.push(step);
    if (killAfter?.afterDraft && step.step === 'draft') setTimeout(kill, killAfter.ms);
  });
  return new Promise<{ code: number | null; signal: string | null; steps: Step[]; stderr: string }>(
    (resolve) => {
      child.on('close', (code, signal) => {
        resolve({ code, signal, steps, stderr });
      });
    },
  );
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'payout-desk-kill-'));
  // A little latency per request widens the window in which a kill lands mid-submission.
  sim = await startSimulator({ faults: { latencyMs: 15 } });
});

afterAll(async () => {
  await sim.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('submission survives SIGKILL at random moments', () => {
  it(`holds exactly one mass payout per batch over ${TRIALS} killed submissions`, async () => {
    const next = random(20261125);
    const outcomes: string[] = [];
    let recovered: { draftId: string; batches: DraftBatch[] }[] = [];
    for (let trial = 1; trial <= TRIALS; trial += 1) {
      const afterDraft = next() < 0.7;
      const ms = Math.floor(afterDraft ? next() * 120 : next() * 1500);
      const submit = await runDesk('submit', trial, { afterDraft, ms });
      outcomes.push(
        submit.signal === 'SIGKILL'
          ? `killed ${afterDraft ? 'after draft +' : 'at start +'}${ms}ms`
          : `finished (${submit.code})`,
      );
      if (submit.signal !== 'SIGKILL') expect(submit.code, submit.stderr).toBe(0);

      const recover = await runDesk('recover', trial);
      expect(recover.code, recover.stderr).toBe(0);
      const last = recover.steps.at(-1);
      expect(last?.step).toBe('recovered');
      recovered = last?.data as typeof recovered;
    }

    // Every draft that was saved ended with all its batches delivered, each exactly once.
    const batches = recovered.flatMap((draft) => draft.batches);
    expect(batches.length).toBeGreaterThan(0);
    for (const batch of batches) expect(batch.delivery, JSON.stringify(batch)).toBe('done');
    expect(new Set(batches.map((batch) => batch.requestId)).size).toBe(batches.length);
    expect(new Set(batches.map((batch) => batch.payoutId)).size).toBe(batches.length);
    expect(sim.countPayouts()).toBe(batches.length);

    const client = createCalypsoClient({ baseUrl: sim.baseUrl, ...sim.merchant });
    for (const batch of batches) {
      const mass = await client.getMassPayout({ idempotencyKey: batch.requestId });
      expect(mass.id).toBe(batch.payoutId);
      expect(mass.totalWithdrawalAmount).toBe(batch.total);
    }
    // Each draft is 3 batches; drafts killed before they were saved do not exist at all.
    expect(batches.length % 3).toBe(0);
    console.log(`kill trials: ${outcomes.join('; ')}`);
  }, 300_000);
});
