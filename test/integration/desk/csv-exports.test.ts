// Every CSV export, through the desk (dispatch, real SQLite file, real keychain, the built-in
// simulator): a cell that starts with `=`, `+`, `-` or `@` and also holds a newline (which
// papaparse's escapeFormulae let through) comes out neutralised, and reads back whole.
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuditLog, openDatabase } from '../../../electron/services/db';
import { createDesk, type Desk } from '../../../electron/services/desk';
import { isFormulaLike } from '../../../electron/services/export/csv';
import { createKeytarStore } from '../../../electron/services/vault';
import type { DraftSummary } from '../../../shared/drafts';
import { testAddress } from '../../support/addresses';
import { confirmed } from '../../support/confirm-payout';
import { deskCalls } from '../../support/desk-calls';

let dir: string;
let desk: Desk;
const { value } = deskCalls(() => desk);

const parse = (csv: string) => Papa.parse<string[]>(csv, { skipEmptyLines: true }).data;

/** Every cell of an export: none may read as a formula. */
function expectNoFormula(csv: string) {
  for (const cell of parse(csv).flat())
    expect(isFormulaLike(cell), JSON.stringify(cell)).toBe(false);
}

const AUDIT_PROFILE = '=1+1\nplanted';
const AUDIT_ACTION = '@SUM(A1)\nplanted';

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'payout-desk-csv-'));
  // An audit entry whose text columns are hostile, written into the desk's own database file
  // first: no DeskApi call puts free text in those columns today, but nothing else guards them.
  mkdirSync(dir, { recursive: true });
  const db = openDatabase(join(dir, 'payout-desk.sqlite'));
  createAuditLog(db).append({
    atMs: Date.UTC(2026, 0, 1),
    profileId: AUDIT_PROFILE,
    action: AUDIT_ACTION,
    detail: { note: "=cmd|' /C calc'!A0\nx" },
  });
  db.sqlite.close();
  desk = await createDesk({
    dataDir: dir,
    secretStore: createKeytarStore('payout-desk-test'),
    simulator: {
      delays: { creationMs: 100, confirmationMs: 100, startMs: 100, completionMs: 200 },
    },
    sync: { startOnOpen: false },
  });
});

afterAll(async () => {
  await desk.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('CSV exports neutralise formula cells, newlines included', () => {
  it('history: a comment "-2+3+cmd|...\\n..." and one with leading spaces then "="', async () => {
    const comments = [`-2+3+cmd|' /C calc'!A0 zebraquux\nsecond line`, `  =1+1 zebraquux\r\nx`];
    for (const [n, comment] of comments.entries()) {
      await value(
        'createPayout',
        await confirmed(value, {
          profileId: 'simulator',
          requestId: randomUUID(),
          depositAddress: testAddress('tron', 9_100 + n),
          amount: '1',
          currency: 'TRX',
          comment,
        }),
      );
    }
    const exported = await value<{ csv: string; rowCount: number }>('exportHistory', {
      profileId: 'simulator',
      search: 'zebraquux',
    });
    expect(exported.rowCount).toBe(2);
    const rows = parse(exported.csv);
    const column = rows[0]?.indexOf('Comment or name') ?? -1;
    expect(
      rows
        .slice(1)
        .map((row) => row[column])
        .sort(),
    ).toEqual(comments.map((comment) => `'${comment}`).sort());
    expectNoFormula(exported.csv);
  });

  it('reconciliation: a source file name "=HYPERLINK(...)\\n..."', async () => {
    const sourceFile = '=HYPERLINK("http://evil.example","open")\npayroll.csv';
    const draft = await value<DraftSummary>('createDraft', {
      profileId: 'simulator',
      name: 'Hostile file name',
      sourceFile,
      decimalSeparator: '.',
      rows: [1, 2].map((line) => ({
        line: line + 1,
        address: testAddress('tron', 9_200 + line),
        amount: '1.5',
        currency: 'TRX',
        comment: `@x\nrow ${line}`,
      })),
    });
    // Batches (the reconciliation's rows) exist once the draft is submitted. The fingerprint
    // is passed when the review hands one out (issue 9: the send is bound to the review).
    const review = await value<{ fingerprint?: string }>('reviewDraft', { draftId: draft.id });
    await value('submitDraft', {
      draftId: draft.id,
      ...(review.fingerprint === undefined ? {} : { fingerprint: review.fingerprint }),
    });
    const exported = await value<{ csv: string; rowCount: number }>('exportReconciliation', {
      draftId: draft.id,
    });
    expect(exported.rowCount).toBe(2);
    const rows = parse(exported.csv);
    expect(rows[0]?.[0]).toBe('File');
    expect(rows.slice(1).map((row) => row[0])).toEqual([`'${sourceFile}`, `'${sourceFile}`]);
    expectNoFormula(exported.csv);
  });

  it('audit log: hostile profile and action columns', async () => {
    const exported = await value<{ csv: string; rowCount: number }>('exportAudit');
    const rows = parse(exported.csv);
    const planted = rows.find((row) => row[3]?.includes('planted'));
    expect(planted?.[2]).toBe(`'${AUDIT_PROFILE}`);
    expect(planted?.[3]).toBe(`'${AUDIT_ACTION}`);
    expect(JSON.parse(planted?.[4] ?? '')).toEqual({ note: "=cmd|' /C calc'!A0\nx" });
    expectNoFormula(exported.csv);
  });
});
