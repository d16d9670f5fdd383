/**
 * Drafts, their rows and, once submitted, their batches. Every write is one short
 * transaction, so an edit is on disk before the UI hears it was saved.
 */
import type {
  DraftRetry,
  DraftRow,
  DraftState,
  DraftSummary,
  RowProblem,
  RowVerdict,
} from '../../../shared/drafts';
import { addressKey } from '../../../shared/import/address-key';
import { NO_EXTRA_CELLS } from '../../../shared/import/extra-columns';
import { massPayoutCap } from '../../../shared/networks';
import type { CacheDatabase } from './database';
import { draftRowCells, extraJson } from './draft-row-cells';
import { createDraftTallies, TallyDelta, type RowChange } from './draft-tallies';

export type DraftRowRecord = {
  draft_id: string;
  row_no: number;
  line: number | null;
  address: string;
  amount: string;
  currency: string;
  comment: string;
  recipient_name: string;
  extra_json: string | null;
  verdict: RowVerdict;
  problems_json: string;
};

/** A row of draft_deleted_rows: the row as it was, when, and the failed row it retried. */
type DeletedRowRecord = DraftRowRecord & {
  deleted_ms: number;
  origin_draft_id: string | null;
  origin_row_no: number | null;
  /** 0 for a row deleted before schema 14, whose link (if it had one) was not kept. */
  origin_kept: 0 | 1;
};

/** A deleted row as an undo needs it: `origin` undefined when it was not kept (schema 14). */
export type DeletedDraftRow = {
  row: DraftRow;
  deletedMs: number;
  origin: { draftId: string; rowNo: number } | null | undefined;
};

export type DraftRecord = {
  id: string;
  profile_id: string;
  name: string;
  source_file: string | null;
  decimal_separator: '.' | ',';
  state: DraftState;
  parent_draft_id: string | null;
  extra_columns_json: string | null;
  created_ms: number;
  updated_ms: number;
  row_count: number;
  ok_count: number;
  warning_count: number;
  error_count: number;
};

export type NewDraft = {
  id: string;
  profileId: string;
  name: string;
  sourceFile: string | null;
  encoding: string | null;
  delimiter: string | null;
  decimalSeparator: '.' | ',';
  mapping: unknown;
  parentDraftId: string | null;
  /** The file's columns no role used (schema 12); none for a draft typed in the app. */
  extraColumns?: readonly string[];
  /** The file started with a byte-order mark: its reconciliation is written with one. */
  bom?: boolean;
  atMs: number;
};

export type StoredBatch = {
  draftId: string;
  batchNo: number;
  requestId: string;
  currency: string;
  total: string;
  rowNos: number[];
};

function toRow(record: DraftRowRecord): DraftRow {
  return {
    rowNo: record.row_no,
    line: record.line,
    address: record.address,
    amount: record.amount,
    currency: record.currency,
    comment: record.comment,
    name: record.recipient_name,
    extra:
      record.extra_json === null ? NO_EXTRA_CELLS : (JSON.parse(record.extra_json) as string[]),
    verdict: record.verdict,
    problems: JSON.parse(record.problems_json) as RowProblem[],
  };
}

type CurrencyTotalRecord = { currency: string; row_count: number; total: string };

function toSummary(
  record: DraftRecord,
  retries: DraftRetry[],
  totals: CurrencyTotalRecord[],
): DraftSummary {
  return {
    id: record.id,
    profileId: record.profile_id,
    name: record.name,
    sourceFile: record.source_file,
    decimalSeparator: record.decimal_separator,
    state: record.state,
    parentDraftId: record.parent_draft_id,
    createdMs: record.created_ms,
    updatedMs: record.updated_ms,
    rowCount: record.row_count,
    extraColumns:
      record.extra_columns_json === null ? [] : (JSON.parse(record.extra_columns_json) as string[]),
    counts: { ok: record.ok_count, warning: record.warning_count, error: record.error_count },
    totals: totals.map((entry) => {
      // As splitIntoBatches chunks them (shared/import/batches.ts).
      const batchSize = Math.max(1, Math.floor(massPayoutCap(entry.currency)) || 1);
      return {
        currency: entry.currency,
        rowCount: entry.row_count,
        total: entry.total,
        batchCount: Math.ceil(entry.row_count / batchSize),
        batchSize,
      };
    }),
    retries,
  };
}

