import { readFileSync } from 'node:fs';
import { expect, test } from './support/fixtures';
import type { DraftSummary } from '../../shared/drafts';
import type { DeskMethod, DeskResult } from '../../shared/ipc';
import { sumDecimals } from '../../shared/money';
import type { NetworkId } from '../../shared/networks';
import { testAddress } from '../support/addresses';
import { AppShell } from './pages/app-shell';
import { DraftsPage } from './pages/drafts-page';
import { ImportPage } from './pages/import-page';
import { parseCsv, startTestHost, type TestHost } from './support/host';

let host: TestHost;

test.beforeAll(async () => {
  host = await startTestHost({ seed: 'none' });
});

test.afterAll(async () => {
  await host.close();
});

/** A call to the same desk from outside the page: another window of the app. */
async function deskValue<T>(method: DeskMethod, argument: unknown): Promise<T> {
  const result = (await host.call(method, argument)) as DeskResult<T>;
  if (!result.ok) throw new Error(`${method}: ${result.error.message}`);
  return result.value;
}

type Row = { address: string; amount: string; currency: string; comment: string };

const NETWORK: Readonly<Record<string, NetworkId>> = {
  USDT_TRX: 'tron',
  TRX: 'tron',
  USDT: 'ethereum',
};

/** A base58 address with its last character changed: right shape, wrong checksum. */
function breakChecksum(address: string): string {
  return `${address.slice(0, -1)}${address.endsWith('2') ? '3' : '2'}`;
}

/** 1,000 recipients: 400 USDT_TRX, 300 TRX, 300 USDT (ERC-20); every address unique. */
function payoutRows(first: number): Row[] {
  return Array.from({ length: 1000 }, (_, index) => {
    const currency = index < 400 ? 'USDT_TRX' : index < 700 ? 'TRX' : 'USDT';
    const n = first + index;
    return {
      address: testAddress(NETWORK[currency] ?? 'tron', n),
      amount: `${(index % 97) + 1}.${String((index * 7) % 1000).padStart(3, '0')}`,
      currency,
      comment: `Invoice ${n}`,
    };
  });
}

function toCsv(rows: readonly Row[]): string {
  const lines = rows.map((row) => [row.address, row.amount, row.currency, row.comment].join(','));
  return `address,amount,currency,comment\n${lines.join('\n')}\n`;
}

function totalOf(rows: readonly Row[], currency: string): string {
  return sumDecimals(rows.filter((row) => row.currency === currency).map((row) => row.amount));
}

/** An amount as the page shows it in the browser's en-US locale: "19,269.590456". */
function shown(amount: string): string {
  const [integer = '', fraction] = amount.split('.');
  const grouped = integer.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return fraction === undefined ? grouped : `${grouped}.${fraction}`;
}

