// Issue 12 part 1: the address book of a profile, filled from the synced history (single
// payouts and mass recipients that COMPLETED), with labels, notes and trust a person sets,
// every change audited, and a CSV export and import that names each refused line.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createDesk, type Desk } from '../../../electron/services/desk';
import { createKeytarStore } from '../../../electron/services/vault';
import { encodeAddress } from '../../../shared/address';
import type { AddressBookEntry } from '../../../shared/address-book';
import type { DraftBatch, DraftRow, DraftSummary } from '../../../shared/drafts';
import type { AuditEntry, DraftReview, PayoutPreview } from '../../../shared/ipc';
import { testAddress } from '../../support/addresses';
import { confirmed } from '../../support/confirm-payout';
import { deskCalls } from '../../support/desk-calls';

let dir: string;
let desk: Desk;
const { value, failure } = deskCalls(() => desk);
const anna = testAddress('tron', 12_001);
const bernd = testAddress('tron', 12_002);
const clara = testAddress('tron', 12_003);
const never = testAddress('tron', 12_004);

/** Two Ethereum addresses with the same first and last 4 characters: the poisoning pattern. */
function endsWith(middle: number): string {
  const hash = Uint8Array.from({ length: 20 }, (_, index) => (index * 13 + middle) % 256);
  hash.set([0x7e, 0x57], 0);
  hash.set([0xbe, 0xef], 18);
  return encodeAddress('ethereum', hash);
}
const supplier = endsWith(1);
const poisoned = endsWith(2);

async function pay(
  address: string,
  amount: string,
  comment: string,
  currency = 'TRX',
  extra: object = {},
): Promise<void> {
  await value(
    'createPayout',
    await confirmed(value, {
      profileId: 'simulator',
      requestId: randomUUID(),
      depositAddress: address,
      amount,
      currency,
      comment,
      ...extra,
    }),
  );
}

async function book(query: object = {}) {
  return value<{ entries: AddressBookEntry[]; total: number }>('listAddressBook', {
    profileId: 'simulator',
    ...query,
  });
}

function entryOf(entries: readonly AddressBookEntry[], address: string) {
  return entries.find((entry) => entry.address === address);
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'payout-desk-address-book-'));
  desk = await createDesk({
    dataDir: dir,
    secretStore: createKeytarStore('payout-desk-test'),
    simulator: {
      seed: 'none',
      delays: { creationMs: 20, confirmationMs: 20, startMs: 20, completionMs: 40 },
    },
    sync: { startOnOpen: false },
  });
  await pay(anna, '1.25', 'Anna Schmidt');
  await pay(anna, '2.25', 'Anna Schmidt');
  await pay(supplier, '0.5', 'Supplier GmbH', 'ETH');
  const draft = await value<DraftSummary>('createDraft', {
    profileId: 'simulator',
    name: 'November',
    decimalSeparator: '.',
    rows: [
      { line: 2, address: bernd, amount: '0.1', currency: 'TRX', comment: 'Bernd' },
      // The file's name column names Clara: her address book entry offers it as the label.
      { line: 3, address: clara, amount: '0.2', currency: 'TRX', comment: '', name: 'Clara Jung' },
    ],
  });
  const review = await value<DraftReview>('reviewDraft', { draftId: draft.id });
  await value('submitDraft', { draftId: draft.id, fingerprint: review.fingerprint });
  // Paid means COMPLETED at Calypso and synced: ask until all three recipients are.
  await vi.waitFor(
    async () => {
      await value('syncNow', { profileId: 'simulator' });
      const batches = await value<DraftBatch[]>('getDraftBatches', { draftId: draft.id });
      expect([batches.map((batch) => batch.payoutState), (await book()).total]).toEqual([
        ['COMPLETED'],
        4,
      ]);
    },
    { timeout: 15_000, interval: 200 },
  );
});

