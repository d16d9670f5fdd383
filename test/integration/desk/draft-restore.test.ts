// Undo of a delete (issue 11 part 5): the deleted rows go back under their own numbers with
// their line, name and kept cells, revalidated, their duplicate groups recomputed, so the
// draft's verdicts, warnings, counts and totals are exactly what they were before the delete,
// and the reconciliation no longer lists them as deleted. In a retry draft a row goes back
// with the failed row it retries (schema 14), unless another retry took that row meanwhile,
// so a failed recipient is never retried twice. Through the composed desk on its
// simulator, a real SQLite file and the keyring.
import { join } from 'node:path';
import Database from 'better-sqlite3';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DraftRow, DraftSummary } from '../../../shared/drafts';
import type { AuditEntry, DraftReview, FileReading } from '../../../shared/ipc';
import type { ReconciliationExport } from '../../../shared/reconciliation';
import { utcMinute } from '../../../electron/services/payouts/utc-minute';
import { testAddress } from '../../support/addresses';
import { deskCalls } from '../../support/desk-calls';
import { retryOfFailedRow } from '../../support/failed-row-retry';
import { openTestDesk, type TestDesk } from '../../support/test-desk';

let opened: TestDesk;
const { value, failure } = deskCalls(() => opened.desk);
const twice = testAddress('tron', 41_001);
const other = testAddress('tron', 41_002);
const third = testAddress('tron', 41_003);
const fourth = testAddress('tron', 41_004);
const failing = testAddress('tron', 41_005);

function payrollFile(): string {
  const typo = `${third.slice(0, -1)}${third.endsWith('a') ? 'b' : 'a'}`;
  return [
    'Name,Wallet,Amount,Coin,Memo,Cost centre',
    `Anna,${twice},10.5,TRX,salary,4711`,
    `Bernd,${other},20.25,TRX,salary,4711`,
    `Anna again,${twice},10.5,TRX,bonus,4712`,
    `Carla,${typo},30,TRX,salary,4712`,
    `Dora,${fourth},40,TRX,salary,4713`,
  ].join('\n');
}

type RowsPage = { rows: DraftRow[]; total: number };

async function allRows(draftId: string): Promise<DraftRow[]> {
  return (await value<RowsPage>('getDraftRows', { draftId, limit: 1000 })).rows;
}

/** What the draft says of itself, without when it was last touched. */
function counted(summary: DraftSummary) {
  return { rowCount: summary.rowCount, counts: summary.counts, totals: summary.totals };
}

async function reconciliationOutcomes(draftId: string): Promise<Record<string, string>> {
  const exported = await value<ReconciliationExport>('exportReconciliation', { draftId });
  const [header, ...lines] = Papa.parse<string[]>(exported.csv.replace(/^\ufeff/, ''), {
    skipEmptyLines: true,
  }).data;
  const line = (header ?? []).indexOf('Line');
  const outcome = (header ?? []).indexOf('Outcome');
  return Object.fromEntries(lines.map((row) => [row[line] ?? '', row[outcome] ?? '']));
}

async function draftOfFile(name: string): Promise<DraftSummary> {
  const reading = await value<FileReading>('readPayoutFile', {
    profileId: 'simulator',
    fileName: `${name}.csv`,
    bytes: Buffer.from(payrollFile(), 'utf8').toString('base64'),
    choices: {},
    recall: false,
  });
  return value<DraftSummary>('createDraftFromReading', {
    readingId: reading.readingId,
    profileId: 'simulator',
    name,
    rememberMapping: false,
  });
}

function withCache<R>(use: (sqlite: Database.Database) => R): R {
  const sqlite = new Database(join(opened.dir, 'payout-desk.sqlite'));
  try {
    return use(sqlite);
  } finally {
    sqlite.close();
  }
}

/** The failed row a retry draft's row pays again, as draft_rows stores it. */
function linkOf(draftId: string, rowNo: number) {
  return withCache((sqlite) =>
    sqlite
      .prepare(
        'SELECT origin_draft_id, origin_row_no FROM draft_rows WHERE draft_id = ? AND row_no = ?',
      )
      .get(draftId, rowNo),
  );
}

