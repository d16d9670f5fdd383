/**
 * The trigram index behind history search.
 *
 * Tokenising ~200 characters of ids, addresses and hashes per payout costs more than writing
 * the row itself, so a bulk upsert does not do it for all its rows inside its own
 * transaction. Every payout with `row_id <= indexed_through_row_id` is in the index; rows
 * above that mark (the backlog) are candidates for every search and confirmed by the same
 * column test as indexed hits, so results are complete at every moment and only their speed
 * depends on the backlog. A payout upsert indexes AUTO_INDEX_ROWS of the backlog once it
 * holds that many, so the backlog that searches LIKE-scan stays below that: a first sync's
 * pages of 100 are tokenised ten at a time (FTS5 writes a segment and merges per
 * transaction; one per page cost a 100k first sync 1.4x the CPU, docs/cache-upsert.md).
 * After a sync or a bulk load, call `indexBacklog` in idle time until `remaining` is 0.
 * Indexed rows whose searchable text changes (a hash arriving, a comment edit) are
 * re-indexed by the upsert itself.
 */
import type Database from 'better-sqlite3';
import type { CacheDatabase } from './database';

/**
 * The searchable text of payout `p`: its identifiers, recipient, label and comment and, for
 * a mass payout, its withdrawals' ids, recipients, hashes and comments, one per line (so a
 * fragment never matches across two fields).
 */
export const SEARCH_TEXT_SQL = `concat_ws(char(10), p.id, p.deposit_address, p.label,
  CASE WHEN p.comment IS NOT p.label THEN p.comment END, p.idempotency_key, p.transaction_hash,
  CASE WHEN p.kind = 'mass' THEN (
    SELECT group_concat(concat_ws(char(10), w.id, w.deposit_address, w.transaction_hash, w.comment), char(10))
    FROM withdrawals w WHERE w.profile_ref = p.profile_ref AND w.deal_id = p.id
  ) END)`;

/** ~50-100 ms of tokenising on this machine: short enough not to stall main's event loop. */
export const DEFAULT_BACKLOG_CHUNK = 2000;

export type BacklogProgress = { indexed: number; remaining: number };

export type SearchIndexer = {
  /** Indexes up to `maxRows` rows of the backlog in one transaction. */
  indexBacklog: (maxRows?: number) => BacklogProgress;
  /**
   * Indexes `rows` rows of the backlog when it holds at least that many, else nothing, and
   * does not count what remains (the count walks every row above the mark: ~45 ms CPU after
   * a 100k upsert into a fresh cache, 3% of that upsert, docs/cache-upsert.md); returns the
   * rows indexed. For the upsert, which leaves a smaller backlog to the catch-up.
   */
  indexFullChunkOfBacklog: (rows: number) => number;
  /** Rows not yet in the index. */
  backlogSize: () => number;
  /** Re-derives the text of rows already indexed; call inside the writing transaction. */
  reindex: (rowIds: Iterable<number>) => void;
};

export function createSearchIndexer(db: CacheDatabase): SearchIndexer {
  const sqlite: Database.Database = db.sqlite;
  const readMark = sqlite
    .prepare<[], number>('SELECT indexed_through_row_id FROM search_index_state WHERE id = 1')
    .pluck();
  const chunkOf = sqlite.prepare<[number, number], { end: number | null; rows: number }>(
    `SELECT max(row_id) AS end, count(*) AS rows
     FROM (SELECT row_id FROM payouts WHERE row_id > ? ORDER BY row_id LIMIT ?)`,
  );
  const insertRange = sqlite.prepare<[number, number]>(
    `INSERT INTO payouts_search (rowid, text)
     SELECT p.row_id, ${SEARCH_TEXT_SQL} FROM payouts p WHERE p.row_id > ? AND p.row_id <= ?`,
  );
  const writeMark = sqlite.prepare<[number]>(
    'UPDATE search_index_state SET indexed_through_row_id = ? WHERE id = 1',
  );
  const countAbove = sqlite
    .prepare<[number], number>('SELECT count(*) FROM payouts WHERE row_id > ?')
    .pluck();
  const forget = sqlite.prepare<[number]>('DELETE FROM payouts_search WHERE rowid = ?');
  const insertOne = sqlite.prepare<[number]>(
    `INSERT INTO payouts_search (rowid, text)
     SELECT p.row_id, ${SEARCH_TEXT_SQL} FROM payouts p WHERE p.row_id = ?`,
  );

  const mark = (): number => readMark.get() ?? 0;

  /**
   * Indexes the next chunk of up to `maxRows`, or nothing when the backlog holds fewer than
   * `minRows`; returns the rows indexed and the new mark (null: nothing indexed).
   */
  const indexChunk = (
    maxRows: number,
    minRows: number,
  ): { indexed: number; through: number | null } => {
    const from = mark();
    const chunk = chunkOf.get(from, Math.max(1, Math.trunc(maxRows)));
    const to = chunk?.end ?? null;
    if (to === null || chunk === undefined || chunk.rows < minRows) {
      return { indexed: 0, through: null };
    }
    const { changes } = insertRange.run(from, to);
    writeMark.run(to);
    return { indexed: changes, through: to };
  };
  const indexBacklog = sqlite.transaction((maxRows: number): BacklogProgress => {
    const { indexed, through } = indexChunk(maxRows, 1);
    return { indexed, remaining: through === null ? 0 : (countAbove.get(through) ?? 0) };
  });
  const indexFullChunk = sqlite.transaction(
    (rows: number): number => indexChunk(rows, Math.max(1, Math.trunc(rows))).indexed,
  );

  return {
    indexBacklog: (maxRows = DEFAULT_BACKLOG_CHUNK) => indexBacklog.immediate(maxRows),
    indexFullChunkOfBacklog: (rows) => indexFullChunk.immediate(rows),
    backlogSize: () => countAbove.get(mark()) ?? 0,
    reindex: (rowIds) => {
      const through = mark();
      for (const rowId of rowIds) {
        if (rowId > through) continue;
        forget.run(rowId);
        insertOne.run(rowId);
      }
    },
  };
}

