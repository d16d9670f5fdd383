/** Building problems and verdicts, and quoting cell values inside messages. */
import { PROBLEM_SEVERITY, type ImportProblemCode } from './problem-codes';
import type { ImportProblem, Severity, Verdict } from './types';

/**
 * The problems of a row or cell that has none (nearly every one): one frozen list shared by
 * all of them, not a new empty array each (a million of those are 32 MB). Frozen, so a push
 * that forgot to copy fails loudly instead of giving every row the problem.
 */
export const NO_PROBLEMS = Object.freeze([]) as unknown as ImportProblem[];

export function problem(code: ImportProblemCode, message: string, line?: number): ImportProblem {
  const built: ImportProblem = { code, message, severity: PROBLEM_SEVERITY[code] };
  if (line !== undefined) built.line = line;
  return built;
}

function isKnownCode(code: string): code is ImportProblemCode {
  return Object.hasOwn(PROBLEM_SEVERITY, code);
}

/**
 * Severity by code, so problems stored without one (draft rows) still weigh right. A code this
 * module does not know blocks the row: an unexplained problem must not let money through.
 */
export function severityOf(entry: { code: string }): Severity {
  return isKnownCode(entry.code) ? PROBLEM_SEVERITY[entry.code] : 'error';
}

export function verdictOf(problems: readonly { code: string }[]): Verdict {
  let verdict: Verdict = 'ok';
  for (const entry of problems) {
    if (severityOf(entry) === 'error') return 'error';
    verdict = 'warning';
  }
  return verdict;
}

// Long enough for any address (bech32 ones reach 90 characters), short enough for a sentence.
const MAX_QUOTED = 100;
// Line breaks and control characters would break the sentence the value sits in.
const UNPRINTABLE = /\p{Cc}/gu;

/** `"value"` for a message: shortened when long, control characters shown as spaces. */
export function quote(value: string): string {
  const shown = value.length > MAX_QUOTED ? `${value.slice(0, MAX_QUOTED - 1)}…` : value;
  return `"${shown.replace(UNPRINTABLE, ' ')}"`;
}

/**
 * "line 7", "lines 7 and 12", "lines 3, 7, 12, 15, 20 and 4 more"; `total` counts lines left
 * out of `lines`.
 */
export function describeLines(lines: readonly number[], total = lines.length): string {
  const shown = lines.slice(0, 5).map(String);
  const more = total - shown.length;
  if (total === 1) return `line ${shown[0] ?? ''}`;
  if (more > 0) return `lines ${shown.join(', ')} and ${more} more`;
  return `lines ${shown.slice(0, -1).join(', ')} and ${shown.at(-1) ?? ''}`;
}

/** "a", "a or b", "a, b or c". */
export function joinOr(words: readonly string[]): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} or ${words.at(-1) ?? ''}`;
}

/** "a", "a and b", "a, b and c". */
export function joinAnd(words: readonly string[]): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} and ${words.at(-1) ?? ''}`;
}

/** `"a", "b", "c" and 12 more`: quoted names, at most `max` of them. */
export function listQuoted(names: readonly string[], max = 8): string {
  const shown = names.slice(0, max).map(quote);
  const more = names.length - shown.length;
  return more > 0 ? `${shown.join(', ')} and ${more} more` : shown.join(', ');
}