afterAll(async () => {
  await desk.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the address book', () => {
  it('is filled from the history: times paid, exact totals, first and last payment, a suggested label', async () => {
    const { entries } = await book();
    const annaEntry = entryOf(entries, anna);
    expect(annaEntry).toMatchObject({
      network: 'tron',
      label: null,
      suggestedLabel: 'Anna Schmidt',
      trusted: false,
      timesPaid: 2,
      totals: [{ currency: 'TRX', total: '3.5' }],
    });
    expect(annaEntry?.firstPaidMs).toBeLessThanOrEqual(annaEntry?.lastPaidMs ?? 0);
    // A mass payout's recipients count as paid; one comment is not yet a pattern.
    expect(entryOf(entries, bernd)).toMatchObject({ timesPaid: 1, suggestedLabel: null });
    expect(entryOf(entries, clara)).toMatchObject({
      timesPaid: 1,
      totals: [{ total: '0.2' }],
      suggestedLabel: 'Clara Jung',
    });
    expect(entryOf(entries, never)).toBeUndefined();
    expect((await book({ search: 'schmidt' })).entries.map((entry) => entry.address)).toEqual([
      anna,
    ]);
    expect((await book({ network: 'ethereum' })).entries.map((entry) => entry.address)).toEqual([
      supplier,
    ]);
    expect((await book({ network: 'bsc' })).total).toBe(0);
  });

  it('keeps a label, notes and trust, and audits each change with what it was before', async () => {
    const saved = await value<AddressBookEntry>('updateAddressBookEntry', {
      profileId: 'simulator',
      network: 'tron',
      address: anna,
      label: 'Anna Schmidt (payroll)',
      trusted: true,
    });
    expect(saved).toMatchObject({ label: 'Anna Schmidt (payroll)', trusted: true, timesPaid: 2 });
    // An address never paid can be entered by hand, ahead of its first payment.
    const added = await value<AddressBookEntry>('updateAddressBookEntry', {
      profileId: 'simulator',
      network: 'tron',
      address: never,
      notes: 'New supplier, confirmed by phone',
    });
    expect(added).toMatchObject({ timesPaid: 0, lastPaidMs: null, trusted: false });
    const renamed = await value<AddressBookEntry>('updateAddressBookEntry', {
      profileId: 'simulator',
      network: 'tron',
      address: anna,
      label: 'Anna S.',
    });
    expect(renamed).toMatchObject({ label: 'Anna S.', trusted: true });

    const audit = await value<AuditEntry[]>('listAudit', { profileId: 'simulator' });
    const changes = audit.filter((entry) => entry.action === 'address-book.updated');
    expect(changes).toHaveLength(3);
    expect(changes[0]?.detail).toMatchObject({
      source: 'edit',
      changes: [
        {
          address: anna,
          before: { label: 'Anna Schmidt (payroll)', trusted: true },
          after: { label: 'Anna S.', trusted: true },
        },
      ],
    });
    expect(await value('verifyAudit')).toMatchObject({ ok: true });
  });

  it('refuses a wrong address or a label too long with a sentence, and keeps what was saved', async () => {
    const wrong = await failure('updateAddressBookEntry', {
      profileId: 'simulator',
      network: 'tron',
      address: `${anna.slice(0, -1)}x`,
      label: 'Typo',
    });
    expect(wrong.code).toBe('VALIDATION');
    expect(wrong.message).toMatch(/Tron address/);
    const long = await failure('updateAddressBookEntry', {
      profileId: 'simulator',
      network: 'tron',
      address: anna,
      label: 'x'.repeat(201),
    });
    expect(long.message).toBe('The label is longer than 200 characters: shorten it.');
    const unknown = await failure('listAddressBook', { profileId: 'nobody' });
    expect(unknown.code).toBe('NOT_FOUND');
    expect(entryOf((await book()).entries, anna)?.label).toBe('Anna S.');
  });

  it('exports as CSV and imports it back, naming each refused line', async () => {
    const exported = await value<{ csv: string; rowCount: number }>('exportAddressBook', {
      profileId: 'simulator',
    });
    expect(exported.rowCount).toBe(5);
    const lines = exported.csv.split('\r\n');
    expect(lines[0]).toBe('Network,Address,Label,Notes,Trusted');
    expect(lines).toContain(`tron,${anna},Anna S.,,yes`);

    const imported = await value<{
      imported: number;
      refused: { line: number; message: string }[];
    }>('importAddressBook', {
      profileId: 'simulator',
      csv: [
        '\uFEFFAddress;Label;Trusted;Network',
        `${bernd};Bernd Meyer;yes;tron`,
        `${clara};=HYPERLINK("x");no;tron`,
        `${anna.slice(0, -1)}x;Broken;no;tron`,
        `${clara};Clara;maybe;tron`,
        `${clara};Clara;no;solana`,
      ].join('\n'),
    });
    expect(imported.imported).toBe(2);
    expect(imported.refused.map((entry) => entry.line)).toEqual([4, 5, 6]);
    expect(imported.refused[0]?.message).toMatch(/^Line 4: The Tron address has a wrong checksum/);
    expect(imported.refused.slice(1).map((entry) => entry.message)).toEqual([
      'Line 5: "Trusted" must be yes or no.',
      'Line 6: the network "solana" is not one of bitcoin, ethereum, tron, bsc, polygon, dogecoin.',
    ]);
    const { entries } = await book();
    expect(entryOf(entries, bernd)).toMatchObject({ label: 'Bernd Meyer', trusted: true });
    // A label that looks like a formula is kept as typed, and neutralised on export.
    expect(entryOf(entries, clara)?.label).toBe('=HYPERLINK("x")');
    const again = await value<{ csv: string }>('exportAddressBook', { profileId: 'simulator' });
    expect(again.csv).toContain(`"'=HYPERLINK(""x"")"`);

    const headerless = await failure('importAddressBook', {
      profileId: 'simulator',
      csv: `${anna},Anna`,
    });
    expect(headerless.message).toMatch(/columns "Network" and "Address"/);
  });
});