test('a 1,000-row file is imported, fixed, reviewed, submitted once and reconciled', async ({
  page,
}) => {
  const shell = new AppShell(page);
  const importer = new ImportPage(page);
  const drafts = new DraftsPage(page);
  const rows = payoutRows(1);
  const good = rows.map((row) => ({ ...row }));
  // Line 11: a Tron address with a broken checksum; line 21: 7 decimals for USDT_TRX (6).
  const badAddress = { ...rows[9], address: breakChecksum(rows[9]?.address ?? '') } as Row;
  const badAmount = { ...rows[19], amount: '12.1234567' } as Row;
  rows[9] = badAddress;
  rows[19] = badAmount;
  good[19] = { ...badAmount, amount: '12.123456' };

  await shell.open(host.url);
  await importer.open();
  const template = await importer.downloadTemplate();
  expect(readFileSync(await template.path(), 'utf8')).toMatch(
    /^address,amount,currency,comment\r?\n/,
  );

  await importer.choose('payouts-june.csv', toCsv(rows));
  // This account never paid these addresses: each valid row carries the first-payment warning.
  expect(await importer.counts()).toEqual({ ok: 0, warning: 998, error: 2 });
  await expect(page.getByTestId('import-encoding')).toHaveText('UTF-8');
  await expect(page.getByTestId('import-delimiter')).toContainText('Comma');
  await expect(importer.column('Address')).toHaveValue('0');
  const attention = page.getByRole('table', { name: 'Rows that need attention' });
  await expect(attention.locator('tr[data-line="11"]')).toContainText(/checksum/i);
  await expect(attention.locator('tr[data-line="21"]')).toContainText('allows at most 6');
  await shell.screenshot('import');

  await importer.createDraft('June payouts (e2e)');
  await expect(drafts.counts).toHaveText('1,000 rows: 0 OK, 998 warnings, 2 errors');
  await expect(drafts.row(11)).toHaveAttribute('data-verdict', 'error');
  await drafts.row(11).click();
  await expect(drafts.rowDetails).toContainText(/checksum/i);
  await expect(drafts.batchPlan.locator('tbody tr')).toHaveCount(8);
  await shell.screenshot('draft');

  // Fix the address, then reload mid-edit: the draft and the fix were saved in main.
  await drafts.edit(11, 'Address', good[9]?.address ?? '');
  await expect(drafts.row(11)).toHaveAttribute('data-verdict', 'warning');
  await expect(drafts.counts).toHaveText('1,000 rows: 0 OK, 999 warnings, 1 error');
  await page.reload();
  await drafts.openList();
  await drafts.openDraft('June payouts (e2e)');
  await expect(drafts.counts).toHaveText('1,000 rows: 0 OK, 999 warnings, 1 error');
  await expect(drafts.cell(11, 'Address')).toHaveValue(good[9]?.address ?? '');

  await drafts.show('Errors only');
  await expect(drafts.rows).toHaveCount(1);
  await drafts.edit(21, 'Amount', '12.123456');
  await expect(drafts.row(21)).toHaveAttribute('data-verdict', 'warning');
  await expect(drafts.counts).toHaveText('1,000 rows: 0 OK, 1,000 warnings, 0 errors');

  await drafts.reviewButton.click();
  await expect(drafts.review.getByTestId('review-environment')).toContainText(
    'simulator — not real money',
  );
  for (const currency of ['USDT_TRX', 'TRX', 'USDT']) {
    await expect(drafts.reviewTotal(currency)).toHaveText(shown(totalOf(good, currency)));
  }
  await expect(drafts.review.getByTestId('review-short')).toHaveCount(0);
  await expect(drafts.submitButton).toHaveText('Submit 8 mass payouts');
  await shell.screenshot('review');

  const before = host.simulator.countPayouts();
  await drafts.submitButton.dblclick();
  await expect(drafts.tracking).toBeVisible({ timeout: 20_000 });
  await expect(drafts.batches).toHaveCount(8);
  await expect(drafts.batches.and(page.locator('[data-state="COMPLETED"]'))).toHaveCount(8, {
    timeout: 30_000,
  });
  expect(host.simulator.countPayouts()).toBe(before + 8);
  // Eight batches delivered: the newest three notifications in full, the rest on one line,
  // so the stack never covers the batches it is about.
  await expect(shell.toasts.locator('.toast:not(.toast-folded)')).toHaveCount(3);
  await expect(shell.toasts.getByTestId('toasts-folded')).toContainText(
    /\d+ earlier notifications?/,
  );
  await drafts.batches.first().getByRole('button', { name: 'Recipients' }).click();
  const recipients = page.getByRole('table', { name: 'Batch recipients' });
  await expect(recipients.locator('tbody tr').first()).toContainText('Delivered');
  await shell.screenshot('tracking');

  // The reconciliation: one line per line of the file, with its batch, withdrawal and hash.
  let data: string[][] = [];
  await expect
    .poll(
      async () => {
        const download = await drafts.exportReconciliation();
        const [header = [], ...lines] = parseCsv(readFileSync(await download.path(), 'utf8'));
        const at = (name: string) => header.indexOf(name);
        data = lines.map((line) =>
          ['Line', 'Mass payout id', 'Withdrawal id', 'Transaction hash', 'Outcome'].map(
            (name) => line[at(name)] ?? '',
          ),
        );
        return data.filter((line) => line.every((cell) => cell !== '') && line[4] === 'Paid')
          .length;
      },
      { timeout: 20_000, intervals: [1000] },
    )
    .toBe(1000);
  expect(new Set(data.map((line) => Number(line[0])))).toEqual(
    new Set(Array.from({ length: 1000 }, (_, index) => index + 2)),
  );
  expect(new Set(data.map((line) => line[1])).size).toBe(8);
  expect(new Set(data.map((line) => line[2])).size).toBe(1000);
});

