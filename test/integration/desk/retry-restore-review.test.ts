// Review (review2): undo of a delete in a retry draft (schema 14), the cases an auditor
// asks about beyond the commit's own tests: the recipient paid some other way while the row
// was deleted (the row must come back blocked, not sendable), and two retry drafts that
// each deleted their retry of the same failed row (only one may put it back).
// Real parts: the built-in simulator over HTTP, SQLite, the keychain.
import { randomUUID } from 'node:crypto';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DraftRow, DraftSummary } from '../../../shared/drafts';
import type { SubmittedPayout } from '../../../shared/ipc';
import type { ReconciliationExport } from '../../../shared/reconciliation';
import { testAddress } from '../../support/addresses';
import { confirmed } from '../../support/confirm-payout';
import { deskCalls } from '../../support/desk-calls';
import { retryOfFailedRow } from '../../support/failed-row-retry';
import { openTestDesk, type TestDesk } from '../../support/test-desk';

let opened: TestDesk;
const { value, failure } = deskCalls(() => opened.desk);
const failing = testAddress('tron', 42_005);
const payee = testAddress('tron', 42_006);

async function rowsOf(draftId: string): Promise<DraftRow[]> {
  return (await value<{ rows: DraftRow[] }>('getDraftRows', { draftId, limit: 100 })).rows;
}

/** The original's reconciliation: which retry drafts its line 2 names. */
async function retriedIn(draftId: string): Promise<string> {
  const exported = await value<ReconciliationExport>('exportReconciliation', { draftId });
  const [header, ...lines] = Papa.parse<string[]>(exported.csv.replace(/^\ufeff/, ''), {
    skipEmptyLines: true,
  }).data;
  const column = (header ?? []).indexOf('Retried in');
  return lines[0]?.[column] ?? 'no line';
}

beforeAll(async () => {
  opened = await openTestDesk('retry-restore-review', {
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

describe('undo of a delete in a retry draft', () => {
  it('puts back a row whose recipient was paid meanwhile as an error, not sendable', async () => {
    const { retry } = await retryOfFailedRow(value, 'paid-meanwhile', failing);
    // The address was wrong: corrected in the retry, then the row deleted ...
    await value('updateDraftRow', { draftId: retry.id, rowNo: 1, address: payee });
    await value('deleteDraftRows', { draftId: retry.id, rowNos: [1] });
    // ... and the recipient paid by hand as a single payout of the same amount.
    const single = await confirmed(value, {
      profileId: 'simulator',
      depositAddress: payee,
      amount: '5',
      currency: 'TRX',
      requestId: randomUUID(),
    });
    expect((await value<SubmittedPayout>('createPayout', single)).state).not.toBe('not-sent');
    const restored = await value<DraftSummary>('restoreDraftRows', {
      draftId: retry.id,
      rowNos: [1],
    });
    expect(restored.counts).toEqual({ ok: 0, warning: 0, error: 1 });
    const [row] = await rowsOf(retry.id);
    expect(row?.problems.map((problem) => problem.code)).toContain('RETRY_ALREADY_PAID');
  });

  it('lets only one of two retry drafts put back its retry of the same failed row', async () => {
    const { original, retry: first } = await retryOfFailedRow(value, 'two-retries', failing);
    expect(await retriedIn(original.id)).toBe(first.name);
    await value('deleteDraftRows', { draftId: first.id, rowNos: [1] });
    expect(await retriedIn(original.id)).toBe('');
    const second = await value<DraftSummary>('retryFailedRows', { draftId: original.id });
    expect(second.id).not.toBe(first.id);
    await value('deleteDraftRows', { draftId: second.id, rowNos: [1] });
    // Both hold a deleted retry of row 1; the failed row is free, so the first one wins ...
    await value('restoreDraftRows', { draftId: first.id, rowNos: [1] });
    // ... and the second is refused in a sentence, not a SQLite UNIQUE message.
    const refused = await failure('restoreDraftRows', { draftId: second.id, rowNos: [1] });
    expect(refused.code).toBe('VALIDATION');
    expect(refused.message).toContain('could pay that recipient twice');
    expect((await value<DraftSummary>('getDraft', { draftId: second.id })).rowCount).toBe(0);
    // Retrying the original again answers with the draft that holds the row.
    const again = await value<DraftSummary>('retryFailedRows', { draftId: original.id });
    expect(again.id).toBe(first.id);
    // The original names the one retry that holds its failed row, once.
    expect(await retriedIn(original.id)).toBe(first.name);
  });
});
