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
import type { CacheDatabase } from './database';

export type DraftRowRecord = {
  draft_id: string;
  row_no: number;
  line: number | null;
  address: string;
  amount: string;
  currency: string;
  comment: string;
  verdict: RowVerdict;
  problems_json: string;
};

export type DraftRecord = {
  id: string;
  profile_id: string;
  name: string;
  source_file: string | null;
  decimal_separator: '.' | ',';
  state: DraftState;
  parent_draft_id: string | null;
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
    verdict: record.verdict,
    problems: JSON.parse(record.problems_json) as RowProblem[],
  };
}

function toSummary(record: DraftRecord, retries: DraftRetry[]): DraftSummary {
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
    counts: { ok: record.ok_count, warning: record.warning_count, error: record.error_count },
    retries,
  };
}

/** A new row, with the failed row of the original draft it retries (retry drafts only). */
export type NewDraftRow = Omit<DraftRow, 'rowNo'> & {
  origin?: { draftId: string; rowNo: number };
};

const SUMMARY_SQL = `
  SELECT d.*,
    (SELECT count(*) FROM draft_rows r WHERE r.draft_id = d.id) AS row_count,
    (SELECT count(*) FROM draft_rows r WHERE r.draft_id = d.id AND r.verdict = 'ok') AS ok_count,
    (SELECT count(*) FROM draft_rows r WHERE r.draft_id = d.id AND r.verdict = 'warning') AS warning_count,
    (SELECT count(*) FROM draft_rows r WHERE r.draft_id = d.id AND r.verdict = 'error') AS error_count
  FROM drafts d`;

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
       decimal_separator, mapping_json, parent_draft_id, state, created_ms, updated_ms)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'editing', ?, ?)`,
  );
  const insertRow = sqlite.prepare(
    `INSERT INTO draft_rows (draft_id, row_no, line, address, amount, currency, comment,
       verdict, problems_json, origin_draft_id, origin_row_no)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
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
    `UPDATE draft_rows SET address = ?, amount = ?, currency = ?, comment = ?, verdict = ?,
       problems_json = ? WHERE draft_id = ? AND row_no = ?`,
  );
  const deleteRow = sqlite.prepare('DELETE FROM draft_rows WHERE draft_id = ? AND row_no = ?');
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
  const countRows = sqlite
    .prepare<[string], number>('SELECT count(*) FROM draft_rows WHERE draft_id = ?')
    .pluck();
  const countRowsWhere = sqlite
    .prepare<[string, string], number>(
      'SELECT count(*) FROM draft_rows WHERE draft_id = ? AND verdict = ?',
    )
    .pluck();
  const selectRow = sqlite.prepare<[string, number], DraftRowRecord>(
    'SELECT * FROM draft_rows WHERE draft_id = ? AND row_no = ?',
  );
  const maxRowNo = sqlite
    .prepare<[string], number | null>('SELECT max(row_no) FROM draft_rows WHERE draft_id = ?')
    .pluck();
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
    toSummary(record, selectRetries.all(record.id));

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
        draft.atMs,
        draft.atMs,
      );
      rows.forEach((row, index) => {
        insertRow.run(
          draft.id,
          index + 1,
          row.line,
          row.address,
          row.amount,
          row.currency,
          row.comment,
          row.verdict,
          JSON.stringify(row.problems),
          row.origin?.draftId ?? null,
          row.origin?.rowNo ?? null,
        );
      });
    }),

    rows(draftId: string, offset: number, limit: number, verdict?: RowVerdict) {
      const records =
        verdict === undefined
          ? selectRows.all(draftId, limit, offset)
          : selectRowsWhere.all(draftId, verdict, limit, offset);
      const total =
        verdict === undefined ? countRows.get(draftId) : countRowsWhere.get(draftId, verdict);
      return { rows: records.map(toRow), total: total ?? 0, offset };
    },

    allRows: (draftId: string): DraftRow[] => selectRows.all(draftId, -1, 0).map(toRow),

    row(draftId: string, rowNo: number): DraftRow | undefined {
      const record = selectRow.get(draftId, rowNo);
      return record === undefined ? undefined : toRow(record);
    },

    /** Writes rows already revalidated by the caller, in one transaction. */
    saveRows: inTransaction(sqlite, (draftId: string, rows: readonly DraftRow[], atMs: number) => {
      for (const row of rows) {
        updateRow.run(
          row.address,
          row.amount,
          row.currency,
          row.comment,
          row.verdict,
          JSON.stringify(row.problems),
          draftId,
          row.rowNo,
        );
      }
      touch.run(atMs, draftId);
    }),

    addRow: inTransaction(sqlite, (draftId: string, row: Omit<DraftRow, 'rowNo'>, atMs: number) => {
      const rowNo = (maxRowNo.get(draftId) ?? 0) + 1;
      insertRow.run(
        draftId,
        rowNo,
        row.line,
        row.address,
        row.amount,
        row.currency,
        row.comment,
        row.verdict,
        JSON.stringify(row.problems),
        null,
        null,
      );
      touch.run(atMs, draftId);
      return rowNo;
    }),

    deleteRows: inTransaction(
      sqlite,
      (draftId: string, rowNos: readonly number[], atMs: number) => {
        for (const rowNo of rowNos) deleteRow.run(draftId, rowNo);
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
