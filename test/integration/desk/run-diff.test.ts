// "What changed since the last run" through the composed handlers (dispatch, a real SQLite
// file, the keychain, the built-in simulator over HTTP): a payroll submitted, its labels
// edited afterwards, a changed payroll compared with it (added, removed, amount changed with
// the exact difference, label then vs now, duplicates summed), its CSV, refusals, and
// "Repeat this run" revalidated against today's payments.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deletePassword } from 'keytar';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDesk, type Desk } from '../../../electron/services/desk';
import { RUN_DIFF_COLUMNS } from '../../../electron/services/run-diff/run-diff-service';
import { AUDIT_KEY_ACCOUNT, createKeytarStore } from '../../../electron/services/vault';
import { startSimulator, type RunningSimulator } from '../../../electron/simulator';
import type { DraftBatch, DraftRow, DraftSummary } from '../../../shared/drafts';
import type { AuditEntry, DraftReview, Profile } from '../../../shared/ipc';
import type { RunBaselines, RunComparison } from '../../../shared/run-diff';
import { testAddress } from '../../support/addresses';
import { deskCalls } from '../../support/desk-calls';

const SERVICE = 'payout-desk-test-run-diff';
let dir: string;
let desk: Desk;
let other: RunningSimulator;
const { value, failure } = deskCalls(() => desk);

// Strictly increasing, so "earlier" never depends on two drafts landing in one millisecond.
let lastMs = 0;
const now = () => (lastMs = Math.max(lastMs + 1, Date.now()));

const anna = testAddress('tron', 12_001);
const bob = testAddress('tron', 12_002);
const carl = testAddress('ethereum', 12_003);
// The same address written in capitals: one recipient, since 0x addresses ignore case.
const carlShouting = `0x${carl.slice(2).toUpperCase()}`;
const dora = testAddress('tron', 12_004);
const emil = testAddress('tron', 12_005);

type Row = { address: string; amount: string; currency: string; comment?: string };

async function draft(name: string, rows: readonly Row[]): Promise<DraftSummary> {
  return value<DraftSummary>('createDraft', {
    profileId: 'simulator',
    name,
    sourceFile: `${name}.csv`,
    decimalSeparator: '.',
    rows: rows.map((row, index) => ({ line: index + 2, comment: '', ...row })),
  });
}

async function label(address: string, text: string) {
  await value('updateAddressBookEntry', {
    profileId: 'simulator',
    network: 'tron',
    address,
    label: text,
  });
}

const march: Row[] = [
  { address: anna, amount: '10', currency: 'TRX' },
  { address: bob, amount: '5', currency: 'TRX' },
  { address: bob, amount: '2.5', currency: 'TRX' },
  { address: carl, amount: '1', currency: 'USDT' },
  { address: dora, amount: '3', currency: 'USDT_TRX' },
  { address: 'not an address', amount: '9', currency: 'TRX' },
];

const april: Row[] = [
  { address: anna, amount: '10', currency: 'TRX' },
  // Bob's two rows of March in one: the same 7.5 in all.
  { address: bob, amount: '7.50', currency: 'TRX' },
  // Carl's address in capitals: the same recipient, 0.5 more.
  { address: carlShouting, amount: '1.5', currency: 'USDT' },
  { address: emil, amount: '4', currency: 'TRX' },
  { address: 'still not an address', amount: '1', currency: 'TRX' },
];

let marchDraft: DraftSummary;
let scratchDraft: DraftSummary;
let aprilDraft: DraftSummary;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'payout-desk-run-diff-'));
  other = await startSimulator({ seed: 'none' });
  desk = await createDesk({
    dataDir: dir,
    secretStore: createKeytarStore(SERVICE),
    simulator: {
      seed: 'none',
      delays: { creationMs: 50, confirmationMs: 50, startMs: 50, completionMs: 50 },
    },
    sync: { startOnOpen: false },
    now,
  });
  await label(anna, 'Anna');
  marchDraft = await draft('March payroll', march);
  const review = await value<DraftReview>('reviewDraft', { draftId: marchDraft.id });
  const batches = await value<DraftBatch[]>('submitDraft', {
    draftId: marchDraft.id,
    fingerprint: review.fingerprint,
  });
  expect(batches.map((batch) => batch.delivery)).toEqual(['done', 'done', 'done']);
  // Relabelled after March was sent: March must still show the label it went out with.
  await label(anna, 'Anna Lee');
  scratchDraft = await draft('Scratch', [
    { address: emil, amount: '1', currency: 'TRX' },
    { address: 'broken', amount: '2', currency: 'TRX' },
  ]);
  aprilDraft = await draft('April payroll', april);
});

