import { readFileSync } from 'node:fs';
import { expect, test } from './support/fixtures';
import { AppShell } from './pages/app-shell';
import { DraftsPage } from './pages/drafts-page';
import { HistoryPage } from './pages/history-page';
import { ImportPage } from './pages/import-page';
import { savedFileOf } from './support/downloads';
import { startTestHost, type TestHost } from './support/host';

let host: TestHost;

test.beforeAll(async () => {
  host = await startTestHost();
});

test.afterAll(async () => {
  await host.close();
});

test('the address book lists what the account paid; a label and trust are kept, exported and imported', async ({
  page,
}) => {
  const shell = new AppShell(page);
  await shell.open(host.url);
  await new HistoryPage(page).waitForRows();
  await shell.goTo('Address book');
  const rows = page.getByTestId('book-row');
  await expect(rows.first()).toBeVisible({ timeout: 20_000 });
  await expect(page.getByTestId('book-count')).toHaveText(/^[\d,]+ address(es)?$/);
  const first = rows.first();
  const address = (await first.locator('td.mono.wrap').textContent()) ?? '';
  expect(address.length).toBeGreaterThan(20);
  await expect(first).toContainText(/\d+×/);

  // Label and trust, saved in main: still there after the page is opened again.
  const label = first.getByLabel(`Label of ${address}`);
  await label.fill('Payroll — Anna Schmidt');
  await label.press('Enter');
  // Checked once main has saved it (the box shows what is stored, not what was clicked).
  await first.getByLabel(`Trust ${address}`).click();
  await expect(first.getByLabel(`Trust ${address}`)).toBeChecked();
  await shell.open(host.url);
  await shell.goTo('Address book');
  await page.getByLabel('Search the address book').fill('anna schmidt');
  await expect(rows).toHaveCount(1);
  await expect(rows.first().getByLabel(`Label of ${address}`)).toHaveValue(
    'Payroll — Anna Schmidt',
  );
  await expect(rows.first().getByLabel(`Trust ${address}`)).toBeChecked();
  await shell.screenshot('address-book');

  const saved = await savedFileOf(page, async () => {
    await page.getByRole('button', { name: 'Export CSV' }).click();
  });
  expect(saved.suggestedFilename()).toBe('address-book.csv');
  const csv = readFileSync(await saved.path(), 'utf8');
  expect(csv.split('\r\n')[0]).toBe('Network,Address,Label,Notes,Trusted');
  expect(csv).toContain(`,${address},Payroll — Anna Schmidt,,yes`);

  // An import names every line it did not take, and saves the others.
  await page.getByLabel('Import CSV').setInputFiles({
    name: 'book.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(
      `Network,Address,Label\nmoon,${address},X\n${csv.split('\r\n')[1]?.split(',')[0] ?? ''},${address},Anna (imported)\n`,
    ),
  });
  const report = page.getByTestId('book-import');
  await expect(report).toContainText('1 line saved; 1 not taken:');
  await expect(report).toContainText('Line 2: the network "moon" is not one of');
  // A file too large is refused in the page with its size, before anything is sent.
  await page.getByLabel('Import CSV').setInputFiles({
    name: 'huge.csv',
    mimeType: 'text/csv',
    buffer: Buffer.alloc(20_000_001, 'a'),
  });
  await expect(page.getByRole('alert')).toContainText(
    'This file is too large for an address book (20,000,001 characters; at most 20,000,000). Split it into smaller files.',
  );
  await page.getByLabel('Search the address book').fill(address.slice(2, 14));
  await expect(rows).toHaveCount(1);
  await expect(rows.first().getByLabel(`Label of ${address}`)).toHaveValue('Anna (imported)');
});

test('a look-alike of an address the account paid is caught in the import, naming that address and its label', async ({
  page,
}) => {
  const shell = new AppShell(page);
  const importer = new ImportPage(page);
  const drafts = new DraftsPage(page);
  await shell.open(host.url);
  await new HistoryPage(page).waitForRows();
  await shell.goTo('Address book');
  const paid = page.getByTestId('book-row').filter({ hasText: 'Ethereum' }).first();
  await expect(paid).toBeVisible({ timeout: 20_000 });
  const known = ((await paid.locator('td.mono.wrap').textContent()) ?? '').trim();
  expect(known).toMatch(/^0x[0-9a-fA-F]{40}$/);
  const label = paid.getByLabel(`Label of ${known}`);
  await label.fill('Supplier GmbH');
  await label.press('Enter');
  await expect(label).toHaveValue('Supplier GmbH');

  // Address poisoning: the same first and last four characters, another middle (all lower
  // case, so it carries no checksum and is a valid address).
  const body = known.slice(2).toLowerCase();
  const middle = body
    .slice(4, -4)
    .replace(/[0-9a-f]/g, (digit) => ((Number.parseInt(digit, 16) + 7) % 16).toString(16));
  const lookalike = `0x${body.slice(0, 4)}${middle}${body.slice(-4)}`;
  await importer.open();
  await importer.choose(
    'suppliers.csv',
    `address,amount,currency,comment\n${lookalike},250,USDT,Invoice 4711\n${known},100,USDT,Invoice 4712\n`,
  );
  expect(await importer.counts()).toEqual({ ok: 1, warning: 0, error: 1 });
  const attention = page.getByRole('table', { name: 'Rows that need attention' });
  await expect(attention).toContainText(`This address looks like "${known}" ("Supplier GmbH")`);
  await importer.createDraft('Suppliers (look-alike)');
  await expect(drafts.counts).toHaveText('2 rows: 1 OK, 0 warnings, 1 error');
  await expect(drafts.row(2)).toHaveAttribute('data-verdict', 'error');
  await shell.screenshot('lookalike-caught');

  // Checked with the recipient: confirmed on this row, the row joins the batches as a warning.
  await drafts.row(2).click();
  await page.getByLabel('I checked the whole address with the recipient: it is theirs.').click();
  await expect(drafts.row(2)).toHaveAttribute('data-verdict', 'warning');
  await expect(drafts.counts).toHaveText('2 rows: 1 OK, 1 warning, 0 errors');
  await expect(drafts.rowDetails).toContainText('You confirmed this address with the recipient.');
});
