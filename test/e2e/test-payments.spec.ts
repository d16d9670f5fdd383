// A test payment releasing its rows, through the UI (docs/test-payments.md): a draft pays a
// new address twice; the review offers "Send a test payment first" with its amount, the
// address's rows are held out of Submit, the rest of the draft is submitted, the test
// completes, the person marks the address trusted, and the held rows go out in one more mass
// payout of the same draft. Real parts: the desk, its simulator over HTTP, SQLite.
import { expect, test } from './support/fixtures';
import type { DraftSummary } from '../../shared/drafts';
import type { DeskResult } from '../../shared/ipc';
import { testAddress } from '../support/addresses';
import { AppShell } from './pages/app-shell';
import { DraftsPage } from './pages/drafts-page';
import { startTestHost, type TestHost } from './support/host';

let host: TestHost;

test.beforeAll(async () => {
  host = await startTestHost({ seed: 'none' });
});

test.afterAll(async () => {
  await host.close();
});

test('a test payment holds a new address, then releases its rows in a follow-up batch', async ({
  page,
}) => {
  const shell = new AppShell(page);
  const drafts = new DraftsPage(page);
  const fresh = testAddress('tron', 41_001);
  const other = testAddress('tron', 41_002);
  const created = (await host.call('createDraft', {
    profileId: 'simulator',
    name: 'Freelancers January',
    decimalSeparator: '.',
    rows: [
      { address: fresh, amount: '4', comment: 'January' },
      { address: fresh, amount: '5', comment: 'Bonus' },
      { address: other, amount: '3', comment: 'January' },
    ].map((row, index) => ({ line: index + 2, currency: 'TRX', ...row })),
  })) as DeskResult<DraftSummary>;
  expect(created.ok).toBe(true);

  await shell.open(host.url);
  await drafts.openList();
  await drafts.openDraft('Freelancers January');
  await drafts.reviewButton.click();
  const panel = drafts.review.getByRole('region', { name: 'Test payments to new addresses' });
  const offer = panel.getByTestId('test-payment-offers').locator('li').filter({ hasText: fresh });
  await expect(
    offer.getByRole('button', { name: 'Send a test payment first: 1 TRX (Tron)' }),
  ).toBeVisible();
  // The amount is a setting of the profile, per currency.
  await panel.getByText('Test payment amounts').click();
  await panel.getByLabel('Test payment amount in TRX').fill('0.5');
  await panel.getByRole('button', { name: 'Save' }).click();
  await offer.getByRole('button', { name: 'Send a test payment first: 0.5 TRX (Tron)' }).click();

  // Held: the address's two rows are out of the plan, and the review says so.
  const hold = panel.getByTestId('test-payment-hold').filter({ hasText: fresh });
  await expect(hold).toContainText('0.5 TRX');
  await expect(drafts.review.getByTestId('review-held')).toContainText(
    '2 rows held for a test payment will not be sent now (rows 1, 2)',
  );
  await expect(drafts.submitButton).toHaveText('Submit 1 mass payout');
  await shell.screenshot('test-payment-held');

  // The rest of the draft goes now; the held rows do not.
  await drafts.submitButton.click();
  await expect(drafts.tracking).toBeVisible({ timeout: 20_000 });
  await expect(drafts.batches).toHaveCount(1);
  await expect(drafts.batches.first()).toContainText('3');

  // Completed is not enough: the address must be marked trusted.
  const tracked = drafts.tracking.getByTestId('test-payment-hold').filter({ hasText: fresh });
  await expect(tracked.getByTestId('test-payment-state')).toHaveText(
    'Completed — waiting for “trusted”',
    { timeout: 30_000 },
  );
  await expect(drafts.tracking.getByRole('button', { name: 'Review the held rows' })).toHaveCount(
    0,
  );
  await tracked.getByRole('button', { name: 'Mark trusted' }).click();
  await expect(tracked.getByTestId('test-payment-state')).toHaveText('Released');

  await drafts.tracking.getByRole('button', { name: 'Review the held rows' }).click();
  await expect(drafts.tracking.getByTestId('held-rows-review')).toContainText(
    '2 rows will be paid in 1 more mass payout: 9 TRX (Tron).',
  );
  const before = host.simulator.countPayouts();
  await drafts.tracking.getByRole('button', { name: 'Send the held rows' }).click();
  await expect(drafts.batches).toHaveCount(2, { timeout: 20_000 });
  await expect(drafts.batches.nth(1)).toContainText('9');
  expect(host.simulator.countPayouts()).toBe(before + 1);
  await expect(drafts.tracking.getByRole('button', { name: 'Review the held rows' })).toHaveCount(
    0,
  );
  await shell.screenshot('test-payment-released');
});