describe('address book import, attacked', () => {
  it('refuses a file with an unclosed quote whole, instead of swallowing the lines after it', async () => {
    const before = (await book()).entries;
    const refused = await failure('importAddressBook', {
      profileId: 'simulator',
      csv: `Network,Address,Label\ntron,${bernd},"Bob,unclosed\ntron,${anna},Third\n`,
    });
    expect(refused.message).toBe(
      'Line 2 opens a quoted cell that never closes, so the lines after it cannot be read. Nothing was imported: fix the quote and import the file again.',
    );
    expect((await book()).entries).toEqual(before);
  });

  it('reads back what it exported: a label starting with - or + keeps its first character', async () => {
    await value('updateAddressBookEntry', {
      profileId: 'simulator',
      network: 'tron',
      address: bernd,
      label: '-Ops wallet',
      notes: '+49 170 1234567',
    });
    const { csv } = await value<{ csv: string }>('exportAddressBook', { profileId: 'simulator' });
    expect(csv).toContain(`"'-Ops wallet","'+49 170 1234567"`);
    const audited = async () =>
      (await value<AuditEntry[]>('listAudit', { profileId: 'simulator', limit: 1000 })).filter(
        (entry) => entry.action === 'address-book.updated',
      ).length;
    const auditedBefore = await audited();
    await value('importAddressBook', { profileId: 'simulator', csv });
    expect(entryOf((await book()).entries, bernd)).toMatchObject({
      label: '-Ops wallet',
      notes: '+49 170 1234567',
    });
    // The same book imported again changes nothing, so nothing is audited.
    expect(await audited()).toBe(auditedBefore);
  });

  it('takes the first of two lines for one address and names the other', async () => {
    const result = await value<{ imported: number; refused: { line: number; message: string }[] }>(
      'importAddressBook',
      {
        profileId: 'simulator',
        csv: `Network,Address,Label\ntron,${clara},First\ntron,${clara},Second\n`,
      },
    );
    expect(result).toEqual({
      imported: 1,
      refused: [
        { line: 3, message: 'Line 3: this address is already on line 2; only line 2 was taken.' },
      ],
    });
    expect(entryOf((await book()).entries, clara)?.label).toBe('First');
  });
});