/**
 * Which rows of a draft a page or a select-all is about: a verdict, and a search matched
 * anywhere in the address, name, comment or amount (`amountSearch`: the same text as the
 * draft's canonical amounts write it, e.g. "10.5" for "10,5" in a decimal-comma draft).
 */
export type RowMatch = { verdict?: RowVerdict; search?: string; amountSearch?: string };

/** `text` as a LIKE pattern matching it anywhere, its own % _ and \ taken literally. */
function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
}

/** The WHERE clause of a RowMatch after `draft_id = ?`, with its parameters. */
function matchClause(match: RowMatch): { sql: string; params: (string | number)[] } {
  let sql = '';
  const params: string[] = [];
  if (match.verdict !== undefined) {
    sql += ' AND verdict = ?';
    params.push(match.verdict);
  }
  if (match.search !== undefined && match.search !== '') {
    const pattern = containsPattern(match.search);
    const amount = containsPattern(match.amountSearch ?? match.search);
    sql += ` AND (address LIKE ? ESCAPE '\\' OR recipient_name LIKE ? ESCAPE '\\'
      OR comment LIKE ? ESCAPE '\\' OR amount LIKE ? ESCAPE '\\' OR amount LIKE ? ESCAPE '\\')`;
    params.push(pattern, pattern, pattern, pattern, amount);
  }
  return { sql, params };
}

/** A new row, with the failed row of the original draft it retries (retry drafts only). */
export type NewDraftRow = Omit<DraftRow, 'rowNo'> & {
  origin?: { draftId: string; rowNo: number };
};

// The counts are columns kept by every write (draft-tallies.ts), not counted here: reading a
// summary costs the same on 100 rows as on 100,000 (docs/drafts.md).
const SUMMARY_SQL = 'SELECT d.* FROM drafts d';

/** A transaction as a plain function: callers need not know better-sqlite3's types. */
function inTransaction<A extends unknown[], R>(
  sqlite: CacheDatabase['sqlite'],
  body: (...args: A) => R,
): (...args: A) => R {
  const transaction = sqlite.transaction(body);
  return (...args: A) => transaction(...args);
}

