// The import screen and the draft count warnings and errors the same way (issue 11 part 5).
// A file the desk reads itself was already counted with the account's history; a file too
// large for one call is read in the page's worker, which had no history: the screen counted
// no first payment, look-alike or repeat of a recent payment, and the draft (validated in
// main, with the history) did, e.g. "5 OK, 0 warnings, 1 error" on the screen and "0 OK,
// 4 warnings, 2 errors" in the draft for address-risks.csv. The worker now reads with the
// history main answers (getImportHistory), so every file of the import corpus gives the same
// counts on the screen (as the page reads it) and in the draft made of its rows. Through the
// composed desk on its simulator with the demo history, a real SQLite file and the keyring.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DraftSummary } from '../../../shared/drafts';
import type { DeskArgument, FileReading } from '../../../shared/ipc';
import { importPayoutFile, type ImportResult } from '../../../shared/import';
import { draftRowOf } from '../../../shared/import/draft-from-reading';
import { withHistory, type ImportHistory } from '../../../shared/import/import-history';
import { deskCalls } from '../../support/desk-calls';
import { openTestDesk, type TestDesk } from '../../support/test-desk';

const DIR = fileURLToPath(new URL('../../fixtures/import/', import.meta.url));
const FILES = readdirSync(DIR).filter((name) => /\.(csv|tsv|txt)$/.test(name));

let opened: TestDesk;
const { value, call } = deskCalls(() => opened.desk);

beforeAll(async () => {
  opened = await openTestDesk('import-counts', {
    simulator: { seed: 'demo' },
  });
  await value('syncNow', { profileId: 'simulator' });
});

afterAll(async () => {
  await opened.close();
});

/** createDraft's argument for rows the page read, as the import screen sends them. */
function draftOfPageReading(name: string, result: ImportResult): DeskArgument<'createDraft'> {
  return {
    profileId: 'simulator',
    name,
    decimalSeparator: result.decimalSeparator ?? '.',
    ...(result.extraColumns.length > 0 ? { extraColumns: result.extraColumns } : {}),
    rows: result.rows.map(draftRowOf),
  };
}

describe('the import screen and the draft', () => {
  it('the history the page reads with is the account’s: paid addresses and recent payments', async () => {
    const history = await value<ImportHistory>('getImportHistory', { profileId: 'simulator' });
    expect(history.paidAddresses.length).toBeGreaterThan(0);
    expect(Object.keys(history.paidAddresses[0] ?? {}).sort()).toEqual([
      'address',
      'label',
      'network',
    ]);
    expect(history.recentPayouts.length).toBeGreaterThan(0);
  });

  it.each(FILES)('count %s the same way, read in the page or by the desk', async (name) => {
    const bytes = new Uint8Array(readFileSync(`${DIR}${name}`));
    const history = await value<ImportHistory>('getImportHistory', { profileId: 'simulator' });
    const page = importPayoutFile(bytes, withHistory({}, history));
    const desk = await value<FileReading>('readPayoutFile', {
      profileId: 'simulator',
      fileName: name,
      bytes: Buffer.from(bytes).toString('base64'),
      choices: {},
      recall: false,
    });
    expect(page.counts, 'the page reading and the desk reading').toEqual(desk.result.counts);
    const created = await call<DraftSummary>('createDraft', draftOfPageReading(name, page));
    // Files no draft is made of (no rows, cells too long) have nothing to agree with.
    if (!created.ok) return;
    expect(created.value.counts, 'the draft of the page reading').toEqual(page.counts);
  });

  it('would not agree without the history (the bug this fixes)', async () => {
    const bytes = new Uint8Array(readFileSync(`${DIR}address-risks.csv`));
    const without = importPayoutFile(bytes, {});
    const created = await value<DraftSummary>(
      'createDraft',
      draftOfPageReading('without history', without),
    );
    expect(created.counts).not.toEqual(without.counts);
  });
});