afterAll(async () => {
  await desk.close();
  await other.close();
  await deletePassword(SERVICE, AUDIT_KEY_ACCOUNT);
  rmSync(dir, { recursive: true, force: true });
});

describe('what changed since the last run', () => {
  it('lists the earlier runs, most recent first, and defaults to the last one sent', async () => {
    const listed = await value<RunBaselines>('listRunBaselines', { draftId: aprilDraft.id });
    expect(listed.baselines.map((entry) => [entry.name, entry.state])).toEqual([
      ['Scratch', 'editing'],
      ['March payroll', 'submitted'],
    ]);
    expect(listed.defaultDraftId).toBe(marchDraft.id);
    const sent = listed.baselines[1];
    expect(sent?.submittedMs).toBeGreaterThan(marchDraft.createdMs);
    expect(listed.baselines[0]?.submittedMs).toBeNull();
    // The first draft has nothing before it.
    const first = await value<RunBaselines>('listRunBaselines', { draftId: marchDraft.id });
    expect(first).toEqual({ draftId: marchDraft.id, baselines: [], defaultDraftId: null });
  });

  it('compares a changed payroll with what the last run sent', async () => {
    const comparison = await value<RunComparison>('compareDraft', {
      draftId: aprilDraft.id,
      baseline: { draftId: marchDraft.id },
    });
    expect(comparison.baseline.draftId).toBe(marchDraft.id);
    expect(comparison.diff.counts).toEqual({
      added: 1,
      removed: 1,
      amountChanged: 1,
      labelChanged: 1,
      unchanged: 1,
    });
    // April's broken row would not be sent; March's was never in a batch.
    expect(comparison.excludedRows).toEqual({ current: 1, baseline: 0 });
    expect(
      comparison.diff.changes.map((change) => [
        change.kind,
        change.address,
        change.currency,
        change.baselineAmount,
        change.currentAmount,
        change.difference,
      ]),
    ).toEqual([
      ['added', emil, 'TRX', null, '4', '4'],
      ['removed', dora, 'USDT_TRX', '3', null, '-3'],
      ['changed', anna, 'TRX', '10', '10', '0'],
      ['changed', carlShouting, 'USDT', '1', '1.5', '0.5'],
    ]);
    const relabelled = comparison.diff.changes.find((change) => change.address === anna);
    expect(relabelled).toMatchObject({
      amountChanged: false,
      labelChanged: true,
      baselineLabel: 'Anna',
      currentLabel: 'Anna Lee',
    });
    expect(comparison.diff.totals).toEqual([
      { currency: 'TRX', baseline: '17.5', current: '21.5', difference: '4' },
      { currency: 'USDT', baseline: '1', current: '1.5', difference: '0.5' },
      { currency: 'USDT_TRX', baseline: '3', current: '0', difference: '-3' },
    ]);
  });

  it('compares with a draft never sent as it stood when it was last saved', async () => {
    // Labelled after both drafts were saved: unlabelled then, labelled now. The label starts
    // like a formula, for the export below.
    await label(emil, '@Emil');
    const comparison = await value<RunComparison>('compareDraft', {
      draftId: aprilDraft.id,
      baseline: { draftId: scratchDraft.id },
    });
    expect(comparison.baseline).toMatchObject({ name: 'Scratch', submittedMs: null });
    expect(comparison.excludedRows).toEqual({ current: 1, baseline: 1 });
    const emilChange = comparison.diff.changes.find((change) => change.address === emil);
    expect(emilChange).toMatchObject({
      kind: 'changed',
      baselineAmount: '1',
      currentAmount: '4',
      difference: '3',
      amountChanged: true,
      labelChanged: true,
      baselineLabel: null,
      currentLabel: '@Emil',
    });
  });

  it('exports the changes as CSV, amounts as plain non-negative numbers', async () => {
    const exported = await value<{ fileName: string; csv: string; rowCount: number }>(
      'exportRunDiff',
      { draftId: aprilDraft.id, baseline: { draftId: marchDraft.id } },
    );
    expect(exported.fileName).toBe('changes-April_payroll-since-March_payroll.csv');
    expect(exported.rowCount).toBe(4);
    const [header, ...rows] = Papa.parse<string[]>(exported.csv, { skipEmptyLines: true }).data;
    expect(header).toEqual([...RUN_DIFF_COLUMNS]);
    expect(rows).toEqual([
      // The label's leading "@" is neutralised by the shared writer (csv.ts).
      ['added', emil, 'TRX', '', '4', '4', '', '', "'@Emil", '0', '1'],
      ['removed', dora, 'USDT_TRX', '3', '', '', '3', '', '', '1', '0'],
      ['label changed', anna, 'TRX', '10', '10', '', '', 'Anna', 'Anna Lee', '1', '1'],
      ['amount changed', carlShouting, 'USDT', '1', '1.5', '0.5', '', '', '', '1', '1'],
    ]);
  });

  it('refuses itself, a later draft and a draft of another profile, with a sentence', async () => {
    const itself = await failure('compareDraft', {
      draftId: aprilDraft.id,
      baseline: { draftId: aprilDraft.id },
    });
    expect(itself).toMatchObject({ code: 'VALIDATION' });
    expect(itself.message).toMatch(/cannot be compared with itself/);

    const later = await failure('compareDraft', {
      draftId: marchDraft.id,
      baseline: { draftId: aprilDraft.id },
    });
    expect(later.message).toBe(
      '"April payroll" was made after "March payroll": choose an earlier run to compare with.',
    );

    const missing = await failure('exportRunDiff', {
      draftId: aprilDraft.id,
      baseline: { draftId: 'no-such-draft' },
    });
    expect(missing).toMatchObject({ code: 'NOT_FOUND' });
    expect(missing.message).toMatch(/There is no draft "no-such-draft" to compare with/);

    const second = await value<Profile>('addProfile', {
      name: 'Other merchant',
      environment: 'custom',
      baseUrl: other.baseUrl,
      account: other.merchant.account,
      key: other.merchant.key,
      secret: other.merchant.secret,
    });
    const foreign = await value<DraftSummary>('createDraft', {
      profileId: second.id,
      name: 'Their payroll',
      decimalSeparator: '.',
      rows: [{ line: 2, address: anna, amount: '1', currency: 'TRX', comment: '' }],
    });
    const elsewhere = await failure('compareDraft', {
      draftId: foreign.id,
      baseline: { draftId: marchDraft.id },
    });
    expect(elsewhere).toMatchObject({ code: 'VALIDATION' });
    expect(elsewhere.message).toBe(
      '"March payroll" belongs to another profile: a run can only be compared with earlier runs of the same account.',
    );
    // Nor is it offered.
    const offered = await value<RunBaselines>('listRunBaselines', { draftId: foreign.id });
    expect(offered.baselines).toEqual([]);
  });
});

