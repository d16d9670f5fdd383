// Files the desk reads itself (docs/import.md, "Files the desk reads"), through the composed
// desk, its simulator, a real SQLite file and the keyring: the draft made of a reading has
// the verdicts the reading showed (the file-only warnings included) and the rows createDraft
// makes of the same cells; a reading is read again with other choices without the file being
// sent again; a chosen mapping is remembered; a reading makes one draft; every refusal is a
// sentence.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDesk, type Desk } from '../../../electron/services/desk';
import { READING_GONE_MESSAGE } from '../../../electron/services/payouts/file-readings';
import { createKeytarStore } from '../../../electron/services/vault';
import type { DraftRow, DraftSummary } from '../../../shared/drafts';
import { importPayoutFile } from '../../../shared/import';
import { draftRowOf } from '../../../shared/import/draft-from-reading';
import { headerSignature } from '../../../shared/import/header-names';
import type { FileReading } from '../../../shared/ipc';
import { testAddress } from '../../support/addresses';
import { deskCalls } from '../../support/desk-calls';

let dir: string;
let desk: Desk;
const { value, failure } = deskCalls(() => desk);

const ZERO_WIDTH_SPACE = '\u200b';

/** A German Excel export: semicolons, decimal commas, one duplicate, one typo, one hidden character. */
function germanFile(header = 'Wallet;Betrag;Coin;Kommentar'): string {
  const lines = [header];
  for (let index = 0; index < 40; index += 1) {
    let address = testAddress(
      index % 2 === 0 ? 'tron' : 'ethereum',
      7_000 + (index === 31 ? 3 : index),
    );
    if (index === 5) address = `${address.slice(0, -1)}${address.endsWith('a') ? 'b' : 'a'}`;
    if (index === 9) address = `${address.slice(0, 10)}${ZERO_WIDTH_SPACE}${address.slice(10)}`;
    const coin = index % 2 === 0 ? 'USDT_TRX' : 'USDT';
    lines.push(`${address};${index + 1},50;${coin};Gehalt ${index}`);
  }
  return `${lines.join('\r\n')}\r\n`;
}

const base64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

function readFile(text: string, extra: Record<string, unknown> = {}): Promise<FileReading> {
  return value<FileReading>('readPayoutFile', {
    profileId: 'simulator',
    fileName: 'gehalt.csv',
    bytes: base64(text),
    choices: {},
    recall: true,
    ...extra,
  });
}

async function allRows(draftId: string): Promise<DraftRow[]> {
  const page = await value<{ rows: DraftRow[] }>('getDraftRows', { draftId, limit: 1000 });
  return page.rows;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'payout-desk-readings-'));
  desk = await createDesk({
    dataDir: dir,
    secretStore: createKeytarStore('payout-desk-test'),
    sync: { startOnOpen: false },
  });
});