test('a partly failed batch offers its failed rows as a new draft, linked to the original', async ({
  page,
}) => {
  const shell = new AppShell(page);
  const importer = new ImportPage(page);
  const drafts = new DraftsPage(page);
  const rows: Row[] = [1, 2, 3, 4].map((n) => ({
    address: testAddress('tron', 5000 + n),
    amount: `${String(n)}0.5`,
    currency: 'TRX',
    comment: `Refund ${String(n)}`,
  }));
  host.simulator.failAddress(rows[1]?.address ?? '');

  await shell.open(host.url);
  await importer.open();
  await importer.choose('refunds.csv', toCsv(rows));
  expect(await importer.counts()).toEqual({ ok: 0, warning: 4, error: 0 });
  await importer.createDraft('Refunds (e2e)');
  await expect(drafts.counts).toHaveText('4 rows: 0 OK, 4 warnings, 0 errors');
  await drafts.reviewButton.click();
  await expect(drafts.submitButton).toHaveText('Submit 1 mass payout');
  await drafts.submitButton.click();

  await expect(drafts.batches.first()).toHaveAttribute('data-state', 'PARTIAL', {
    timeout: 30_000,
  });
  await expect(drafts.batches.first()).toContainText('Some recipients failed');
  await drafts.batches.first().getByRole('button', { name: 'Recipients' }).click();
  const failed = page
    .getByRole('table', { name: 'Batch recipients' })
    .locator('tr[data-state="FAILED"]');
  await expect(failed).toHaveCount(1);
  await expect(failed).toContainText(rows[1]?.address ?? '');

  await drafts.retryButton.click();
  await expect(
    page.getByRole('heading', { name: 'Refunds (e2e) — retry of failed rows' }),
  ).toBeVisible();
  await expect(drafts.counts).toContainText('1 row:');
  await expect(drafts.cell(3, 'Address')).toHaveValue(rows[1]?.address ?? '');
  await expect(drafts.parentLink).toContainText('Refunds (e2e)');
  await drafts.parentLink.getByRole('button').click();
  await expect(page.getByRole('heading', { name: 'Refunds (e2e)', exact: true })).toBeVisible();
  await expect(drafts.state).toHaveText('Submitted');
  await expect(page.getByTestId('draft-retries')).toHaveText(
    'Retried in Refunds (e2e) — retry of failed rows (being edited)',
  );
  // Asking again opens the same retry draft: the failed recipient is paid again only once.
  await drafts.retryButton.click();
  await expect(
    page.getByRole('heading', { name: 'Refunds (e2e) — retry of failed rows' }),
  ).toBeVisible();
  const listed = await deskValue<DraftSummary[]>('listDrafts', { profileId: 'simulator' });
  const retries = listed.filter((draft) => draft.name.startsWith('Refunds (e2e) — retry')).length;
  expect(retries).toBe(1);
});

