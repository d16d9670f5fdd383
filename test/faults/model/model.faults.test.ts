// Fault 10: seeded model-based sequences (issue 9, part 9). Random sequences of operations
// (single payouts, drafts imported, edited, reviewed and submitted, failed rows retried,
// SIGKILLed and restarted desks, simulator faults, profile changes and removals, a second
// desk host on the same data folder), each checked afterwards against the simulator's own
// store: at most one payout per intent, every payout on the account it was confirmed for,
// every signed payload equal to what was reviewed, no `rejected` entry whose payout exists,
// no outbox entry lost. The seed is printed with the figures and on failure; set
// MODEL_SEED (run seed), MODEL_SEQUENCES, MODEL_OPERATIONS or MODEL_SEQUENCE_SEED (replay
// one sequence) to reproduce or to explore further. See docs/model-suite.md.
import { describe, expect, it } from 'vitest';
import { runSequence, type SequenceResult } from './model-driver';
import { sequenceSeed } from './prng';
import { recordOutcome } from '../support/outcome';

function envInt(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value < 0) throw new Error(`${name} must be an integer`);
  return value;
}

const RUN_SEED = envInt('MODEL_SEED', Math.floor(Math.random() * 2 ** 31));
const REPLAY = process.env.MODEL_SEQUENCE_SEED;

function report(results: SequenceResult[], label: string): string {
  const sum = (of: (result: SequenceResult) => number) =>
    results.reduce((total, result) => total + of(result), 0);
  if (process.env.MODEL_VERBOSE === '1') {
    for (const result of results) {
      console.log(
        `sequence ${result.seed} (${result.elapsedMs} ms):\n${result.log.map((entry, index) => `  ${index + 1}. ${entry}`).join('\n')}` +
          `\n  notes: ${result.notes.join(' | ') || 'none'}`,
      );
    }
  }
  return (
    `model ${label}: ${results.length} sequences, ${sum((r) => r.log.length)} operations checked, ` +
    `${sum((r) => r.checked.intents)} intents, ${sum((r) => r.checked.payouts)} payouts at the simulator ` +
    `(MODEL_SEED=${RUN_SEED})`
  );
}

function failureText(results: SequenceResult[]): string {
  return results
    .filter((result) => result.violations.length > 0)
    .map(
      (result) =>
        `sequence ${result.seed} (${result.adversarial ? 'adversarial' : 'benign'}; replay: ` +
        `MODEL_SEQUENCE_SEED=${result.seed} MODEL_OPERATIONS=${result.log.length}` +
        `${result.adversarial ? '' : ' MODEL_ADVERSARIAL=0'} npm run test:faults test/faults/model):\n` +
        result.violations.map((v) => `  [${v.invariant}] ${v.message}`).join('\n') +
        `\n  operations:\n${result.log.map((line, index) => `    ${index + 1}. ${line}`).join('\n')}` +
        (result.notes.length > 0 ? `\n  notes: ${result.notes.join(' | ')}` : ''),
    )
    .join('\n');
}

async function runMany(
  count: number,
  operations: number,
  adversarial: boolean,
  offset: number,
): Promise<SequenceResult[]> {
  const results: SequenceResult[] = [];
  if (REPLAY !== undefined) {
    results.push(await runSequence({ seed: Number(REPLAY), operations, adversarial }));
    return results;
  }
  for (let index = 0; index < count; index += 1) {
    const seed = sequenceSeed(RUN_SEED, offset + index);
    results.push(await runSequence({ seed, operations, adversarial }));
  }
  return results;
}

describe('fault 10: seeded model-based sequences', () => {
  it.skipIf(REPLAY !== undefined && process.env.MODEL_ADVERSARIAL !== '0')(
    'benign: faults off, no adversarial operation: every invariant holds (the harness is sound)',
    async ({ task }) => {
      const results = await runMany(
        envInt('MODEL_BENIGN_SEQUENCES', 2),
        envInt('MODEL_OPERATIONS', 20),
        false,
        1_000,
      );
      const line = report(results, 'benign');
      console.log(line);
      recordOutcome(task, line);
      expect(failureText(results), line).toBe('');
    },
  );

  it.skipIf(REPLAY !== undefined && process.env.MODEL_ADVERSARIAL === '0')(
    'adversarial: faults, kills, retries, profile changes, two hosts: every invariant holds',
    async ({ task }) => {
      const results = await runMany(
        envInt('MODEL_SEQUENCES', 5),
        envInt('MODEL_OPERATIONS', 24),
        true,
        0,
      );
      const line = report(results, 'adversarial');
      console.log(line);
      recordOutcome(task, line);
      expect(failureText(results), line).toBe('');
    },
  );
});