export function createDraftsRepo(db: CacheDatabase) {
  const { sqlite } = db;
  const insertDraft = sqlite.prepare(
    `INSERT INTO drafts (id, profile_id, name, source_file, encoding, delimiter,
       decimal_separator, mapping_json, parent_draft_id, extra_columns_json, source_bom, state,
       created_ms, updated_ms)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'editing', ?, ?)`,
  );
  const tallies = createDraftTallies(db);
  const insertRow = sqlite.prepare(
    `INSERT INTO draft_rows (draft_id, row_no, line, address, amount, currency, comment,
       recipient_name, extra_json, verdict, problems_json, dup_key, origin_draft_id,
       origin_row_no)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  /** One row as draft_rows stores it (draft-row-cells.ts), with its origin. */
  const writeRow = (draftId: string, rowNo: number, row: NewDraftRow): void => {
    insertRow.run(
      draftId,
      rowNo,
      ...draftRowCells(row),
      row.origin?.draftId ?? null,
      row.origin?.rowNo ?? null,
    );
  };
  const selectTotals = sqlite.prepare<[string], CurrencyTotalRecord>(
    `SELECT currency, row_count, total FROM draft_currency_totals WHERE draft_id = ?
      ORDER BY currency`,
  );
  const selectGroup = sqlite.prepare<[string, string], DraftRowRecord>(
    'SELECT * FROM draft_rows WHERE draft_id = ? AND dup_key = ? ORDER BY row_no',
  );
  const selectRetries = sqlite.prepare<[string], DraftRetry>(
    `SELECT id, name, state FROM drafts WHERE parent_draft_id = ?
      ORDER BY created_ms DESC, id`,
  );
  const selectRetriedRowNos = sqlite
    .prepare<[string], number>(
      'SELECT origin_row_no FROM draft_rows WHERE origin_draft_id = ? ORDER BY origin_row_no',
    )
    .pluck();
  const selectRetryDraftOfRow = sqlite
    .prepare<[string, number], string>(
      'SELECT draft_id FROM draft_rows WHERE origin_draft_id = ? AND origin_row_no = ?',
    )
    .pluck();
  const setFingerprint = sqlite.prepare('UPDATE drafts SET submitted_fingerprint = ? WHERE id = ?');
  const selectFingerprint = sqlite
    .prepare<[string], string | null>('SELECT submitted_fingerprint FROM drafts WHERE id = ?')
    .pluck();
  const updateRow = sqlite.prepare(
    `UPDATE draft_rows SET address = ?, amount = ?, currency = ?, comment = ?,
       recipient_name = ?, verdict = ?, problems_json = ?, dup_key = ?
     WHERE draft_id = ? AND row_no = ?`,
  );
  const deleteRow = sqlite.prepare('DELETE FROM draft_rows WHERE draft_id = ? AND row_no = ?');
  // A deleted row is kept as it was (schema 12): the reconciliation has a line for it.
  // With the failed row it retries (schema 14): an undo puts the link back too.
  const keepDeleted = sqlite.prepare(
    `INSERT OR REPLACE INTO draft_deleted_rows (draft_id, row_no, line, address, amount, currency,
       comment, recipient_name, extra_json, verdict, problems_json, deleted_ms,
       origin_draft_id, origin_row_no, origin_kept)
     SELECT draft_id, row_no, line, address, amount, currency, comment, recipient_name,
       extra_json, verdict, problems_json, ?, origin_draft_id, origin_row_no, 1
       FROM draft_rows WHERE draft_id = ? AND row_no = ?`,
  );
  const selectDeleted = sqlite.prepare<[string], DeletedRowRecord>(
    'SELECT * FROM draft_deleted_rows WHERE draft_id = ? ORDER BY row_no',
  );
  const selectRetryRow = sqlite.prepare<[string, number], DraftRowRecord>(
    'SELECT * FROM draft_rows WHERE origin_draft_id = ? AND origin_row_no = ?',
  );
  const selectDialect = sqlite.prepare<
    [string],
    { delimiter: string | null; source_bom: number; encoding: string | null }
  >('SELECT delimiter, source_bom, encoding FROM drafts WHERE id = ?');
  const touch = sqlite.prepare('UPDATE drafts SET updated_ms = ? WHERE id = ?');
  const setState = sqlite.prepare('UPDATE drafts SET state = ?, updated_ms = ? WHERE id = ?');
  const rename = sqlite.prepare('UPDATE drafts SET name = ?, updated_ms = ? WHERE id = ?');
  const selectSummary = sqlite.prepare<[string], DraftRecord>(`${SUMMARY_SQL} WHERE d.id = ?`);
  const selectByProfile = sqlite.prepare<[string], DraftRecord>(
    `${SUMMARY_SQL} WHERE d.profile_id = ? ORDER BY d.updated_ms DESC`,
  );
  const selectRows = sqlite.prepare<[string, number, number], DraftRowRecord>(
    'SELECT * FROM draft_rows WHERE draft_id = ? ORDER BY row_no LIMIT ? OFFSET ?',
  );
  const selectRowsWhere = sqlite.prepare<[string, string, number, number], DraftRowRecord>(
    `SELECT * FROM draft_rows WHERE draft_id = ? AND verdict = ? ORDER BY row_no LIMIT ? OFFSET ?`,
  );
  // The running counts (draft-tallies.ts), so a page's total is not a count over the draft.
  const selectCounts = sqlite.prepare<
    [string],
    Pick<DraftRecord, 'row_count' | 'ok_count' | 'warning_count' | 'error_count'>
  >('SELECT row_count, ok_count, warning_count, error_count FROM drafts WHERE id = ?');
  const selectRow = sqlite.prepare<[string, number], DraftRowRecord>(
    'SELECT * FROM draft_rows WHERE draft_id = ? AND row_no = ?',
  );
  // Past the deleted rows too: a new row never takes the number of one an undo may put back,
  // nor of one the reconciliation lists as deleted.
  const maxRowNo = sqlite
    .prepare<[string, string], number | null>(
      `SELECT max(row_no) FROM (
         SELECT max(row_no) AS row_no FROM draft_rows WHERE draft_id = ?
         UNION ALL SELECT max(row_no) FROM draft_deleted_rows WHERE draft_id = ?)`,
    )
    .pluck();
  // A search's statements, one per shape of its WHERE clause (a handful), prepared once.
  const searches = new Map<string, ReturnType<typeof sqlite.prepare<unknown[]>>>();
  const searchStatement = (sql: string) => {
    let statement = searches.get(sql);
    if (!statement) {
      statement = sqlite.prepare(sql);
      searches.set(sql, statement);
    }
    return statement;
  };
  const forgetDeleted = sqlite.prepare(
    'DELETE FROM draft_deleted_rows WHERE draft_id = ? AND row_no = ?',
  );
  const deleteDraft = sqlite.prepare("DELETE FROM drafts WHERE id = ? AND state = 'editing'");
  const insertBatch = sqlite.prepare(
    `INSERT INTO draft_batches (draft_id, batch_no, request_id, currency, total, row_count)
     VALUES (?, ?, ?, ?, ?, ?)`,
  );
  const insertBatchRow = sqlite.prepare(
    'INSERT INTO draft_batch_rows (request_id, position, row_no) VALUES (?, ?, ?)',
  );
  const selectBatches = sqlite.prepare<
    [string],
    { batch_no: number; request_id: string; currency: string; total: string; row_count: number }
  >('SELECT * FROM draft_batches WHERE draft_id = ? ORDER BY batch_no');
  const selectBatchRows = sqlite
    .prepare<[string], number>(
      'SELECT row_no FROM draft_batch_rows WHERE request_id = ? ORDER BY position',
    )
    .pluck();
  const selectMapping = sqlite
    .prepare<[string], string>(
      'SELECT mapping_json FROM import_mappings WHERE header_signature = ?',
    )
    .pluck();
  const upsertMapping = sqlite.prepare(
    `INSERT INTO import_mappings (header_signature, mapping_json, updated_ms) VALUES (?, ?, ?)
     ON CONFLICT (header_signature) DO UPDATE SET mapping_json = excluded.mapping_json,
       updated_ms = excluded.updated_ms`,
  );

  const withRetries = (record: DraftRecord): DraftSummary =>
    toSummary(record, selectRetries.all(record.id), selectTotals.all(record.id));

  const summary = (id: string): DraftSummary | undefined => {
    const record = selectSummary.get(id);
    return record === undefined ? undefined : withRetries(record);
  };

  return {
    summary,
    list: (profileId: string): DraftSummary[] => selectByProfile.all(profileId).map(withRetries),

    create: inTransaction(sqlite, (draft: NewDraft, rows: readonly NewDraftRow[]) => {
      insertDraft.run(
        draft.id,
        draft.profileId,
        draft.name,
        draft.sourceFile,
        draft.encoding,
        draft.delimiter,
        draft.decimalSeparator,
        draft.mapping === undefined ? null : JSON.stringify(draft.mapping),
        draft.parentDraftId,
        extraJson(draft.extraColumns),
        draft.bom === true ? 1 : 0,
        draft.atMs,
        draft.atMs,
      );
      const delta = new TallyDelta();
      rows.forEach((row, index) => {
        delta.add(row);
        writeRow(draft.id, index + 1, row);
      });
      tallies.write(draft.id, delta);
    }),

    /**
     * Adds the tallies of rows written without the repo (a paged import's INSERT ... SELECT,
     * draft-import-staging.ts); call in the transaction that wrote them.
     */
    addTallies(draftId: string, delta: TallyDelta): void {
      tallies.write(draftId, delta);
    },

    rows(draftId: string, offset: number, limit: number, verdict?: RowVerdict, search?: RowMatch) {
      if (search?.search !== undefined && search.search !== '') {
        // A search is a scan of the draft's rows either way: its count is one more.
        const { sql, params } = matchClause({ ...search, verdict });
        const found = searchStatement(
          `SELECT * FROM draft_rows WHERE draft_id = ?${sql} ORDER BY row_no LIMIT ? OFFSET ?`,
        ).all(draftId, ...params, limit, offset) as DraftRowRecord[];
        const count = searchStatement(
          `SELECT count(*) AS n FROM draft_rows WHERE draft_id = ?${sql}`,
        ).get(draftId, ...params) as { n: number } | undefined;
        return { rows: found.map(toRow), total: count?.n ?? 0, offset };
      }
      const records =
        verdict === undefined
          ? selectRows.all(draftId, limit, offset)
          : selectRowsWhere.all(draftId, verdict, limit, offset);
      const counts = selectCounts.get(draftId);
      const total =
        counts === undefined
          ? 0
          : verdict === undefined
            ? counts.row_count
            : counts[`${verdict}_count`];
      return { rows: records.map(toRow), total, offset };
    },

    /** The numbers of the rows a match selects, in row order (a select-all of a filter). */
    matchingRowNos(draftId: string, match: RowMatch): number[] {
      const { sql, params } = matchClause(match);
      const found = searchStatement(
        `SELECT row_no FROM draft_rows WHERE draft_id = ?${sql} ORDER BY row_no`,
      ).all(draftId, ...params) as { row_no: number }[];
      return found.map((record) => record.row_no);
    },

    allRows: (draftId: string): DraftRow[] => selectRows.all(draftId, -1, 0).map(toRow),

    row(draftId: string, rowNo: number): DraftRow | undefined {
      const record = selectRow.get(draftId, rowNo);
      return record === undefined ? undefined : toRow(record);
    },

    /** The rows sharing one duplicate key (addressKey), in row order; none for ''. */
    duplicateGroup(draftId: string, key: string): DraftRow[] {
      return key === '' ? [] : selectGroup.all(draftId, key).map(toRow);
    },

    /** Writes rows already revalidated by the caller, in one transaction. */
    saveRows: inTransaction(sqlite, (draftId: string, rows: readonly DraftRow[], atMs: number) => {
      const changes: RowChange[] = [];
      for (const row of rows) {
        const before = selectRow.get(draftId, row.rowNo);
        const written = updateRow.run(
          row.address,
          row.amount,
          row.currency,
          row.comment,
          row.name,
          row.verdict,
          JSON.stringify(row.problems),
          addressKey(row.address),
          draftId,
          row.rowNo,
        );
        if (before !== undefined && written.changes > 0) changes.push({ before, after: row });
      }
      tallies.record(draftId, changes);
      touch.run(atMs, draftId);
    }),

    addRow: inTransaction(sqlite, (draftId: string, row: Omit<DraftRow, 'rowNo'>, atMs: number) => {
      const rowNo = (maxRowNo.get(draftId, draftId) ?? 0) + 1;
      writeRow(draftId, rowNo, row);
      tallies.record(draftId, [{ after: row }]);
      touch.run(atMs, draftId);
      return rowNo;
    }),

    deleteRows: inTransaction(
      sqlite,
      /** Returns the rows deleted (a number not in the draft, or given twice, is skipped). */
      (draftId: string, rowNos: readonly number[], atMs: number): DraftRow[] => {
        const deleted: DraftRow[] = [];
        for (const rowNo of rowNos) {
          const before = selectRow.get(draftId, rowNo);
          if (before === undefined) continue;
          keepDeleted.run(atMs, draftId, rowNo);
          deleteRow.run(draftId, rowNo);
          deleted.push(toRow(before));
        }
        tallies.record(
          draftId,
          deleted.map((before) => ({ before })),
        );
        touch.run(atMs, draftId);
        return deleted;
      },
    ),

    /**
     * Puts deleted rows back under their own numbers, as the caller revalidated them, with
     * the failed row each retries (retry drafts), and forgets them as deleted (the reconciliation no longer lists them), in one transaction.
     */
    restoreRows: inTransaction(
      sqlite,
      (
        draftId: string,
        rows: readonly (DraftRow & Pick<NewDraftRow, 'origin'>)[],
        atMs: number,
      ): void => {
        for (const row of rows) {
          writeRow(draftId, row.rowNo, row);
          forgetDeleted.run(draftId, row.rowNo);
        }
        tallies.record(
          draftId,
          rows.map((after) => ({ after })),
        );
        touch.run(atMs, draftId);
      },
    ),

    rename(draftId: string, name: string, atMs: number) {
      rename.run(name, atMs, draftId);
    },

    setState(draftId: string, state: DraftState, atMs: number) {
      setState.run(state, atMs, draftId);
    },

    /** Only a draft still being edited can be discarded: a submitted one is history. */
    discard: (draftId: string): boolean => deleteDraft.run(draftId).changes > 0,

    insertBatches(batches: readonly StoredBatch[]) {
      for (const batch of batches) {
        insertBatch.run(
          batch.draftId,
          batch.batchNo,
          batch.requestId,
          batch.currency,
          batch.total,
          batch.rowNos.length,
        );
        batch.rowNos.forEach((rowNo, position) =>
          insertBatchRow.run(batch.requestId, position, rowNo),
        );
      }
    },

    batches: (draftId: string) =>
      selectBatches.all(draftId).map((record) => ({
        batchNo: record.batch_no,
        requestId: record.request_id,
        currency: record.currency,
        total: record.total,
        rowCount: record.row_count,
      })),

    batchRowNos: (requestId: string): number[] => selectBatchRows.all(requestId),

    /** Rows of `draftId` that a retry draft already pays again. */
    retriedRowNos: (draftId: string): number[] => selectRetriedRowNos.all(draftId),

    /** The retry draft holding the retry of one original row, if any. */
    retryDraftOfRow: (draftId: string, rowNo: number): string | undefined =>
      selectRetryDraftOfRow.get(draftId, rowNo),

    /** Rows deleted from the draft, as they were, with when (schema 12). */
    deletedRows: (draftId: string): DeletedDraftRow[] =>
      selectDeleted.all(draftId).map((record) => ({
        row: toRow(record),
        deletedMs: record.deleted_ms,
        origin:
          record.origin_kept === 0
            ? undefined
            : record.origin_draft_id === null || record.origin_row_no === null
              ? null
              : { draftId: record.origin_draft_id, rowNo: record.origin_row_no },
      })),

    /** The row of a retry draft that pays this original row again, with its draft. */
    retryRowOf(draftId: string, rowNo: number): { draftId: string; row: DraftRow } | undefined {
      const record = selectRetryRow.get(draftId, rowNo);
      return record === undefined ? undefined : { draftId: record.draft_id, row: toRow(record) };
    },

    /** How the draft's file was written: its reconciliation is written the same way. */
    dialect(draftId: string): { delimiter: string | null; bom: boolean; encoding: string | null } {
      const record = selectDialect.get(draftId);
      return {
        delimiter: record?.delimiter ?? null,
        bom: record?.source_bom === 1,
        encoding: record?.encoding ?? null,
      };
    },

    /** The fingerprint a submission was checked against, fixed with its batches. */
    setSubmittedFingerprint(draftId: string, fingerprint: string) {
      setFingerprint.run(fingerprint, draftId);
    },
    submittedFingerprint: (draftId: string): string | null =>
      selectFingerprint.get(draftId) ?? null,

    rememberMapping(signature: string, mapping: unknown, atMs: number) {
      upsertMapping.run(signature, JSON.stringify(mapping), atMs);
    },

    recallMapping(signature: string): unknown {
      const json = selectMapping.get(signature);
      return json === undefined ? undefined : (JSON.parse(json) as unknown);
    },
  };
}

export type DraftsRepo = ReturnType<typeof createDraftsRepo>;