describe('repeat this run', () => {
  it('makes a new draft from what the last run sent, with today’s verdicts, audited', async () => {
    const repeated = await value<DraftSummary>('repeatDraft', {
      draftId: marchDraft.id,
      name: 'May payroll',
    });
    expect(repeated).toMatchObject({
      name: 'May payroll',
      state: 'editing',
      parentDraftId: null,
      sourceFile: 'March payroll.csv',
      rowCount: 5,
    });
    const { rows } = await value<{ rows: DraftRow[] }>('getDraftRows', { draftId: repeated.id });
    // The five rows March sent (not its broken one), in order, with their file lines.
    expect(rows.map((row) => [row.line, row.address, row.amount, row.currency])).toEqual([
      [2, anna, '10', 'TRX'],
      [3, bob, '5', 'TRX'],
      [4, bob, '2.5', 'TRX'],
      [5, carl, '1', 'USDT'],
      [6, dora, '3', 'USDT_TRX'],
    ]);
    // Revalidated today: March paid these recipients these amounts, and Bob repeats himself.
    const codes = (row: DraftRow | undefined) => row?.problems.map((problem) => problem.code);
    expect(codes(rows[0])).toContain('DUPLICATE_RECENT_PAYOUT');
    expect(codes(rows[1])).toContain('DUPLICATE_ADDRESS');
    expect(rows.every((row) => row.verdict === 'warning')).toBe(true);

    const [entry] = await value<AuditEntry[]>('listAudit', { profileId: 'simulator', limit: 1 });
    expect(entry).toMatchObject({
      action: 'draft.repeated',
      detail: { draftId: repeated.id, originDraftId: marchDraft.id, rows: 5 },
    });

    // The same rows as March: only the label that changed since.
    const comparison = await value<RunComparison>('compareDraft', {
      draftId: repeated.id,
      baseline: { draftId: marchDraft.id },
    });
    expect(comparison.diff.counts).toEqual({
      added: 0,
      removed: 0,
      amountChanged: 0,
      labelChanged: 1,
      unchanged: 3,
    });
  });

  it('repeats a draft still being edited with all its rows, errors too', async () => {
    const repeated = await value<DraftSummary>('repeatDraft', { draftId: scratchDraft.id });
    expect(repeated.name).toBe('Scratch (repeat)');
    expect(repeated.rowCount).toBe(2);
    expect(repeated.counts.error).toBe(1);
  });

  it('refuses a draft that does not exist with a sentence', async () => {
    const missing = await failure('repeatDraft', { draftId: 'nothing-here' });
    expect(missing).toMatchObject({
      code: 'NOT_FOUND',
      message: 'There is no draft "nothing-here".',
    });
  });
});
