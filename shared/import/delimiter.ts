/**
 * Which of `,` `;` or tab separates the columns. Each candidate parses the first records;
 * the one that splits them into the same number of columns (at least two), agreeing with the
 * first (header) record, wins. Decimal commas in a `;` file split rows unevenly under `,`,
 * and a `;` or tab file's header has no commas at all, so the real delimiter stands out.
 */
import { isBlankRecord, parseRows } from './records';
import type { Delimiter } from './types';

const CANDIDATES: readonly Delimiter[] = [',', ';', '\t'];
const SAMPLE_RECORDS = 30;
// papaparse looks at its whole input even for a preview, so the sample is cut to the head.
export const DELIMITER_SAMPLE_CHARS = 64 * 1024;

type Score = { delimiter: Delimiter; score: number; width: number };

function scoreOf(sample: string, truncated: boolean, delimiter: Delimiter): Score {
  const parsed = parseRows(sample, delimiter, SAMPLE_RECORDS);
  // When the preview ran into the cut, its last record is cut too: a misleading width.
  if (truncated && parsed.length < SAMPLE_RECORDS && parsed.length > 1) parsed.pop();
  const rows = parsed.filter((row) => !isBlankRecord(row));
  const frequency = new Map<number, number>();
  for (const row of rows) frequency.set(row.length, (frequency.get(row.length) ?? 0) + 1);
  let width = 0;
  let agreeing = 0;
  for (const [candidate, count] of frequency) {
    if (count > agreeing || (count === agreeing && candidate > width)) {
      width = candidate;
      agreeing = count;
    }
  }
  if (width < 2) return { delimiter, score: 0, width };
  const headerAgrees = rows[0]?.length === width;
  return { delimiter, score: agreeing + (headerAgrees ? rows.length : 0), width };
}

export function detectDelimiter(text: string): Delimiter {
  const truncated = text.length > DELIMITER_SAMPLE_CHARS;
  const sample = truncated ? text.slice(0, DELIMITER_SAMPLE_CHARS) : text;
  let best: Score = { delimiter: ',', score: 0, width: 0 };
  for (const delimiter of CANDIDATES) {
    const candidate = scoreOf(sample, truncated, delimiter);
    if (
      candidate.score > best.score ||
      (candidate.score === best.score && candidate.score > 0 && candidate.width > best.width)
    ) {
      best = candidate;
    }
  }
  return best.delimiter;
}