test('a draft edited elsewhere after its review is not sent until it is reviewed again', async ({
  page,
}) => {
  const shell = new AppShell(page);
  const importer = new ImportPage(page);
  const drafts = new DraftsPage(page);
  const rows: Row[] = [1, 2, 3].map((n) => ({
    address: testAddress('tron', 6000 + n),
    amount: '2.5',
    currency: 'TRX',
    comment: `Fee ${String(n)}`,
  }));
  await shell.open(host.url);
  await importer.open();
  await importer.choose('fees.csv', toCsv(rows));
  await importer.createDraft('Reviewed twice (e2e)');
  await drafts.reviewButton.click();
  await expect(drafts.reviewTotal('TRX')).toHaveText('7.5');
  await expect(drafts.review.getByRole('table', { name: 'Totals per currency' })).toContainText(
    'Total debit',
  );

  // Another window changes a row after this review was shown.
  const listed = await deskValue<DraftSummary[]>('listDrafts', { profileId: 'simulator' });
  const edited = listed.find((entry) => entry.name === 'Reviewed twice (e2e)');
  await deskValue('updateDraftRow', { draftId: edited?.id, rowNo: 1, amount: '62343.5' });
  const before = host.simulator.countPayouts();
  await drafts.submitButton.click();
  const changed = drafts.review.getByTestId('review-changed');
  await expect(changed).toContainText(
    'The draft changed since you reviewed it: review it again before submitting.',
  );
  expect(host.simulator.countPayouts()).toBe(before);

  await changed.getByRole('button', { name: 'Review again' }).click();
  await expect(drafts.reviewTotal('TRX')).toHaveText('62,348.5');
  await drafts.submitButton.click();
  await expect(drafts.tracking).toBeVisible({ timeout: 20_000 });
  expect(host.simulator.countPayouts()).toBe(before + 1);
});

test('a column mapping chosen by hand is used again for the next file with those columns', async ({
  page,
}) => {
  const shell = new AppShell(page);
  const importer = new ImportPage(page);
  const drafts = new DraftsPage(page);
  const sheet = (first: number) =>
    [
      'Payee wallet;Pay;Asset code;Text',
      ...[0, 1, 2].map(
        (index) => `${testAddress('tron', first + index)};${String(index + 1)}0,25;TRX;Bonus`,
      ),
    ].join('\r\n');

  await shell.open(host.url);
  await importer.open();
  await importer.choose('erp-export.csv', sheet(7000));
  await expect(importer.summary.getByRole('alert')).toContainText('has no address');
  await importer.column('Address').selectOption('0');
  await importer.column('Amount').selectOption('1');
  await importer.column('Currency').selectOption('2');
  await importer.column('Comment').selectOption('3');
  await expect(importer.mappingSource).toContainText('Your choice');
  expect(await importer.counts()).toEqual({ ok: 0, warning: 3, error: 0 });
  await expect(page.getByTestId('import-delimiter')).toContainText('Semicolon');
  await expect(page.getByTestId('import-decimal')).toContainText('Comma');
  await importer.createDraft('ERP bonuses (e2e)');
  await expect(drafts.counts).toHaveText('3 rows: 0 OK, 3 warnings, 0 errors');

  // A row added in the app starts empty (an error), is focused, and goes with Delete.
  await page.getByRole('button', { name: 'Add row' }).click();
  await expect(drafts.counts).toHaveText('4 rows: 0 OK, 3 warnings, 1 error');
  const added = drafts.rows.last();
  await expect(added.getByLabel(/^Address, new row/)).toBeFocused();
  await expect(added).toHaveAttribute('data-verdict', 'error');
  await added.getByRole('checkbox').check();
  await added.getByRole('checkbox').press('Delete');
  // The key asks first, and the confirm has the focus: Enter deletes.
  await expect(
    page.getByRole('group', { name: 'Delete the selected rows' }).getByRole('button', {
      name: 'Delete 1 row',
    }),
  ).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(drafts.counts).toHaveText('3 rows: 0 OK, 3 warnings, 0 errors');
  await page.getByRole('button', { name: 'Discard draft' }).click();
  await page
    .getByRole('group', { name: 'Discard the draft' })
    .getByRole('button', { name: 'Discard' })
    .click();
  await expect(drafts.list).toBeVisible();
  await expect(drafts.list.getByRole('button', { name: 'ERP bonuses (e2e)' })).toHaveCount(0);

  await importer.open();
  await importer.choose('erp-export-july.csv', sheet(7100));
  await expect(importer.mappingSource).toContainText('you chose for a file with these columns');
  await expect(importer.column('Amount')).toHaveValue('1');
  expect(await importer.counts()).toEqual({ ok: 0, warning: 3, error: 0 });
});
