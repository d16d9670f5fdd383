// "What changed since the last run" (docs/run-diff.md) through the real interface: a payroll
// imported and submitted, one of its recipients relabelled afterwards, a changed payroll
// imported; before its review the draft shows who was added and removed, whose amount moved
// (with the exact difference) and whose label changed, follows an edit, and exports the
// changes. Then "Repeat this run" makes next month's draft from the one that was sent.
import { readFileSync } from 'node:fs';
import { expect, test } from './support/fixtures';
import type { DeskMethod, DeskResult } from '../../shared/ipc';
import { testAddress } from '../support/addresses';
import { AppShell } from './pages/app-shell';
import { DraftsPage } from './pages/drafts-page';
import { ImportPage } from './pages/import-page';
import { RunDiffPanel } from './pages/run-diff-panel';
import { parseCsv, startTestHost, type TestHost } from './support/host';

let host: TestHost;

test.beforeAll(async () => {
  host = await startTestHost({ seed: 'none' });
});

test.afterAll(async () => {
  await host.close();
});

async function deskValue<T>(method: DeskMethod, argument: unknown): Promise<T> {
  const result = (await host.call(method, argument)) as DeskResult<T>;
  if (!result.ok) throw new Error(`${method}: ${result.error.message}`);
  return result.value;
}

async function relabel(address: string, label: string): Promise<void> {
  await deskValue('updateAddressBookEntry', {
    profileId: 'simulator',
    network: 'tron',
    address,
    label,
  });
}

const anna = testAddress('tron', 31_001);
const bob = testAddress('tron', 31_002);
const carl = testAddress('tron', 31_003);
const dora = testAddress('tron', 31_004);
const emil = testAddress('tron', 31_005);

function toCsv(rows: readonly (readonly string[])[]): string {
  return `address,amount,currency,comment\n${rows.map((row) => row.join(',')).join('\n')}\n`;
}

const MARCH = toCsv([
  [anna, '10', 'TRX', 'Salary'],
  [bob, '5', 'TRX', 'Salary'],
  [bob, '2.5', 'TRX', 'Bonus'],
  [carl, '3', 'USDT_TRX', 'Contractor'],
  [emil, '1', 'TRX', 'Salary'],
]);

const APRIL = toCsv([
  [anna, '10', 'TRX', 'Salary'],
  // Bob's two March rows in one: the same 7.5, unchanged.
  [bob, '7.5', 'TRX', 'Salary and bonus'],
  [dora, '4', 'TRX', 'New hire'],
  [emil, '1.25', 'TRX', 'Salary'],
]);

test('a changed payroll shows what changed since the last run, and a run is repeated', async ({
  page,
}) => {
  const shell = new AppShell(page);
  const importer = new ImportPage(page);
  const drafts = new DraftsPage(page);
  const diff = new RunDiffPanel(page);

  await relabel(anna, 'Anna');
  await shell.open(host.url);
  await importer.open();
  await importer.choose('payroll-march.csv', MARCH);
  await importer.createDraft('March payroll (e2e)');
  await expect(drafts.counts).toContainText('5 rows');
  // The first run of the profile: nothing to compare with.
  await expect(diff.panel).toContainText('No earlier run of this profile to compare with.');
  await drafts.reviewButton.click();
  await drafts.submitButton.click();
  await expect(drafts.tracking).toBeVisible({ timeout: 20_000 });
  await expect(diff.panel).toHaveCount(0);
  // Relabelled after March was sent: March keeps the label it went out with.
  await relabel(anna, 'Anna Lee');

  await importer.open();
  await importer.choose('payroll-april.csv', APRIL);
  await importer.createDraft('April payroll (e2e)');
  await expect(drafts.counts).toContainText('4 rows');

  await expect(diff.baseline.locator('option:checked')).toContainText('March payroll (e2e)');
  await expect(diff.counts).toHaveText(
    '1 added · 1 removed · 1 amount changed · 1 label changed · 1 unchanged',
  );
  await expect(diff.change('added', dora)).toContainText('+4');
  await expect(diff.change('removed', carl)).toContainText('-3');
  await expect(diff.change('changed', emil)).toContainText('+0.25');
  await expect(diff.change('changed', anna)).toContainText('Anna → Anna Lee');
  await expect(diff.change('changed', bob)).toHaveCount(0);
  // 10 + 7.5 + 1 = 18.5 then, 10 + 7.5 + 4 + 1.25 = 22.75 now.
  await expect(diff.total('TRX')).toContainText('18.5');
  await expect(diff.total('TRX')).toContainText('22.75');
  await expect(diff.total('TRX')).toContainText('+4.25');
  await expect(diff.total('USDT_TRX')).toContainText('-3');
  await shell.screenshot('run-diff');

  const download = await diff.exportChanges();
  const [header = [], ...lines] = parseCsv(readFileSync(await download.path(), 'utf8'));
  expect(header.slice(0, 7)).toEqual([
    'Change',
    'Address',
    'Currency',
    'Baseline amount',
    'Current amount',
    'Increase',
    'Decrease',
  ]);
  expect(lines.map((line) => [line[0], line[1], line[5], line[6]])).toEqual([
    ['added', dora, '4', ''],
    ['removed', carl, '', '3'],
    ['label changed', anna, '', ''],
    ['amount changed', emil, '0.25', ''],
  ]);

  // An edit moves the comparison: Dora's first salary is 5, not 4.
  await drafts.edit(4, 'Amount', '5');
  await expect(diff.change('added', dora)).toContainText('+5');
  await expect(diff.total('TRX')).toContainText('+5.25');

  // Next month: repeat what March sent.
  await drafts.openList();
  await drafts.openDraft('March payroll (e2e)');
  await diff.repeatButton.click();
  await expect(page.getByRole('heading', { name: 'March payroll (e2e) (repeat)' })).toBeVisible();
  await expect(drafts.state).toHaveText('Being edited');
  // Checked again today: every recipient was just paid this amount by March.
  await expect(drafts.counts).toHaveText('5 rows: 0 OK, 5 warnings, 0 errors');
  await expect(diff.baseline.locator('option:checked')).toContainText('March payroll (e2e)');
  await expect(diff.counts).toHaveText(
    '0 added · 0 removed · 0 amount changed · 1 label changed · 3 unchanged',
  );
});
