import { expect, test } from './support/fixtures';
import { startSimulator, type RunningSimulator } from '../../electron/simulator';
import { AccountsPage } from './pages/accounts-page';
import { AppShell } from './pages/app-shell';
import { HistoryPage } from './pages/history-page';
import { FAST_DELAYS, startTestHost, type TestHost } from './support/host';

let host: TestHost;
let other: RunningSimulator;

test.beforeAll(async () => {
  host = await startTestHost();
  other = await startSimulator({ seed: 'demo', delays: FAST_DELAYS, randomSeed: 7 });
});

test.afterAll(async () => {
  await host.close();
  await other.close();
});

test('the built-in simulator profile checks its connection and is marked not real money', async ({
  page,
}) => {
  const shell = new AppShell(page);
  const accounts = new AccountsPage(page);
  await shell.open(host.url);
  await shell.goTo('Accounts');
  await expect(accounts.heading).toBeVisible();
  const card = await accounts.checkConnection('Simulator (not real money)');
  await expect(card.getByRole('status')).toContainText('Connected.');
  await expect(card).toContainText('simulator — not real money');
  await expect(card.getByRole('button', { name: 'Remove' })).toHaveCount(0);

  // Calypso's clock two minutes ahead of this computer's: the check warns.
  host.simulator.clock.setOffset(120_000);
  try {
    await card.getByRole('button', { name: 'Check connection' }).click();
    await expect(card.getByRole('alert')).toContainText(/clock is 1[12]\d seconds behind/);
  } finally {
    host.simulator.clock.setOffset(0);
  }
});

test('a wrong secret is refused in words; the right one adds the profile and its history', async ({
  page,
}) => {
  const shell = new AppShell(page);
  const accounts = new AccountsPage(page);
  const history = new HistoryPage(page);
  const name = 'Treasury staging';
  await shell.open(host.url);
  await shell.goTo('Accounts');
  await accounts.startAdding();
  await accounts.addCustom({
    name,
    baseUrl: other.baseUrl,
    account: other.merchant.account,
    key: other.merchant.key,
    secret: `${other.merchant.secret}-wrong`,
  });
  const alert = accounts.addForm.getByRole('alert');
  await expect(alert).toContainText('Calypso refused the credentials');
  await expect(alert).toContainText('The API secret does not match this key (error 003)');
  // Nothing typed is lost: only the secret needs typing again.
  await expect(accounts.addForm.getByLabel('Profile name')).toHaveValue(name);
  await expect(accounts.addForm.getByLabel('Base URL')).toHaveValue(other.baseUrl);

  await accounts.addForm.getByLabel('API secret').fill(other.merchant.secret);
  await accounts.addForm.getByRole('button', { name: 'Add profile' }).click();

  await expect(history.heading).toBeVisible();
  await expect(shell.profileSwitcher.locator('option:checked')).toHaveText(name);
  await expect(shell.environmentBanner).toContainText('custom environment');
  await expect(shell.environmentBanner).not.toContainText('not real money');
  await history.waitForRows();
  // The first sync reads the account page by page; the list grows as it does.
  await expect.poll(() => history.total(), { timeout: 20_000 }).toBeGreaterThan(250);

  await shell.goTo('Accounts');
  const card = accounts.profile(name);
  await expect(card).toContainText(other.merchant.account);
  await expect(card).toContainText('Stored in the system keychain');
  await expect(card).not.toContainText(other.merchant.key);
  await card.getByRole('button', { name: 'Edit' }).click();
  const edit = page.getByRole('form', { name: `Edit ${name}` });
  await expect(edit.getByLabel('API secret')).toHaveValue('');
  await expect(edit.getByLabel('API key')).toHaveValue('');
  // Server and account are shown, not editable: payments are bound to them.
  await expect(edit.getByLabel('Base URL')).toHaveCount(0);
  await expect(edit.getByLabel('Account')).toHaveCount(0);
  await expect(edit.getByTestId('fixed-target')).toContainText(other.merchant.account);
  await expect(edit.getByTestId('fixed-target')).toContainText('cannot change');
  await edit.getByRole('button', { name: 'Cancel' }).click();
  await expect(card.getByTestId('same-account')).toHaveCount(0);

  // A second profile of the same account (another key, say): both cards say they are one
  // account, whose repeats and unsettled payouts are checked across them.
  await accounts.startAdding();
  await accounts.addCustom({
    name: 'Treasury staging, second key',
    baseUrl: other.baseUrl,
    account: other.merchant.account,
    key: other.merchant.key,
    secret: other.merchant.secret,
  });
  await expect(history.heading).toBeVisible();
  await shell.goTo('Accounts');
  await expect(card.getByTestId('same-account')).toHaveText(
    'Same Calypso account as “Treasury staging, second key”: they pay from one balance, and Payout Desk checks repeated and unsettled payouts across them.',
  );
  await expect(
    accounts.profile('Treasury staging, second key').getByTestId('same-account'),
  ).toContainText(`Same Calypso account as “${name}”`);
  await expect(
    accounts.profile('Simulator (not real money)').getByTestId('same-account'),
  ).toHaveCount(0);
  await shell.screenshot('accounts');

  await shell.switchProfile('Simulator (not real money)');
  await expect(shell.environmentBanner).toContainText('not real money');
});
