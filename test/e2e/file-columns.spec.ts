// A payroll export's own columns ride along (issue 11 part 3, docs/import.md "Columns the
// payout does not use"): the recipient's name becomes an editable Name column, the columns
// the payout does not use show in the grid (hideable) and go into the reconciliation.
import { expect, test } from './support/fixtures';
import { testAddress } from '../support/addresses';
import { AppShell } from './pages/app-shell';
import { DraftsPage } from './pages/drafts-page';
import { ImportPage } from './pages/import-page';
import { startTestHost, type TestHost } from './support/host';

let host: TestHost;

test.beforeAll(async () => {
  host = await startTestHost({ seed: 'none' });
});

test.afterAll(async () => {
  await host.close();
});

test('a name column and the file’s other columns reach the draft grid, hideable', async ({
  page,
}) => {
  const shell = new AppShell(page);
  const importer = new ImportPage(page);
  const drafts = new DraftsPage(page);
  const file = [
    'Personalnummer;Mitarbeiter;Wallet;Betrag;Coin;Buchungstext;Kostenstelle',
    `P-1;Anna Schmidt;${testAddress('tron', 41_001)};10,50;TRX;Gehalt;4711`,
    `P-2;Bernd Weber;${testAddress('tron', 41_002)};20;TRX;Gehalt;4712`,
  ].join('\r\n');

  await shell.open(host.url);
  await importer.open();
  await importer.choose('gehalt.csv', `\ufeff${file}\r\n`);
  // The mapping names the name column; the comment is the booking text.
  await expect(importer.column('Recipient name')).toHaveValue('1');
  await expect(importer.column('Comment')).toHaveValue('5');
  await importer.createDraft('Gehalt mit Spalten (e2e)');

  await expect(drafts.cell(2, 'Name')).toHaveValue('Anna Schmidt');
  await expect(drafts.cell(3, 'Name')).toHaveValue('Bernd Weber');
  const headers = drafts.grid.getByRole('columnheader');
  await expect(headers.filter({ hasText: 'Personalnummer' })).toBeVisible();
  await expect(headers.filter({ hasText: 'Kostenstelle' })).toBeVisible();
  await expect(drafts.row(3).getByRole('cell', { name: /Kostenstelle, line 3: 4712/ })).toHaveText(
    '4712',
  );
  await shell.screenshot('draft-file-columns');

  // The name is edited like any cell; the kept cells stay with the row.
  await drafts.edit(3, 'Name', 'Bernd Weber-Klein');
  await expect(drafts.cell(3, 'Name')).toHaveValue('Bernd Weber-Klein');

  const toggle = page.getByRole('checkbox', { name: /Show the file’s other columns \(2\)/ });
  await toggle.uncheck();
  await expect(headers.filter({ hasText: 'Kostenstelle' })).toHaveCount(0);
  await toggle.check();
  await expect(headers.filter({ hasText: 'Kostenstelle' })).toBeVisible();
});

test('the preview shows the first rows as written beside what was read; the delimiter can be changed', async ({
  page,
}) => {
  const shell = new AppShell(page);
  const importer = new ImportPage(page);
  const file = [
    'Wallet;Betrag;Coin;Empfänger',
    `${testAddress('tron', 41_101)};10,50;TRX;Anna Schmidt`,
    `${testAddress('tron', 41_102)};1.234,5;TRX;Bernd Weber`,
  ].join('\r\n');
  await shell.open(host.url);
  await importer.open();
  await importer.choose('auszahlung.csv', `${file}\r\n`);
  const preview = page.getByRole('table', { name: 'How the first rows were read' });
  await expect(preview.getByTestId('preview-raw').first()).toContainText('10,50');
  await expect(preview.getByTestId('preview-amount')).toHaveText(['10.5', '1234.5']);
  await expect(preview).toContainText('Anna Schmidt');
  await shell.screenshot('import-preview');

  // Read with another delimiter, the file has no payout columns; detected again, it has.
  const delimiter = importer.summary.getByLabel('Delimiter', { exact: true });
  await delimiter.selectOption(',');
  await expect(importer.summary.getByRole('alert')).toContainText('has no address');
  await delimiter.selectOption('');
  await expect(preview.getByTestId('preview-amount')).toHaveText(['10.5', '1234.5']);
  expect(await importer.counts()).toEqual({ ok: 0, warning: 2, error: 0 });
});

test('many kept columns scroll sideways with the header, and the problems stay readable', async ({
  page,
}) => {
  const shell = new AppShell(page);
  const importer = new ImportPage(page);
  const drafts = new DraftsPage(page);
  const kept = ['Personalnummer', 'Kostenstelle', 'Abteilung', 'Standort', 'Eintritt', 'Vertrag'];
  const file = [
    ['Wallet', 'Betrag', 'Coin', 'Mitarbeiter', ...kept].join(';'),
    [
      testAddress('tron', 41_201),
      '5',
      'TRX',
      'Anna',
      'P-1',
      '4711',
      'Ops',
      'Berlin',
      '2021',
      'F',
    ].join(';'),
  ].join('\r\n');
  await shell.open(host.url);
  await importer.open();
  await importer.choose('wide.csv', `${file}\r\n`);
  await importer.createDraft('Wide file (e2e)');
  await expect(drafts.cell(2, 'Name')).toHaveValue('Anna');
  // (As text: the e2e project has no DOM types.)
  const table = `document.querySelector('[role="table"][aria-label="Draft rows"]')`;
  const widths = await page.evaluate<{ scroll: number; client: number; overflow: string }>(
    `(() => { const t = ${table}; return { scroll: t.scrollWidth, client: t.clientWidth, overflow: getComputedStyle(t).overflowX }; })()`,
  );
  // A person can scroll it (not only a script): the table itself scrolls sideways.
  expect(widths.overflow).toBe('auto');
  expect(widths.scroll).toBeGreaterThan(widths.client);
  // Scrolled to its end, the row's problems (a first payment here) are there to read.
  await page.evaluate(`(() => { const t = ${table}; t.scrollLeft = t.scrollWidth; })()`);
  await expect(drafts.row(2).getByTestId('row-problems')).toBeInViewport();
  await expect(drafts.grid.getByRole('columnheader', { name: 'Vertrag' })).toBeInViewport();
  await expect(drafts.row(2).getByTestId('row-problems')).toContainText('never paid');
});
