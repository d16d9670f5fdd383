/**
 * How many rows a draft holds, and the one sentence a person reads when a file has more.
 * The importer refuses such a file before validating its rows, and main refuses a paged
 * import announced or grown beyond the limit with the same words (docs/import.md).
 */

/** Rows of one draft: stored and shown in pages, created in pages of DRAFT_PAGE_ROWS. */
export const DRAFT_MAX_ROWS = 1_000_000;

/** Rows per appendDraftImportRows call: about 2 MB of JSON, well under a frame to validate. */
export const DRAFT_PAGE_ROWS = 10_000;

const COUNT = new Intl.NumberFormat('en-US');

export function tooManyRowsSentence(rows: number, limit: number = DRAFT_MAX_ROWS): string {
  return (
    `This file has ${COUNT.format(rows)} rows; a draft holds at most ${COUNT.format(limit)}. ` +
    `Split the file into parts of at most ${COUNT.format(limit)} rows and import each part as a draft of its own.`
  );
}