afterAll(async () => {
  await desk.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('a file the desk reads', () => {
  it('becomes a draft with the verdicts its reading showed, and the rows createDraft makes', async () => {
    const reading = await readFile(germanFile());
    const { result } = reading;
    expect(result.delimiter).toBe(';');
    expect(result.decimalSeparator).toBe(',');
    expect(result.rowCount).toBe(40);
    // The answer carries the rows needing a look (all 40 here), not every row of the file.
    expect(result.attention).toHaveLength(40);
    // Every valid row is also a first payment from this account (a fresh cache): warnings.
    expect(result.counts).toEqual({ ok: 0, warning: 39, error: 1 });
    const codes = (line: number) =>
      result.attention.find((row) => row.line === line)?.problems.map((entry) => entry.code);
    expect(codes(2)).toEqual(['ADDRESS_FIRST_PAYMENT']);
    expect(codes(5)).toEqual(['ADDRESS_FIRST_PAYMENT', 'DUPLICATE_ADDRESS']);
    expect(codes(7)).toEqual(['ADDRESS_CHECKSUM']);
    const hidden = result.attention[9]?.problems.map((entry) => entry.code);
    expect(hidden).toContain('ADDRESS_INVISIBLE_CHARACTERS');

    const draft = await value<DraftSummary>('createDraftFromReading', {
      readingId: reading.readingId,
      profileId: 'simulator',
      name: 'Gehalt Juni',
      rememberMapping: false,
    });
    // The import screen and the draft say the same thing (the file-only warning included).
    expect(draft.counts).toEqual(result.counts);
    expect(draft.sourceFile).toBe('gehalt.csv');
    const rows = await allRows(draft.id);
    expect(rows[9]?.problems.map((entry) => entry.code)).toContain('ADDRESS_INVISIBLE_CHARACTERS');
    expect(rows[9]?.address).not.toContain(ZERO_WIDTH_SPACE);
    expect(rows[0]?.amount).toBe('1.5');

    // createDraft of the same cells (what the page sends for a file it read itself).
    const sent = await value<DraftSummary>('createDraft', {
      profileId: 'simulator',
      name: 'Gehalt Juni (sent)',
      decimalSeparator: ',',
      rows: importPayoutFile(new TextEncoder().encode(germanFile())).rows.map(draftRowOf),
    });
    expect(sent.counts).toEqual(draft.counts);
    expect(sent.totals).toEqual(draft.totals);
    expect(await allRows(sent.id)).toEqual(rows);
    // Stored as the desk read them: a review, which validates every row again with the
    // history as it is now, moves nothing.
    await value('reviewDraft', { draftId: draft.id });
    expect(await allRows(draft.id)).toEqual(rows);
  });

  it('is read again with another choice without the file being sent again', async () => {
    const reading = await readFile(germanFile());
    const again = await value<FileReading>('rereadPayoutFile', {
      readingId: reading.readingId,
      choices: { decimalSeparator: '.' },
    });
    expect(again.readingId).toBe(reading.readingId);
    // "1,50" with a point as the decimal separator is ambiguous or a thousands group: not 1.5.
    expect(again.result.attention[0]?.amount).not.toBe('1.5');
    const draft = await value<DraftSummary>('createDraftFromReading', {
      readingId: reading.readingId,
      profileId: 'simulator',
      name: 'Read with points',
      rememberMapping: false,
    });
    expect(draft.decimalSeparator).toBe('.');
    expect(draft.counts).toEqual(again.result.counts);
  });

  it('remembers a mapping chosen by hand for the next file with that header', async () => {
    const header = 'Betrag;Wallet;Coin;Notiz';
    const text = germanFile('Wallet;Betrag;Coin;Notiz')
      .split('\r\n')
      .map((line, index) => {
        if (index === 0) return header;
        const [address = '', amount = '', coin = '', note = ''] = line.split(';');
        return line === '' ? line : [amount, address, coin, note].join(';');
      })
      .join('\r\n');
    const mapping = { address: 1, amount: 0, currency: 2, comment: 3 };
    const reading = await readFile(text, { choices: { mapping }, recall: false });
    expect(reading.result.counts.error).toBe(1);
    await value('createDraftFromReading', {
      readingId: reading.readingId,
      profileId: 'simulator',
      name: 'Chosen by hand',
      rememberMapping: true,
    });
    const next = await readFile(text);
    expect(next.recalled).toEqual(mapping);
    expect(next.result.counts).toEqual(reading.result.counts);
  });

  it('remembers a mapping by source name for a draft the page made of its own reading', async () => {
    // A file over 8 MiB is read in the page's worker and sent as rows: createDraft carries
    // the mapping by column names for the source, as a desk reading remembers it itself.
    const rows = [1, 2].map((n) => ({
      line: n + 1,
      address: testAddress('tron', 7_500 + n),
      amount: `${n},5`,
      currency: 'TRX',
      comment: '',
    }));
    await value('createDraft', {
      profileId: 'simulator',
      name: 'Lohn (page)',
      sourceFile: 'Lohnliste 2026-10.csv',
      decimalSeparator: ',',
      mapping: { address: 1, amount: 0, currency: 2 },
      headerSignature: headerSignature(['Auszahlung', 'Empfängeradresse', 'Waehrung']),
      sourceMapping: { address: 'Empfängeradresse', amount: 'Auszahlung', currency: 'Waehrung' },
      rows,
    });
    // Next month's export of that source has a column more (another header signature).
    const next = [
      'Personalnummer;Auszahlung;Empfängeradresse;Waehrung',
      `P-1;1,5;${testAddress('tron', 7_601)};TRX`,
      '',
    ].join('\r\n');
    const reading = await readFile(next, { fileName: 'lohnliste_2026-11.csv' });
    expect(reading.recalledBy).toBe('source');
    expect(reading.result.mapping).toMatchObject({ address: 2, amount: 1, currency: 3 });
    expect(reading.result.counts.error).toBe(0);
  });

  it('keeps the name column and every column the payout does not use, with each row, through retry and repeat', async () => {
    const lines = [
      'Personalnummer;Mitarbeiter;Wallet;Betrag;Coin;Buchungstext;Kostenstelle;',
      `P-1;Anna Schmidt;${testAddress('tron', 7_301)};10,50;USDT_TRX;Gehalt;4711;`,
      `P-2;Bernd Weber;${testAddress('tron', 7_302)};20;USDT_TRX;Gehalt;4712;`,
    ];
    const reading = await readFile(`${lines.join('\r\n')}\r\n`);
    expect(reading.result.mapping).toMatchObject({ name: 1, comment: 5 });
    expect(reading.result.extraColumns).toEqual(['Personalnummer', 'Kostenstelle']);
    const draft = await value<DraftSummary>('createDraftFromReading', {
      readingId: reading.readingId,
      profileId: 'simulator',
      name: 'Gehalt Dezember',
      rememberMapping: false,
    });
    expect(draft.extraColumns).toEqual(['Personalnummer', 'Kostenstelle']);
    const rows = await allRows(draft.id);
    expect(rows.map((row) => [row.name, row.comment, row.amount, row.extra])).toEqual([
      ['Anna Schmidt', 'Gehalt', '10.5', ['P-1', '4711']],
      ['Bernd Weber', 'Gehalt', '20', ['P-2', '4712']],
    ]);
    // An edit keeps what the file said beside the payout.
    const edited = await value<{ row: DraftRow }>('updateDraftRow', {
      draftId: draft.id,
      rowNo: 2,
      amount: '21',
    });
    expect(edited.row).toMatchObject({ name: 'Bernd Weber', extra: ['P-2', '4712'] });
    // "Repeat this run" carries the columns and the cells.
    const repeat = await value<DraftSummary>('repeatDraft', { draftId: draft.id });
    expect(repeat.extraColumns).toEqual(['Personalnummer', 'Kostenstelle']);
    expect((await allRows(repeat.id)).map((row) => [row.name, row.extra])).toEqual([
      ['Anna Schmidt', ['P-1', '4711']],
      ['Bernd Weber', ['P-2', '4712']],
    ]);
  });

  it('makes one draft: a second Create draft of the same reading is told to choose the file again', async () => {
    const reading = await readFile(germanFile());
    const argument = {
      readingId: reading.readingId,
      profileId: 'simulator',
      name: 'Once',
      rememberMapping: false,
    };
    const before = await value<DraftSummary[]>('listDrafts', { profileId: 'simulator' });
    await value('createDraftFromReading', argument);
    const second = await failure('createDraftFromReading', argument);
    expect(second).toMatchObject({ code: 'NOT_FOUND', message: READING_GONE_MESSAGE });
    const after = await value<DraftSummary[]>('listDrafts', { profileId: 'simulator' });
    expect(after).toHaveLength(before.length + 1);
    expect(
      await failure('rereadPayoutFile', { readingId: randomUUID(), choices: {} }),
    ).toMatchObject({ code: 'NOT_FOUND', message: READING_GONE_MESSAGE });
  });

  it('keeps an amount the file left ambiguous blocked until the amount itself is edited', async () => {
    // No other amount tells the separator: "1,000" is one thousand, or one.
    const text = `address,amount,currency,comment\r\n${testAddress('tron', 8_001)},"1,000",TRX,Bonus\r\n`;
    const reading = await readFile(text);
    expect(reading.result.attention[0]?.problems.map((entry) => entry.code)).toEqual([
      'AMOUNT_AMBIGUOUS',
      'ADDRESS_FIRST_PAYMENT',
    ]);
    const draft = await value<DraftSummary>('createDraftFromReading', {
      readingId: reading.readingId,
      profileId: 'simulator',
      name: 'Ambiguous',
      rememberMapping: false,
    });
    expect(draft.counts).toEqual({ ok: 0, warning: 0, error: 1 });
    const [stored] = await allRows(draft.id);
    expect(stored).toMatchObject({ amount: '1,000', verdict: 'error' });
    // Before the fix the draft read "1,000" with a point and stored an OK row of 1000.
    const commented = await value<{ row: DraftRow }>('updateDraftRow', {
      draftId: draft.id,
      rowNo: 1,
      comment: 'Bonus June',
    });
    expect(commented.row).toMatchObject({ amount: '1,000', verdict: 'error' });
    const review = await value<{ batches: unknown[] }>('reviewDraft', { draftId: draft.id });
    expect(review.batches).toEqual([]);
    const fixed = await value<{ row: DraftRow }>('updateDraftRow', {
      draftId: draft.id,
      rowNo: 1,
      amount: '1000',
    });
    // Resolved: only the warning that this account never paid the address is left.
    expect(fixed.row).toMatchObject({ amount: '1000', verdict: 'warning' });
    expect(fixed.row.problems.map((entry) => entry.code)).toEqual(['ADDRESS_FIRST_PAYMENT']);
  });

  it('refuses, with a sentence, what cannot become a draft', async () => {
    const long = germanFile().replace('Gehalt 3', 'x'.repeat(600));
    const reading = await readFile(long);
    const refused = await failure('createDraftFromReading', {
      readingId: reading.readingId,
      profileId: 'simulator',
      name: 'Too long',
      rememberMapping: false,
    });
    expect(refused.message).toBe(
      'Line 5 has a cell longer than 500 characters: shorten them in the file and choose it again.',
    );
    const empty = await readFile('Wallet;Betrag;Coin\r\n');
    expect(
      (
        await failure('createDraftFromReading', {
          readingId: empty.readingId,
          profileId: 'simulator',
          name: 'Empty',
          rememberMapping: false,
        })
      ).message,
    ).toBe('No rows could be read: fix the file and choose it again.');
    const notBase64 = await failure('readPayoutFile', {
      profileId: 'simulator',
      fileName: 'x.csv',
      bytes: 'this is not base64!',
      choices: {},
      recall: false,
    });
    expect(notBase64.message).toMatch(/bytes must be the file encoded as base64/);
    const tooLarge = await failure('readPayoutFile', {
      profileId: 'simulator',
      fileName: 'big.csv',
      bytes: Buffer.alloc(8 * 1024 * 1024 + 3).toString('base64'),
      choices: {},
      recall: false,
    });
    expect(tooLarge.message).toMatch(/larger than 8 MiB/);
  });
});
