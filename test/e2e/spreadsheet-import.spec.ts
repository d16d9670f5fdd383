/**
 * An .xlsx on the import screen (docs/spreadsheets.md): a small workbook is read by the desk
 * (the sheet picker reads another sheet again there), a workbook over 8 MiB by the page's
 * import worker (which reads the chosen sheet itself). Both become drafts with the exact
 * amounts the sheet stores. The workbooks are written by SheetJS in the test
 * (test/support/workbooks.ts).
 */
import { randomBytes } from 'node:crypto';
import { expect, test } from './support/fixtures';
import { testAddress } from '../support/addresses';
import { formatted, text, workbookBytes, type Cell } from '../support/workbooks';
import { AppShell } from './pages/app-shell';
import { DraftsPage } from './pages/drafts-page';
import { ImportPage } from './pages/import-page';
import { startTestHost, type TestHost } from './support/host';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

let host: TestHost;

test.beforeAll(async () => {
  host = await startTestHost({ seed: 'none' });
});

test.afterAll(async () => {
  await host.close();
});

test('an .xlsx with several sheets is read by the desk, its payout sheet chosen, and becomes a draft', async ({
  page,
}) => {
  const shell = new AppShell(page);
  const importer = new ImportPage(page);
  const drafts = new DraftsPage(page);
  const book = workbookBytes([
    { name: 'Cover', rows: [['Payouts June 2024'], ['prepared by finance']] },
    {
      name: 'Payroll',
      rows: [
        ['address', 'amount', 'currency', 'comment'],
        [testAddress('tron', 61_001), formatted(1250.5, '#,##0.00'), 'USDT_TRX', 'Ana'],
        [testAddress('ethereum', 61_002), text('0.123456789012345678'), 'ETH', 'Ben'],
        [testAddress('ethereum', 61_003), formatted(0.30000000000000004, '0.00'), 'ETH', 'Cy'],
      ],
    },
  ]);

  await shell.open(host.url);
  await importer.open();
  await importer.choose('payouts-june.xlsx', Buffer.from(book), XLSX_TYPE);
  await expect(page.getByTestId('import-file-kind')).toHaveText('Excel workbook (.xlsx)');
  await expect(page.getByTestId('import-sheet-read')).toHaveText('Cover (of 2 sheets)');
  await expect(page.getByLabel('Problems with the file')).toContainText(
    'has no address, amount or currency column',
  );

  await importer.sheet.selectOption('Payroll');
  await expect(page.getByTestId('import-sheet-read')).toHaveText('Payroll (of 2 sheets)');
  await expect(importer.summary).toHaveAccessibleName('payouts-june.xlsx: 3 rows');
  // First payments from this account, and one float that may not be what was typed.
  expect(await importer.counts()).toEqual({ ok: 0, warning: 3, error: 0 });
  const attention = page.getByRole('table', { name: 'Rows that need attention' });
  await expect(attention.locator('tr[data-line="4"]')).toContainText(
    'Amount "0.30000000000000004" is stored in the spreadsheet as a number with 17 significant digits (the sheet shows "0.30")',
  );
  await shell.screenshot('import-xlsx');

  await importer.createDraft('June payroll (xlsx)');
  await expect(drafts.counts).toHaveText('3 rows: 0 OK, 3 warnings, 0 errors');
  await expect(drafts.cell(2, 'Amount')).toHaveValue('1250.5');
  await expect(drafts.cell(3, 'Amount')).toHaveValue('0.123456789012345678');
  await expect(drafts.cell(4, 'Amount')).toHaveValue('0.30000000000000004');
});

test('an .xlsx over 8 MiB is read in the page’s import worker and becomes a draft', async ({
  page,
}) => {
  const shell = new AppShell(page);
  const importer = new ImportPage(page);
  const drafts = new DraftsPage(page);
  // Random notes do not compress, so the workbook itself is over 8 MiB.
  const rows: Cell[][] = [['address', 'amount', 'currency', 'comment', 'notes']];
  for (let n = 0; n < 2_000; n += 1) {
    rows.push([
      testAddress('tron', 62_000 + n),
      (n % 90) + 1.25,
      'USDT_TRX',
      `Row ${n}`,
      randomBytes(4_800).toString('base64'),
    ]);
  }
  const book = workbookBytes([
    { name: 'Cover', rows: [['Large payout run']] },
    { name: 'Payouts', rows },
  ]);
  expect(book.length).toBeGreaterThan(8 * 1024 * 1024);

  await shell.open(host.url);
  await importer.open();
  await importer.choose('large.xlsx', Buffer.from(book), XLSX_TYPE);
  await expect(page.getByTestId('import-sheet-read')).toHaveText('Cover (of 2 sheets)');
  // The worker reads the file again with the sheet chosen (the desk never had it).
  await importer.sheet.selectOption('Payouts');
  await expect(page.getByTestId('import-sheet-read')).toHaveText('Payouts (of 2 sheets)', {
    timeout: 20_000,
  });
  await expect(importer.summary).toHaveAccessibleName('large.xlsx: 2,000 rows');
  // The page's worker reads with the account's history (getImportHistory), so the screen
  // counts the first-payment warnings the draft will have: the counts agree.
  expect(await importer.counts()).toEqual({ ok: 0, warning: 2_000, error: 0 });
  await importer.createDraft('Large workbook (xlsx)');
  await expect(drafts.counts).toHaveText('2,000 rows: 0 OK, 2,000 warnings, 0 errors', {
    timeout: 30_000,
  });
  await expect(drafts.cell(2, 'Amount')).toHaveValue('1.25');
});
