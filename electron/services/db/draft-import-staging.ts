/**
 * Rows of drafts still being imported in pages (docs/import.md, "A draft in pages"). They
 * wait in a TEMP table of this connection, not in draft_rows: nothing of an unfinished import
 * is visible, listed or submittable, and a crash or a restart takes the table with the
 * connection, so a half-made draft can never be left behind. Finishing moves the rows into
 * draft_rows with one INSERT ... SELECT, inside the caller's transaction.
 */
import type { DraftRow, RowProblem } from '../../../shared/drafts';
import type { CacheDatabase } from './database';
import { draftRowCells } from './draft-row-cells';
import { TallyDelta, type TalliedRow } from './draft-tallies';

const TALLY_PAGE = 10_000;

const CREATE = `
CREATE TEMP TABLE IF NOT EXISTS draft_import_rows (
  import_id TEXT NOT NULL,
  row_no INTEGER NOT NULL,
  line INTEGER,
  address TEXT NOT NULL,
  amount TEXT NOT NULL,
  currency TEXT NOT NULL,
  comment TEXT NOT NULL,
  recipient_name TEXT NOT NULL,
  extra_json TEXT,
  verdict TEXT NOT NULL,
  problems_json TEXT NOT NULL,
  dup_key TEXT NOT NULL,
  PRIMARY KEY (import_id, row_no)
) STRICT`;

export type StagedRow = Omit<DraftRow, 'rowNo'> & { rowNo: number };

export function createDraftImportStaging(db: CacheDatabase) {
  const { sqlite } = db;
  sqlite.exec(CREATE);
  const insert = sqlite.prepare(
    `INSERT INTO temp.draft_import_rows (import_id, row_no, line, address, amount, currency,
       comment, recipient_name, extra_json, verdict, problems_json, dup_key)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const selectKeys = sqlite.prepare<
    [string],
    { row_no: number; line: number | null; address: string }
  >('SELECT row_no, line, address FROM temp.draft_import_rows WHERE import_id = ? ORDER BY row_no');
  const selectProblems = sqlite
    .prepare<[string, number], string>(
      'SELECT problems_json FROM temp.draft_import_rows WHERE import_id = ? AND row_no = ?',
    )
    .pluck();
  const updateProblems = sqlite.prepare(
    'UPDATE temp.draft_import_rows SET verdict = ?, problems_json = ? WHERE import_id = ? AND row_no = ?',
  );
  const moveRows = sqlite.prepare(
    `INSERT INTO main.draft_rows (draft_id, row_no, line, address, amount, currency, comment,
       recipient_name, extra_json, verdict, problems_json, dup_key)
     SELECT ?, row_no, line, address, amount, currency, comment, recipient_name, extra_json,
       verdict, problems_json, dup_key
       FROM temp.draft_import_rows WHERE import_id = ? ORDER BY row_no`,
  );
  const selectTallied = sqlite.prepare<[string, number, number], TalliedRow & { row_no: number }>(
    `SELECT row_no, amount, currency, verdict FROM temp.draft_import_rows
       WHERE import_id = ? AND row_no > ? ORDER BY row_no LIMIT ?`,
  );
  const discardRows = sqlite.prepare('DELETE FROM temp.draft_import_rows WHERE import_id = ?');
  const stage = sqlite.transaction((importId: string, rows: readonly StagedRow[]) => {
    for (const row of rows) {
      insert.run(importId, row.rowNo, ...draftRowCells(row));
    }
  });

  return {
    /** One page, in one transaction: a page is staged whole or not at all. */
    stage: (importId: string, rows: readonly StagedRow[]): void => {
      stage(importId, rows);
    },
    /** Row number, file line and address of every staged row, in order: for duplicates. */
    keys: (importId: string) => selectKeys.all(importId),
    problemsOf: (importId: string, rowNo: number): RowProblem[] =>
      JSON.parse(selectProblems.get(importId, rowNo) ?? '[]') as RowProblem[],
    setProblems(
      importId: string,
      rowNo: number,
      verdict: DraftRow['verdict'],
      problems: RowProblem[],
    ) {
      updateProblems.run(verdict, JSON.stringify(problems), importId, rowNo);
    },
    /**
     * The counts and per-currency totals of the staged rows as they are now (after the
     * duplicates were flagged), for the draft's running tallies (draft-tallies.ts). Read a
     * page at a time, so a million rows are never all in memory.
     */
    tally(importId: string): TallyDelta {
      const delta = new TallyDelta();
      for (let after = 0; ;) {
        const page = selectTallied.all(importId, after, TALLY_PAGE);
        for (const row of page) delta.add(row);
        const last = page.at(-1);
        if (last === undefined) return delta;
        after = last.row_no;
      }
    },
    /** Copies the staged rows into draft_rows of `draftId`; call inside a transaction. */
    moveInto: (importId: string, draftId: string): number =>
      moveRows.run(draftId, importId).changes,
    discard: (importId: string): void => {
      discardRows.run(importId);
    },
  };
}

export type DraftImportStaging = ReturnType<typeof createDraftImportStaging>;
