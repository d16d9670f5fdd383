// Search and "Select all" in a draft (issue 11 part 5): main filters the rows by address,
// name, comment or amount text (LIKE with its wildcards taken literally), the page total is
// the matching count, and a select-all is deleted in main by the same filter and search,
// rows never loaded included, and put back by Undo. Through the composed desk, a real SQLite
// file and the keyring.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DraftRow, DraftSummary } from '../../../shared/drafts';
import type { AuditEntry } from '../../../shared/ipc';
import { testAddress } from '../../support/addresses';
import { deskCalls } from '../../support/desk-calls';
import { openTestDesk, type TestDesk } from '../../support/test-desk';

let opened: TestDesk;
const { value, failure } = deskCalls(() => opened.desk);

type Page = { rows: DraftRow[]; total: number };

/** 1,200 rows: every tenth a "bonus", row 7 with "50% off", row 8 with "50_off". */
function typedRows() {
  return Array.from({ length: 1200 }, (_, index) => ({
    line: index + 2,
    address: testAddress('tron', 51_000 + index),
    amount: index === 3 ? '1234,5' : `${index + 1}`,
    currency: 'TRX',
    comment:
      index === 6 ? '50% off' : index === 7 ? '50_off' : index % 10 === 0 ? 'bonus' : 'salary',
    name: index === 4 ? 'Zoë Quinn' : `Person ${index + 1}`,
  }));
}

async function search(draftId: string, text: string, more: object = {}): Promise<Page> {
  return value<Page>('getDraftRows', { draftId, search: text, limit: 1000, ...more });
}

let draft: DraftSummary;

beforeAll(async () => {
  opened = await openTestDesk('draft-search', {
    simulator: { seed: 'none' },
  });
  draft = await value<DraftSummary>('createDraft', {
    profileId: 'simulator',
    name: 'Searchable',
    decimalSeparator: ',',
    rows: typedRows(),
  });
});

afterAll(async () => {
  await opened.close();
});

describe('searching a draft', () => {
  it('finds rows by name, address, comment and amount, the total counting every match', async () => {
    const byName = await search(draft.id, 'zoë');
    expect(byName.rows.map((row) => row.rowNo)).toEqual([5]);
    const address = testAddress('tron', 51_010);
    const byAddress = await search(draft.id, address.slice(5, 20));
    expect(byAddress.rows.map((row) => row.address)).toContain(address);
    // 120 bonus rows, over more than one page: the total is the matches, not the page.
    const bonus = await value<Page>('getDraftRows', {
      draftId: draft.id,
      search: 'bonus',
      limit: 50,
    });
    expect(bonus.rows).toHaveLength(50);
    expect(bonus.total).toBe(120);
    // The amount as the draft's file writes it (decimal comma), and as stored.
    expect((await search(draft.id, '1234,5')).rows.map((row) => row.rowNo)).toEqual([4]);
    expect((await search(draft.id, '1234.5')).rows.map((row) => row.rowNo)).toEqual([4]);
    // Spaces around are not part of it; an empty search is no search.
    expect((await search(draft.id, '  bonus ')).total).toBe(120);
    expect((await search(draft.id, '')).total).toBe(1200);
  });

  it('takes % and _ literally', async () => {
    expect((await search(draft.id, '50%')).rows.map((row) => row.rowNo)).toEqual([7]);
    expect((await search(draft.id, '50_')).rows.map((row) => row.rowNo)).toEqual([8]);
  });

  it('combines with the verdict filter', async () => {
    const errors = await search(draft.id, 'bonus', { verdict: 'error' });
    expect(errors.total).toBe(0);
    const counted = await search(draft.id, 'bonus', {
      verdict: draft.counts.ok > 0 ? 'ok' : 'warning',
    });
    expect(counted.total).toBe(120);
  });

  it('refuses a search longer than 200 characters with a sentence', async () => {
    const refused = await failure('getDraftRows', { draftId: draft.id, search: 'x'.repeat(201) });
    expect(refused.code).toBe('VALIDATION');
    expect(refused.message).toMatch(/search may be at most 200 characters/);
  });
});

describe('select all of a search', () => {
  it('deletes every matching row in main but the unticked, and Undo puts them back', async () => {
    const before = await value<DraftSummary>('getDraft', { draftId: draft.id });
    const deleted = await value<{ summary: DraftSummary; deletedRowNos: number[] }>(
      'deleteMatchingDraftRows',
      { draftId: draft.id, search: 'bonus', exceptRowNos: [1] },
    );
    expect(deleted.deletedRowNos).toHaveLength(119);
    expect(deleted.deletedRowNos).not.toContain(1);
    expect(deleted.summary.rowCount).toBe(1200 - 119);
    // The audit entry names the deleted rows as runs, never as one number per row.
    const audit = await value<AuditEntry[]>('listAudit', { actions: ['draft.rows-deleted'] });
    const detail = audit[0]?.detail as { rows: number; rowRanges: [number, number][] };
    expect(detail.rows).toBe(119);
    expect(
      detail.rowRanges.flatMap(([first, last]) =>
        Array.from({ length: last - first + 1 }, (_, index) => first + index),
      ),
    ).toEqual([...deleted.deletedRowNos].sort((a, b) => a - b));
    expect((await search(draft.id, 'bonus')).rows.map((row) => row.rowNo)).toEqual([1]);

    const restored = await value<DraftSummary>('restoreDraftRows', {
      draftId: draft.id,
      rowNos: deleted.deletedRowNos,
    });
    expect({ rows: restored.rowCount, counts: restored.counts, totals: restored.totals }).toEqual({
      rows: before.rowCount,
      counts: before.counts,
      totals: before.totals,
    });
    expect((await search(draft.id, 'bonus')).total).toBe(120);
  });

  it('refuses when nothing matches, deleting nothing', async () => {
    const refused = await failure('deleteMatchingDraftRows', {
      draftId: draft.id,
      search: 'no such text',
    });
    expect(refused.message).toBe('No row matches the filter and search: nothing was deleted.');
    expect((await value<DraftSummary>('getDraft', { draftId: draft.id })).rowCount).toBe(1200);
  });
});