beforeAll(async () => {
  opened = await openTestDesk('draft-restore', {
    simulator: {
      seed: 'none',
      delays: { creationMs: 20, confirmationMs: 20, startMs: 20, completionMs: 40 },
      failAddresses: [failing],
    },
  });
});

afterAll(async () => {
  await opened.close();
});

describe('restoring deleted draft rows', () => {
  it('puts three rows back, one of a duplicate pair, exactly as they were', async () => {
    const draft = await draftOfFile('restore-payroll');
    const rowsBefore = await allRows(draft.id);
    const summaryBefore = await value<DraftSummary>('getDraft', { draftId: draft.id });
    expect(rowsBefore).toHaveLength(5);
    // The file as read: a duplicate pair (rows 1 and 3), an error (row 4), kept cells.
    const codes = (row: DraftRow | undefined) => row?.problems.map((problem) => problem.code);
    expect(codes(rowsBefore[0])).toContain('DUPLICATE_ADDRESS');
    expect(codes(rowsBefore[2])).toContain('DUPLICATE_ADDRESS');
    expect(rowsBefore[3]?.verdict).toBe('error');
    expect(rowsBefore[2]).toMatchObject({ line: 4, name: 'Anna again', extra: ['4712'] });

    const afterDelete = await value<DraftSummary>('deleteDraftRows', {
      draftId: draft.id,
      rowNos: [3, 4, 5],
    });
    expect(afterDelete.rowCount).toBe(2);
    // Its pair gone, row 1 is no longer a duplicate: the delete did move something.
    expect(codes((await allRows(draft.id))[0])).not.toContain('DUPLICATE_ADDRESS');
    expect(afterDelete.totals).not.toEqual(summaryBefore.totals);
    expect(await reconciliationOutcomes(draft.id)).toMatchObject({
      '4': 'Deleted',
      '5': 'Deleted',
      '6': 'Deleted',
    });

    const restored = await value<DraftSummary>('restoreDraftRows', {
      draftId: draft.id,
      rowNos: [5, 3, 4],
    });
    expect(counted(restored)).toEqual(counted(summaryBefore));
    expect(await allRows(draft.id)).toEqual(rowsBefore);
    const outcomes = await reconciliationOutcomes(draft.id);
    expect(Object.keys(outcomes)).toEqual(['2', '3', '4', '5', '6']);
    expect(Object.values(outcomes)).not.toContain('Deleted');

    const audit = await value<AuditEntry[]>('listAudit', { profileId: 'simulator' });
    expect(audit.find((entry) => entry.action === 'draft.rows-restored')?.detail).toEqual({
      draftId: draft.id,
      rows: 3,
      rowRanges: [[3, 5]],
    });
  });

  it('refuses rows that are not deleted, restoring nothing', async () => {
    const draft = await draftOfFile('restore-twice');
    await value('deleteDraftRows', { draftId: draft.id, rowNos: [2] });
    await value('restoreDraftRows', { draftId: draft.id, rowNos: [2] });
    const summary = await value<DraftSummary>('getDraft', { draftId: draft.id });
    const again = await failure('restoreDraftRows', { draftId: draft.id, rowNos: [2] });
    expect(again.code).toBe('VALIDATION');
    expect(again.message).toBe(
      'Row 2 is not deleted from this draft (never, or already put back): nothing was restored.',
    );
    // One deleted, one never: the deleted one is not restored alone.
    await value('deleteDraftRows', { draftId: draft.id, rowNos: [1] });
    const mixed = await failure('restoreDraftRows', { draftId: draft.id, rowNos: [1, 4] });
    expect(mixed.message).toMatch(/^Row 4 is not deleted/);
    expect((await allRows(draft.id)).map((row) => row.rowNo)).toEqual([2, 3, 4, 5]);
    expect((await value<DraftSummary>('getDraft', { draftId: draft.id })).rowCount).toBe(
      summary.rowCount - 1,
    );
  });

  it('never gives a new row the number of a deleted one', async () => {
    const draft = await draftOfFile('restore-add');
    await value('deleteDraftRows', { draftId: draft.id, rowNos: [5] });
    const added = await value<{ row: DraftRow }>('addDraftRow', { draftId: draft.id });
    expect(added.row.rowNo).toBe(6);
    await value('restoreDraftRows', { draftId: draft.id, rowNos: [5] });
    expect((await allRows(draft.id)).map((row) => row.rowNo)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('refuses on a submitted draft', async () => {
    const draft = await draftOfFile('restore-submitted');
    await value('deleteDraftRows', { draftId: draft.id, rowNos: [4] });
    const review = await value<DraftReview>('reviewDraft', { draftId: draft.id });
    await value('submitDraft', { draftId: draft.id, fingerprint: review.fingerprint });
    const refused = await failure('restoreDraftRows', { draftId: draft.id, rowNos: [4] });
    expect(refused.code).toBe('VALIDATION');
    expect(refused.message).toBe('This draft was submitted: it can no longer be edited.');
    expect((await reconciliationOutcomes(draft.id))['5']).toBe('Deleted');
  });

  it('puts a row back into a retry draft with the failed row it retries', async () => {
    const { original, retry } = await retryOfFailedRow(value, 'restore-retry', failing);
    const before = await allRows(retry.id);
    await value('deleteDraftRows', { draftId: retry.id, rowNos: [1] });
    const restored = await value<DraftSummary>('restoreDraftRows', {
      draftId: retry.id,
      rowNos: [1],
    });
    expect(restored.rowCount).toBe(1);
    expect(await allRows(retry.id)).toEqual(before);
    // Its link is back: retrying the original again is this retry draft, not a second one
    // that would pay the failed recipient again.
    const again = await value<DraftSummary>('retryFailedRows', { draftId: original.id });
    expect(again.id).toBe(retry.id);
    expect(linkOf(retry.id, 1)).toEqual({ origin_draft_id: original.id, origin_row_no: 1 });
  });

  it('refuses a row whose failed row another retry draft took meanwhile', async () => {
    const { original, retry } = await retryOfFailedRow(value, 'restore-retry-taken', failing);
    await value('deleteDraftRows', { draftId: retry.id, rowNos: [1] });
    // The failed row is free again, so a new retry of the original takes it.
    const second = await value<DraftSummary>('retryFailedRows', { draftId: original.id });
    expect(second.id).not.toBe(retry.id);
    const refused = await failure('restoreDraftRows', { draftId: retry.id, rowNos: [1] });
    expect(refused.code).toBe('VALIDATION');
    expect(refused.message).toBe(
      `Row 1 retries row 1 of "restore-retry-taken", and another retry draft ("${second.name}", made ${utcMinute(second.createdMs)}) retries that row now: putting it back could pay that recipient twice. Nothing was restored.`,
    );
    expect((await value<DraftSummary>('getDraft', { draftId: retry.id })).rowCount).toBe(0);
    expect((await value<DraftSummary>('getDraft', { draftId: second.id })).rowCount).toBe(1);
  });

  it('refuses a row deleted from a retry draft before its link was kept', async () => {
    const { retry } = await retryOfFailedRow(value, 'restore-retry-old', failing);
    await value('deleteDraftRows', { draftId: retry.id, rowNos: [1] });
    // As a row deleted before schema 14 was kept: without the failed row it retried.
    withCache((sqlite) =>
      sqlite
        .prepare(
          `UPDATE draft_deleted_rows SET origin_draft_id = NULL, origin_row_no = NULL,
             origin_kept = 0 WHERE draft_id = ?`,
        )
        .run(retry.id),
    );
    const refused = await failure('restoreDraftRows', { draftId: retry.id, rowNos: [1] });
    expect(refused.message).toBe(
      'Row 1 was deleted from this retry draft before Payout Desk kept which failed row it retries, so it cannot be put back: make a new retry of the failed rows instead. Nothing was restored.',
    );
    expect((await value<DraftSummary>('getDraft', { draftId: retry.id })).rowCount).toBe(0);
  });
});
