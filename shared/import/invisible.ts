/**
 * Characters a person cannot see but a blockchain address cannot contain: they arrive with
 * copy and paste from web pages, PDFs and chat apps. Named here so a message can say which.
 */
const NAMES: Readonly<Record<string, string>> = {
  '\n': 'a line break',
  '\r': 'a line break',
  '\u2028': 'a line break',
  '\u2029': 'a line break',
  '\u00a0': 'a non-breaking space',
  '\u00ad': 'a soft hyphen',
  '\u061c': 'an Arabic letter mark',
  '\u180e': 'a Mongolian vowel separator',
  '\u2007': 'a figure space',
  '\u2009': 'a thin space',
  '\u200a': 'a hair space',
  '\u200b': 'a zero-width space',
  '\u200c': 'a zero-width non-joiner',
  '\u200d': 'a zero-width joiner',
  '\u200e': 'a left-to-right mark',
  '\u200f': 'a right-to-left mark',
  '\u202a': 'a direction embedding mark',
  '\u202b': 'a direction embedding mark',
  '\u202c': 'a direction formatting mark',
  '\u202d': 'a direction override mark',
  '\u202e': 'a direction override mark',
  '\u202f': 'a narrow non-breaking space',
  '\u2060': 'a word joiner',
  '\u2066': 'a direction isolate mark',
  '\u2067': 'a direction isolate mark',
  '\u2068': 'a direction isolate mark',
  '\u2069': 'a direction isolate mark',
  '\ufeff': 'a byte-order mark (zero-width no-break space)',
};

/** Zero-width and direction characters: never part of a value, always removed with a warning. */
const ZERO_WIDTH =
  /[\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g;
/** Everything an address may not contain that a person would not notice: spaces of all kinds too. */
const ADDRESS_NOISE = /[\s\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069]/g;
const ADDRESS_NOISE_TEST = new RegExp(ADDRESS_NOISE.source);
const ZERO_WIDTH_TEST = new RegExp(ZERO_WIDTH.source);
/** Cells holding only these count as empty (a row of them is a blank row). */
const BLANK = /^[\s\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069]*$/;
const PLAIN_SPACE = /^[ \t]$/;

// What a clean cell reports as removed: one frozen list, not a new empty one per cell.
const NOTHING: readonly string[] = Object.freeze([]);

export function isBlankCell(cell: string): boolean {
  if (cell.length === 0) return true;
  // A visible ASCII character first (nearly every cell a record starts with): not blank,
  // without running BLANK over it. `!` to `~` are neither spaces nor invisible.
  const first = cell.charCodeAt(0);
  if (first > 0x20 && first < 0x7f) return false;
  return BLANK.test(cell);
}

/** Removes zero-width and direction characters; reports which were there. */
export function stripZeroWidth(text: string): { text: string; removed: readonly string[] } {
  if (!ZERO_WIDTH_TEST.test(text)) return { text, removed: NOTHING };
  const removed = new Set<string>();
  const cleaned = text.replace(ZERO_WIDTH, (char) => {
    removed.add(NAMES[char] ?? 'an invisible character');
    return '';
  });
  return { text: cleaned, removed: [...removed] };
}

export type CleanedAddress = {
  address: string;
  /** Names of the invisible characters removed (non-breaking spaces included). */
  invisible: readonly string[];
  /** Ordinary spaces or tabs were removed. */
  spaces: boolean;
};

/** An address without any whitespace or invisible character. */
export function cleanAddress(raw: string): CleanedAddress {
  if (!ADDRESS_NOISE_TEST.test(raw)) return { address: raw, invisible: NOTHING, spaces: false };
  const invisible = new Set<string>();
  let spaces = false;
  const address = raw.replace(ADDRESS_NOISE, (char) => {
    if (PLAIN_SPACE.test(char)) spaces = true;
    else invisible.add(NAMES[char] ?? 'an invisible character');
    return '';
  });
  return { address, invisible: [...invisible], spaces };
}