describe('address risk on the single-payout form', () => {
  function request(depositAddress: string, currency = 'ETH') {
    return {
      profileId: 'simulator',
      requestId: randomUUID(),
      depositAddress,
      amount: '0.1',
      currency,
    };
  }

  it('names a look-alike of a paid address, sends nothing until the person accepts it', async () => {
    expect(poisoned).not.toBe(supplier);
    const preview = await value<PayoutPreview>('previewPayout', request(poisoned));
    expect(preview.risks).toEqual([
      {
        code: 'ADDRESS_LOOKALIKE',
        severity: 'error',
        message: expect.stringContaining(supplier) as string,
      },
    ]);
    const before = desk.simulator?.countPayouts() ?? 0;
    const input = await confirmed(value, request(poisoned));
    const refused = await failure('createPayout', input);
    expect(refused.code).toBe('VALIDATION');
    expect(refused.message).toMatch(
      /^depositAddress: This address looks like .* Nothing was sent\.$/,
    );
    expect(desk.simulator?.countPayouts()).toBe(before);

    await value('createPayout', { ...input, acceptedRisks: ['ADDRESS_LOOKALIKE'] });
    expect(desk.simulator?.countPayouts()).toBe(before + 1);
    const audit = await value<AuditEntry[]>('listAudit', { profileId: 'simulator' });
    expect(audit.find((entry) => entry.action === 'payout.submitted')?.detail).toMatchObject({
      risks: ['ADDRESS_LOOKALIKE'],
      acceptedRisks: ['ADDRESS_LOOKALIKE'],
    });
  });

  it('never pays a token contract, accepted or not; warns on a first payment and another network', async () => {
    const contract = request('0xdAC17F958D2ee523a2206206994597C13D831ec7', 'USDT');
    const preview = await value<PayoutPreview>('previewPayout', contract);
    expect(preview.risks.map((risk) => risk.code)).toEqual(['ADDRESS_IS_CONTRACT']);
    const refused = await failure('createPayout', {
      ...(await confirmed(value, contract)),
      acceptedRisks: ['ADDRESS_LOOKALIKE'],
    });
    expect(refused.message).toContain('contract address of Tether (USDT)');
    const notAcceptable = await failure('createPayout', {
      ...(await confirmed(value, contract)),
      acceptedRisks: ['ADDRESS_IS_CONTRACT'],
    });
    expect(notAcceptable.code).toBe('VALIDATION');

    const onPolygon = await value<PayoutPreview>('previewPayout', request(supplier, 'MATIC'));
    expect(onPolygon.risks.map((risk) => [risk.code, risk.severity])).toEqual([
      ['ADDRESS_OTHER_NETWORK', 'warning'],
    ]);
    const stranger = await value<PayoutPreview>(
      'previewPayout',
      request(testAddress('ethereum', 77)),
    );
    expect(stranger.risks.map((risk) => risk.code)).toEqual(['ADDRESS_FIRST_PAYMENT']);
    const known = await value<PayoutPreview>('previewPayout', request(supplier));
    expect(known.risks).toEqual([]);
  });
});

