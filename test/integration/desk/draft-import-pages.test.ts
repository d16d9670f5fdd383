// A draft made in pages (docs/import.md, "A draft in pages") through the composed desk, its
// simulator and a real SQLite file: the paged draft equals the one createDraft makes of the
// same rows (duplicates found across pages), it is invisible until finished, a file over the
// limit and malformed pages are refused with one sentence each, and an import interrupted by
// a restart leaves nothing behind.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDesk, type Desk } from '../../../electron/services/desk';
import { createKeytarStore } from '../../../electron/services/vault';
import type { DraftRow, DraftSummary } from '../../../shared/drafts';
import type { DeskError, DeskMethod } from '../../../shared/ipc';
import { testAddress } from '../../support/addresses';
import { deskCalls } from '../../support/desk-calls';

let dir: string;
let desk: Desk;
const { call, value } = deskCalls(() => desk);

async function openDesk(): Promise<Desk> {
  return createDesk({
    dataDir: dir,
    secretStore: createKeytarStore('payout-desk-test'),
    sync: { startOnOpen: false },
  });
}

async function refusal(method: DeskMethod, argument: unknown): Promise<DeskError> {
  const result = await call(method, argument);
  if (result.ok) throw new Error(`${method} was accepted`);
  return result.error;
}

type Row = {
  line: number;
  address: string;
  amount: string;
  currency: string;
  comment: string;
  name?: string;
  extra: string[];
};

/** 2,500 rows; rows 5 and 2,400 pay one recipient (pages 1 and 3), row 7 has a typo. */
function fileRows(): Row[] {
  return Array.from({ length: 2_500 }, (_, index) => {
    const n = index === 2_399 ? 4 : index;
    let address = testAddress(index % 3 === 0 ? 'ethereum' : 'tron', 9_000 + n);
    if (index === 6) address = `${address.slice(0, -1)}${address.endsWith('a') ? 'b' : 'a'}`;
    const currency = index % 3 === 0 ? 'USDT' : 'USDT_TRX';
    return {
      line: index + 2,
      address,
      amount: `${index + 1},25`,
      currency,
      comment: `#${index}`,
      // A name column and two columns the payout does not use ride along with every row.
      ...(index % 2 === 0 ? { name: `Person ${index}` } : {}),
      extra: [`E-${index}`, index % 5 === 0 ? '' : `CC${index % 5}`],
    };
  });
}

const source = {
  profileId: 'simulator',
  name: 'Large payroll',
  sourceFile: 'large.csv',
  decimalSeparator: ',' as const,
  extraColumns: ['Employee ID', 'Cost centre'],
};

async function importInPages(rows: readonly Row[], pageSize: number): Promise<DraftSummary> {
  const { importId } = await value<{ importId: string }>('startDraftImport', {
    ...source,
    totalRows: rows.length,
  });
  for (let start = 0; start < rows.length; start += pageSize) {
    await value('appendDraftImportRows', {
      importId,
      firstRowNo: start + 1,
      rows: rows.slice(start, start + pageSize),
    });
  }
  return value<DraftSummary>('finishDraftImport', { importId });
}

async function allRows(draftId: string): Promise<DraftRow[]> {
  const rows: DraftRow[] = [];
  for (;;) {
    const page = await value<{ rows: DraftRow[]; total: number }>('getDraftRows', {
      draftId,
      offset: rows.length,
      limit: 1000,
    });
    rows.push(...page.rows);
    if (rows.length >= page.total || page.rows.length === 0) return rows;
  }
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'payout-desk-pages-'));
  desk = await openDesk();
});

