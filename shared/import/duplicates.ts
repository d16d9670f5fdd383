/**
 * The same recipient address on several rows: a warning on every one of them naming the
 * others' lines, since paying someone twice is the classic spreadsheet accident, while a
 * deliberate second payment is possible. One pass with a map; earlier duplicate warnings are
 * replaced, so the grid can call this again after every edit.
 */
import { addressKey } from './address-key';
import { describeLines, problem, verdictOf } from './problems';
import type { ImportProblem, Verdict } from './types';

export type DuplicateCandidate = {
  /** The row's line in the file; null for a row added in the app. */
  line: number | null;
  address: string;
  problems: readonly { code: string; message: string }[];
};

export type WithDuplicates<T extends DuplicateCandidate> = Omit<T, 'verdict' | 'problems'> & {
  verdict: Verdict;
  problems: (T['problems'][number] | ImportProblem)[];
};

const SHOWN_OTHERS = 5;

/** "on lines 3, 7 and 12", "on line 4 and a row added in the app". */
function othersText(shown: readonly (number | null)[], total: number): string {
  const known = shown.filter((line): line is number => line !== null);
  if (known.length === shown.length) return `on ${describeLines(known, total)}`;
  const labels = shown.map((line) => (line === null ? 'a row added in the app' : `line ${line}`));
  const more = total - shown.length;
  return `on ${labels.join(', ')}${more > 0 ? ` and ${more} more` : ''}`;
}

/**
 * FNV-1a over the key's UTF-16 code units: a 32-bit fingerprint, equal for equal keys.
 * Exported for its test.
 */
export function fingerprint(key: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < key.length; index += 1) {
    hash = Math.imul(hash ^ key.charCodeAt(index), 0x01000193);
  }
  return hash >>> 0;
}

/**
 * The rows whose key's fingerprint another row shares: every duplicate is among them, and
 * of a million distinct recipients only a few hundred are, by chance. Found by sorting the
 * fingerprints (4 bytes a row) instead of a Map over every address: the Map, its growth and
 * the case-folded keys were the import's largest allocation once its rows were made
 * (docs/import.md, "Large files").
 */
function sharedFingerprints(
  rows: readonly { address: string }[],
  keyOf: (address: string) => string,
): {
  prints: Uint32Array;
  shared: Set<number>;
} {
  const prints = new Uint32Array(rows.length);
  rows.forEach((row, index) => {
    prints[index] = fingerprint(keyOf(row.address));
  });
  const sorted = prints.slice().sort();
  const shared = new Set<number>();
  for (let index = 1; index < sorted.length; index += 1) {
    const print = sorted[index] ?? 0;
    if (print === sorted[index - 1]) shared.add(print);
  }
  return { prints, shared };
}

/**
 * The duplicate warning of each row that shares its address with another row. `keyOf`:
 * keyOfCleanAddress for rows whose addresses are already cleaned (the importer's).
 */
export function duplicateProblems(
  rows: readonly { line: number | null; address: string }[],
  keyOf: (address: string) => string = addressKey,
): Map<number, ImportProblem> {
  const { prints, shared } = sharedFingerprints(rows, keyOf);
  // A recipient seen once among the candidates is a number, not an array: a file repeating
  // addresses on most rows has as many candidates as rows.
  const byAddress = new Map<string, number | number[]>();
  rows.forEach((row, index) => {
    if (!shared.has(prints[index] ?? 0)) return;
    const key = keyOf(row.address);
    if (key === '') return;
    const group = byAddress.get(key);
    if (group === undefined) byAddress.set(key, index);
    else if (typeof group === 'number') byAddress.set(key, [group, index]);
    else group.push(index);
  });
  const found = new Map<number, ImportProblem>();
  for (const group of byAddress.values()) {
    if (typeof group === 'number') continue;
    for (const index of group) {
      // Only the first few are named: a file repeating one address thousands of times must
      // not cost a full scan per row.
      const shown: (number | null)[] = [];
      for (const other of group) {
        if (other === index) continue;
        shown.push(rows[other]?.line ?? null);
        if (shown.length === SHOWN_OTHERS) break;
      }
      found.set(
        index,
        problem(
          'DUPLICATE_ADDRESS',
          `The same address is also ${othersText(shown, group.length - 1)}. Check that this recipient should be paid more than once; otherwise delete the extra rows.`,
        ),
      );
    }
  }
  return found;
}

/** Rows with their duplicate warnings recomputed and their verdicts updated; order kept. */
export function flagDuplicates<T extends DuplicateCandidate>(
  rows: readonly T[],
): WithDuplicates<T>[] {
  const found = duplicateProblems(rows);
  return rows.map((row, index) => {
    const problems: (T['problems'][number] | ImportProblem)[] = row.problems.filter(
      (entry) => entry.code !== 'DUPLICATE_ADDRESS',
    );
    const duplicate = found.get(index);
    if (duplicate) problems.push(duplicate);
    return { ...row, problems, verdict: verdictOf(problems) };
  });
}