describe('address risk on draft rows', () => {
  // Not `poisoned`: the form's test above pays that one, and a paid address is no look-alike.
  const unpaidLookalike = endsWith(3);

  it('blocks a look-alike row until the person confirms it on that row, audited; an address edit drops it', async () => {
    const draft = await value<DraftSummary>('createDraft', {
      profileId: 'simulator',
      name: 'Suppliers',
      decimalSeparator: '.',
      rows: [
        { line: 2, address: unpaidLookalike, amount: '0.3', currency: 'ETH', comment: 'Invoice 7' },
        { line: 3, address: supplier, amount: '0.2', currency: 'ETH', comment: 'Invoice 8' },
        { line: 4, address: never, amount: '1', currency: 'TRX', comment: '' },
      ],
    });
    const rows = async () =>
      (await value<{ rows: DraftRow[] }>('getDraftRows', { draftId: draft.id })).rows;
    const [lookalike, known, fresh] = await rows();
    expect(lookalike?.verdict).toBe('error');
    expect(lookalike?.problems.map((entry) => entry.code)).toEqual(['ADDRESS_LOOKALIKE']);
    expect(lookalike?.problems[0]?.message).toContain(supplier);
    expect(known?.problems).toEqual([]);
    expect(fresh?.problems.map((entry) => entry.code)).toEqual(['ADDRESS_FIRST_PAYMENT']);
    const before = await value<DraftReview>('reviewDraft', { draftId: draft.id });
    expect(before.totals).toContainEqual({ currency: 'ETH', total: '0.2', rowCount: 1 });

    // Only an acceptable risk, only on a row that has it.
    expect(
      (
        await failure('acceptDraftRowRisk', {
          draftId: draft.id,
          rowNo: 2,
          risk: 'ADDRESS_LOOKALIKE',
        })
      ).message,
    ).toMatch(/^Row 2 has no look-alike warning to confirm/);
    const accepted = await value<{ row: DraftRow; summary: DraftSummary }>('acceptDraftRowRisk', {
      draftId: draft.id,
      rowNo: 1,
      risk: 'ADDRESS_LOOKALIKE',
    });
    expect(accepted.row.verdict).toBe('warning');
    expect(accepted.row.problems.map((entry) => entry.code)).toEqual([
      'ADDRESS_LOOKALIKE_ACCEPTED',
    ]);
    expect(accepted.summary.counts).toEqual({ ok: 1, warning: 2, error: 0 });
    const audit = await value<AuditEntry[]>('listAudit', { profileId: 'simulator' });
    expect(audit.find((entry) => entry.action === 'draft.risk-accepted')?.detail).toMatchObject({
      draftId: draft.id,
      rowNo: 1,
      address: unpaidLookalike,
      risk: 'ADDRESS_LOOKALIKE',
    });
    // The review (a fresh look at the history) keeps it, and the row is paid with the rest;
    // the plan changed, so an earlier fingerprint is no longer the one to submit.
    const after = await value<DraftReview>('reviewDraft', { draftId: draft.id });
    expect(after.totals).toContainEqual({ currency: 'ETH', total: '0.5', rowCount: 2 });
    expect(after.fingerprint).not.toBe(before.fingerprint);
    // Another amount keeps the confirmation (same address); another address does not.
    await value('updateDraftRow', { draftId: draft.id, rowNo: 1, amount: '0.31' });
    expect((await rows())[0]?.verdict).toBe('warning');
    await value('updateDraftRow', { draftId: draft.id, rowNo: 1, address: bernd });
    await value('updateDraftRow', { draftId: draft.id, rowNo: 1, address: unpaidLookalike });
    expect((await rows())[0]?.problems.map((entry) => entry.code)).toEqual(['ADDRESS_LOOKALIKE']);
  });
});

describe('labels wherever an address shows', () => {
  it('in drafts, the history, payout details, recipients and the reconciliation', async () => {
    await value('updateAddressBookEntry', {
      profileId: 'simulator',
      network: 'tron',
      address: bernd,
      label: 'Bernd Bauer',
    });
    const drafts = await value<DraftSummary[]>('listDrafts', { profileId: 'simulator' });
    const november = drafts.find((draft) => draft.name === 'November');
    if (!november) throw new Error('no November draft');
    const page = await value<{ rows: DraftRow[]; labels: Record<number, string> }>('getDraftRows', {
      draftId: november.id,
    });
    const claraLabel = entryOf((await book()).entries, clara)?.label ?? '';
    expect(claraLabel).not.toBe('');
    expect(page.labels).toEqual({ 1: 'Bernd Bauer', 2: claraLabel });

    const [batch] = await value<DraftBatch[]>('getDraftBatches', { draftId: november.id });
    const withdrawals = await value<{
      items: { id: string; depositAddress: string }[];
      labels: Record<string, string>;
    }>('listWithdrawals', { profileId: 'simulator', dealId: batch?.payoutId ?? '' });
    const toBernd = withdrawals.items.find((item) => item.depositAddress === bernd);
    expect(withdrawals.labels).toMatchObject({ [toBernd?.id ?? '?']: 'Bernd Bauer' });

    const exported = await value<{ csv: string }>('exportReconciliation', { draftId: november.id });
    const [header, ...lines] = exported.csv.split('\r\n');
    expect(header?.split(',').slice(1, 5)).toEqual(['Line', 'Name', 'Address', 'Label']);
    expect(lines.find((line) => line.includes(bernd))).toContain(`${bernd},Bernd Bauer,`);
    expect(lines.find((line) => line.includes(clara))).toContain(`${clara},${claraLabel},`);
    // An address without a label has an empty Label cell.
    await value('updateAddressBookEntry', {
      profileId: 'simulator',
      network: 'tron',
      address: clara,
      label: null,
    });
    const again = await value<{ csv: string }>('exportReconciliation', { draftId: november.id });
    expect(again.csv.split('\r\n').find((line) => line.includes(clara))).toContain(`${clara},,`);

    const annaLabel = entryOf((await book()).entries, anna)?.label ?? null;
    expect(annaLabel).not.toBeNull();
    const history = await value<{
      items: {
        kind: string;
        id: string;
        depositAddress: string | null;
        recipientLabel?: string | null;
      }[];
    }>('queryHistory', { profileId: 'simulator', kinds: ['single'], limit: 100 });
    const toAnna = history.items.find((item) => item.depositAddress === anna);
    expect(toAnna?.recipientLabel).toBe(annaLabel);
    expect(
      history.items.find((item) => item.depositAddress === supplier)?.recipientLabel,
    ).toBeNull();
    const details = await value<{ item: { recipientLabel?: string | null } }>('getPayoutDetails', {
      profileId: 'simulator',
      kind: 'single',
      id: toAnna?.id,
    });
    expect(details.item.recipientLabel).toBe(annaLabel);
  });
});

