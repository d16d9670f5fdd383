// The draft grid's tools (issue 11 part 5): a delete asks first and can be undone, the search
// narrows the grid (searched in main), and "Select all" deletes every matching row after the
// same confirm.
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

/** 30 recipients on lines 2 to 31; every third (lines 2, 5, 8, ...) a "bonus". */
function payrollFile(): string {
  const lines = Array.from({ length: 30 }, (_, index) =>
    [
      `Person ${index + 1}`,
      testAddress('tron', 61_000 + index),
      `${index + 1}.5`,
      'TRX',
      index % 3 === 0 ? 'bonus' : 'salary',
    ].join(','),
  );
  return `name,address,amount,currency,comment\n${lines.join('\n')}\n`;
}

test('a delete asks first and can be undone; the search narrows the grid; select all deletes what matches', async ({
  page,
}) => {
  const shell = new AppShell(page);
  const importer = new ImportPage(page);
  const drafts = new DraftsPage(page);
  await page.setViewportSize({ width: 1280, height: 720 });
  await shell.open(host.url);
  await importer.open();
  await importer.choose('grid-tools.csv', payrollFile());
  await importer.createDraft('Grid tools (e2e)');
  await expect(drafts.counts).toHaveText(/^30 rows:/);
  // Dense: scrolled to the grid, at least 20 rows show at 1280x720, each with its problems.
  await expect(drafts.rows.first()).toBeVisible();
  await expect.poll(() => drafts.rowsInView()).toBeGreaterThanOrEqual(20);
  await expect(drafts.row(2).getByTestId('row-problems')).toBeVisible();
  await shell.screenshot('draft-grid-dense');

  // Two rows ticked: Delete asks, naming how many, and nothing is deleted before the answer.
  await drafts.select(3);
  await drafts.select(4);
  await drafts.deleteButton.click();
  await expect(drafts.deleteConfirm).toContainText('Delete 2 rows?');
  await expect(drafts.counts).toHaveText(/^30 rows:/);
  await drafts.deleteConfirm.getByRole('button', { name: 'Keep them' }).click();
  await expect(drafts.deleteConfirm).toHaveCount(0);
  await expect(drafts.row(3)).toBeVisible();

  await drafts.deleteSelected();
  await expect(drafts.counts).toHaveText(/^28 rows:/);
  await expect(drafts.row(3)).toHaveCount(0);
  await expect(drafts.row(4)).toHaveCount(0);
  await expect(drafts.undoBar).toContainText('2 rows deleted.');
  await drafts.undoBar.getByRole('button', { name: 'Undo' }).click();
  await expect(drafts.counts).toHaveText(/^30 rows:/);
  await expect(drafts.row(3)).toBeVisible();
  await expect(drafts.row(4)).toBeVisible();
  await expect(drafts.cell(3, 'Comment')).toHaveValue('salary');
  await expect(drafts.undoBar).toHaveCount(0);

  // The undo lasts until the next change: an edit ends it, and the deleted row stays deleted.
  await drafts.select(6);
  await drafts.deleteSelected();
  await expect(drafts.undoBar).toContainText('1 row deleted.');
  await drafts.edit(7, 'Comment', 'salary, March');
  await expect(drafts.undoBar).toHaveCount(0);
  await expect(drafts.counts).toHaveText(/^29 rows:/);
  await expect(drafts.row(6)).toHaveCount(0);

  // The search narrows the grid to the ten bonus rows, and the header box names them.
  await drafts.search.fill('bonus');
  await expect(drafts.rows).toHaveCount(10);
  await expect(drafts.selectAll).toHaveAccessibleName('Select all 10 matching rows');
  await drafts.search.fill('Person 17');
  await expect(drafts.rows).toHaveCount(1);
  await expect(drafts.row(18)).toBeVisible();
  await drafts.search.fill('bonus');
  await expect(drafts.rows).toHaveCount(10);

  // Select all + delete: the confirm says it is all the matching rows.
  await drafts.selectAll.check();
  await expect(drafts.deleteButton).toHaveText('Delete selected (10)');
  await drafts.deleteButton.click();
  await expect(drafts.deleteConfirm).toContainText(
    'Delete all 10 rows matching the filter and search?',
  );
  await drafts.deleteConfirm.getByRole('button', { name: /^Delete / }).click();
  await expect(drafts.counts).toHaveText(/^19 rows:/);
  await expect(drafts.grid).toContainText('No row has “bonus”');
  await drafts.search.fill('');
  await expect(drafts.row(3)).toBeVisible();
  await expect(drafts.row(2)).toHaveCount(0);
  await expect(drafts.row(5)).toHaveCount(0);
  await expect(drafts.undoBar).toContainText('10 rows deleted.');
  await shell.screenshot('draft-grid-tools');
  // The undo of a select-all puts back every row it deleted.
  await drafts.undoBar.getByRole('button', { name: 'Undo' }).click();
  await expect(drafts.counts).toHaveText(/^29 rows:/);
  await expect(drafts.row(2)).toBeVisible();
});
