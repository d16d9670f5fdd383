/**
 * A key for remembering a mapping per source (docs/import.md, "Mappings remembered"): the
 * same export made again next month ("Gehalt 2026-11.csv", "gehalt_2026-12 (2).CSV") gives the
 * same key, whatever its digits, case, accents, separators or a browser's " (2)".
 */
const MARKS = /\p{M}/gu;

export const SOURCE_KEY_PREFIX = 'source:';

export function sourceNameKey(fileName: string): string | null {
  const base = fileName
    .slice(0, 300)
    .replace(/^.*[\\/]/, '')
    .replace(/\.[^.]*$/, '')
    .replace(/\s*\(\d+\)\s*$/, '');
  const key = base
    .normalize('NFKD')
    .replace(MARKS, '')
    .toLowerCase()
    // A date or number in any form ("2026-11", "11.2026", "7") is one placeholder.
    .replace(/\d+(?:[^a-z\d]+\d+)*/g, '#')
    .replace(/[^a-z#]+/g, ' ')
    .trim();
  // A name of digits only ("2026-11.csv") says nothing about its source.
  return /[a-z]/.test(key) ? `${SOURCE_KEY_PREFIX}${key}` : null;
}