describe('a name column against the labels', () => {
  it('warns when a row names someone else than the label, and an edit of the name settles it', async () => {
    await value('updateAddressBookEntry', {
      profileId: 'simulator',
      network: 'ethereum',
      address: supplier,
      label: 'Supplier GmbH',
    });
    const draft = await value<DraftSummary>('createDraft', {
      profileId: 'simulator',
      name: 'Suppliers',
      decimalSeparator: '.',
      extraColumns: ['Invoice'],
      rows: [
        {
          line: 2,
          address: supplier,
          amount: '0.01',
          currency: 'ETH',
          comment: '',
          name: 'Other AG',
          extra: ['INV-7'],
        },
        {
          line: 3,
          address: clara,
          amount: '0.3',
          currency: 'TRX',
          comment: '',
          name: 'Clara',
          extra: ['INV-8'],
        },
      ],
    });
    expect(draft.extraColumns).toEqual(['Invoice']);
    const rows = (await value<{ rows: DraftRow[] }>('getDraftRows', { draftId: draft.id })).rows;
    expect(rows.map((row) => [row.name, row.extra, row.problems.map((p) => p.code)])).toEqual([
      ['Other AG', ['INV-7'], ['ADDRESS_LABEL_MISMATCH']],
      // Clara's address has no label (only a suggestion): nothing to compare the name with.
      ['Clara', ['INV-8'], []],
    ]);
    expect(rows[0]?.problems[0]?.message).toBe(
      'The name "Other AG" differs from this address\'s label in the address book, "Supplier GmbH". Check that the address belongs to this recipient.',
    );
    const edited = await value<{ row: DraftRow }>('updateDraftRow', {
      draftId: draft.id,
      rowNo: 1,
      name: 'supplier gmbh',
    });
    expect(edited.row).toMatchObject({ name: 'supplier gmbh', extra: ['INV-7'], problems: [] });
    const audit = await value<AuditEntry[]>('listAudit', { profileId: 'simulator', limit: 5 });
    expect(audit.find((entry) => entry.action === 'draft.row-edited')?.detail).toMatchObject({
      before: { name: 'Other AG' },
      after: { name: 'supplier gmbh' },
    });
    // More kept cells than named columns is refused with a sentence, and makes no draft.
    const refused = await failure('createDraft', {
      profileId: 'simulator',
      name: 'Bad',
      decimalSeparator: '.',
      extraColumns: [],
      rows: [{ line: 2, address: bernd, amount: '1', currency: 'TRX', comment: '', extra: ['x'] }],
    });
    expect(refused.message).toBe(
      'Row 1 carries 1 cells of other columns, but the draft names 0 (extraColumns). Send the column names with the rows.',
    );
  });
});