/** FTS5 trigrams need three characters (code points, as the tokenizer counts them). */
export function isIndexableFragment(fragment: string): boolean {
  return Array.from(fragment).length >= 3;
}

const MAX_QUERY_TRIGRAMS = 16;

/**
 * The index keeps no positions (detail=none), so a fragment is looked up as "every one of
 * its trigrams occurs in the row": a superset of the rows that contain it, which the query
 * then confirms with `textMatchClause`. Each trigram is a quoted FTS5 string, so no
 * character of the fragment acts as an operator. Long fragments use evenly spaced trigrams
 * (first and last included): more would not narrow the candidates much further.
 */
export function toMatchQuery(fragment: string): string {
  const chars = Array.from(fragment);
  const trigrams = new Set<string>();
  for (let i = 0; i + 3 <= chars.length; i += 1) trigrams.add(chars.slice(i, i + 3).join(''));
  let picked = [...trigrams];
  if (picked.length > MAX_QUERY_TRIGRAMS) {
    const step = (picked.length - 1) / (MAX_QUERY_TRIGRAMS - 1);
    picked = Array.from(
      { length: MAX_QUERY_TRIGRAMS },
      (_, k) => picked[Math.round(k * step)] ?? '',
    );
  }
  return picked.map((trigram) => `"${trigram.replaceAll('"', '""')}"`).join(' AND ');
}

/** A LIKE pattern matching the fragment anywhere, with `\` escaping LIKE's wildcards. */
export function toLikePattern(fragment: string): string {
  return `%${fragment.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
}

/**
 * Name of the SQL function (registered by openDatabase) that folds case beyond ASCII, for
 * fragments LIKE cannot compare case-insensitively ("Ö", "Ж").
 */
export const FOLD_FUNCTION = 'payout_desk_fold';

export function foldCase(text: string): string {
  return text.toLowerCase();
}

export function isAscii(text: string): boolean {
  // eslint-disable-next-line no-control-regex
  return /^[\x00-\x7f]*$/.test(text);
}

/**
 * "Payout alias `x` contains @needle in a searchable field" (for a mass payout also in its
 * withdrawals). ASCII fragments use LIKE with @needle as a pattern (ASCII case folding is
 * all they need, and LIKE runs in C); others compare folded text with instr.
 */
export function textMatchClause(x: string, ascii: boolean): string {
  const test = ascii
    ? (column: string) => `${column} LIKE @needle ESCAPE '\\'`
    : (column: string) => `instr(${FOLD_FUNCTION}(${column}), @needle) > 0`;
  const own = ['id', 'deposit_address', 'label', 'comment', 'idempotency_key', 'transaction_hash']
    .map((column) => test(`${x}.${column}`))
    .join(' OR ');
  const recipients = ['w.id', 'w.deposit_address', 'w.transaction_hash', 'w.comment']
    .map(test)
    .join(' OR ');
  return `(${own} OR (${x}.kind = 'mass' AND EXISTS (SELECT 1 FROM withdrawals w
    WHERE w.profile_ref = ${x}.profile_ref AND w.deal_id = ${x}.id AND (${recipients}))))`;
}

/** The @needle value for textMatchClause. */
export function toNeedle(fragment: string): string {
  return isAscii(fragment) ? toLikePattern(fragment) : foldCase(fragment);
}