afterAll(async () => {
  await desk.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('a draft made in pages', () => {
  it('equals the draft createDraft makes of the same rows, duplicates across pages included', async () => {
    const rows = fileRows();
    const paged = await importInPages(rows, 1_000);
    const whole = await value<DraftSummary>('createDraft', { ...source, rows });
    expect(paged.rowCount).toBe(2_500);
    expect(paged.counts).toEqual(whole.counts);
    expect(paged.counts.error).toBe(1);
    expect(paged.state).toBe('editing');
    const pagedRows = await allRows(paged.id);
    expect(pagedRows).toEqual(await allRows(whole.id));
    expect(pagedRows[4]?.problems.map((entry) => entry.code)).toContain('DUPLICATE_ADDRESS');
    expect(pagedRows[4]?.problems.at(-1)?.message).toMatch(/also on line 2401/);
    expect(pagedRows[2_399]?.problems.at(-1)?.message).toMatch(/also on line 6/);
    expect(pagedRows[6]?.verdict).toBe('error');
    expect(pagedRows[1]?.amount).toBe('2.25');
    expect(paged.extraColumns).toEqual(['Employee ID', 'Cost centre']);
    expect(pagedRows.slice(0, 2).map((row) => [row.name, row.extra])).toEqual([
      ['Person 0', ['E-0', '']],
      ['', ['E-1', 'CC1']],
    ]);
    // The running totals and duplicate keys an edit relies on (docs/drafts.md) are there too:
    // editing one of the pair clears the other's warning, as on a createDraft draft.
    expect(paged.totals).toEqual(whole.totals);
    for (const draft of [paged, whole]) {
      await value('updateDraftRow', {
        draftId: draft.id,
        rowNo: 5,
        address: testAddress('tron', 99_999),
      });
      const other = await value<{ rows: DraftRow[] }>('getDraftRows', {
        draftId: draft.id,
        offset: 2_399,
        limit: 1,
      });
      expect(other.rows[0]?.problems.map((entry) => entry.code)).not.toContain('DUPLICATE_ADDRESS');
    }
    const [pagedAfter, wholeAfter] = await Promise.all(
      [paged, whole].map((draft) => value<DraftSummary>('getDraft', { draftId: draft.id })),
    );
    expect(pagedAfter?.counts).toEqual(wholeAfter?.counts);
    expect(pagedAfter?.totals).toEqual(wholeAfter?.totals);
  });

  it('is neither listed nor readable before it is finished', async () => {
    const before = await value<DraftSummary[]>('listDrafts', { profileId: 'simulator' });
    const { importId } = await value<{ importId: string }>('startDraftImport', {
      ...source,
      name: 'Half sent',
      totalRows: 3,
    });
    await value('appendDraftImportRows', { importId, firstRowNo: 1, rows: fileRows().slice(0, 2) });
    const during = await value<DraftSummary[]>('listDrafts', { profileId: 'simulator' });
    expect(during.map((draft) => draft.id)).toEqual(before.map((draft) => draft.id));
    const early = await refusal('finishDraftImport', { importId });
    expect(early.message).toBe(
      'finishDraftImport: the import has 2 of its 3 rows. Send the rest before finishing.',
    );
    expect(await value('cancelDraftImport', { importId })).toEqual({ cancelled: true });
    const gone = await refusal('appendDraftImportRows', {
      importId,
      firstRowNo: 3,
      rows: fileRows().slice(2, 3),
    });
    expect(gone.code).toBe('NOT_FOUND');
    expect(gone.message).toMatch(/no longer in progress.*Import the file again/);
  });
});

describe('refusals, one sentence each', () => {
  it('a file over the limit: its row count and the limit, never a schema message', async () => {
    const error = await refusal('startDraftImport', { ...source, totalRows: 1_234_567 });
    expect(error.code).toBe('VALIDATION');
    expect(error.message).toBe(
      'This file has 1,234,567 rows; a draft holds at most 1,000,000. Split the file into parts of at most 1,000,000 rows and import each part as a draft of its own.',
    );
  });

  it('createDraft with more rows than one call takes points at the paged import', async () => {
    const row = fileRows()[1];
    const error = await refusal('createDraft', { ...source, rows: Array(100_001).fill(row) });
    expect(error.message).toContain('createDraft takes at most 100,000 rows');
    expect(error.message).not.toMatch(/<=|too_big/);
  });

  it('malformed pages: too many rows, out of order, beyond the announced count', async () => {
    const rows = fileRows();
    const { importId } = await value<{ importId: string }>('startDraftImport', {
      ...source,
      totalRows: 12_000,
    });
    const oversized = await refusal('appendDraftImportRows', {
      importId,
      firstRowNo: 1,
      rows: Array(10_001).fill(rows[0]),
    });
    expect(oversized.message).toBe(
      'appendDraftImportRows: rows: A page holds at most 10,000 rows; send the rest in the next page.',
    );
    const outOfOrder = await refusal('appendDraftImportRows', {
      importId,
      firstRowNo: 2,
      rows: rows.slice(0, 10),
    });
    expect(outOfOrder.message).toBe(
      'appendDraftImportRows: firstRowNo is 2, but the next row of this import is row 1. Send the pages in order.',
    );
    const notAString = await refusal('appendDraftImportRows', {
      importId,
      firstRowNo: 1,
      rows: [{ ...rows[0], amount: 12 }],
    });
    expect(notAString.message).toMatch(/^appendDraftImportRows: rows\.0\.amount: /);
    const small = await value<{ importId: string }>('startDraftImport', {
      ...source,
      totalRows: 2,
    });
    const beyond = await refusal('appendDraftImportRows', {
      importId: small.importId,
      firstRowNo: 1,
      rows: rows.slice(0, 3),
    });
    expect(beyond.message).toBe(
      'appendDraftImportRows: this page would bring the import to 3 rows, but it was started for 2.',
    );
  });
});

describe('an import cut short by a restart', () => {
  it('leaves no draft and no rows behind', async () => {
    const drafted = await value<DraftSummary[]>('listDrafts', { profileId: 'simulator' });
    const { importId } = await value<{ importId: string }>('startDraftImport', {
      ...source,
      name: 'Interrupted',
      totalRows: 2_500,
    });
    await value('appendDraftImportRows', {
      importId,
      firstRowNo: 1,
      rows: fileRows().slice(0, 1_000),
    });
    await desk.close();
    desk = await openDesk();
    const after = await refusal('finishDraftImport', { importId });
    expect(after.code).toBe('NOT_FOUND');
    const listed = await value<DraftSummary[]>('listDrafts', { profileId: 'simulator' });
    expect(listed.map((draft) => draft.id).sort()).toEqual(drafted.map((draft) => draft.id).sort());
    const file = new Database(join(dir, 'payout-desk.sqlite'), { readonly: true });
    try {
      const stored = file.prepare('SELECT count(*) AS n FROM draft_rows').get() as { n: number };
      const expected = drafted.reduce((sum, draft) => sum + draft.rowCount, 0);
      expect(stored.n).toBe(expected);
    } finally {
      file.close();
    }
  });
});
