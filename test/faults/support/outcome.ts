/**
 * What a fault test observed, for the one-line-per-fault summary of scripts/run-faults.mjs:
 * stored on the test's `meta`, which vitest's JSON reporter writes out with the result.
 */
import type { DeskError } from '../../../shared/ipc';

declare module 'vitest' {
  // Declaration merging into vitest's TaskMeta needs an interface.
  // eslint-disable-next-line @typescript-eslint/consistent-type-definitions
  interface TaskMeta {
    /** e.g. `no duplicate payout, cache converged, message NO_NETWORK "…"`. */
    faultOutcome?: string;
  }
}

type TaskLike = { meta: { faultOutcome?: string } };

/** Records what the fault produced; several calls in one test are joined with "; ". */
export function recordOutcome(task: TaskLike, text: string): void {
  task.meta.faultOutcome = task.meta.faultOutcome ? `${task.meta.faultOutcome}; ${text}` : text;
}

/** `CODE "sentence"`, shortened for a summary line; "no error" when there was none. */
export function describeError(
  error: Pick<DeskError, 'code' | 'message'> | null | undefined,
  max = 110,
): string {
  if (!error) return 'no error';
  const message =
    error.message.length > max ? `${error.message.slice(0, max - 1)}…` : error.message;
  return `${error.code} "${message}"`;
}
