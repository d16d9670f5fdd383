import { randomBytes } from 'node:crypto';
import { expect, test } from './support/fixtures';
import { encodeAddress } from '../../shared/address';
import { AppShell } from './pages/app-shell';
import { DetailsPanel } from './pages/details-panel';
import { HistoryPage } from './pages/history-page';
import { NewPayoutPage } from './pages/new-payout-page';
import { startTestHost, type TestHost } from './support/host';

let host: TestHost;

test.beforeAll(async () => {
  host = await startTestHost();
});

test.afterAll(async () => {
  await host.close();
});

function tronAddress(): string {
  return encodeAddress('tron', randomBytes(20));
}

/** `YYYY-MM-DDTHH:mm` in the browser's (= this machine's) local time. */
function localInput(ms: number): string {
  const date = new Date(ms);
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(
    date.getHours(),
  )}:${pad(date.getMinutes())}`;
}

test('the form checks address and amount live, with the rules main applies', async ({ page }) => {
  const shell = new AppShell(page);
  const form = new NewPayoutPage(page);
  await shell.open(host.url);
  await shell.goTo('New payout');
  await form.currency.selectOption('USDT_TRX');
  await form.address.fill('0x52908400098527886E0F7030069857D2E4169EE7');
  await expect(
    form.form.getByText(/looks like a .* address, but the currency is paid on Tron/),
  ).toBeVisible();
  await form.amount.fill('1.1234567');
  await expect(form.form.getByText('USDT_TRX allows at most 6 decimals')).toBeVisible();
  await form.address.fill(tronAddress());
  await expect(form.form.getByText('Valid Tron address.')).toBeVisible();
  await form.amount.fill('1.123456');
  await expect(form.form.getByRole('alert')).toHaveCount(0);
});

test('a single payout is confirmed once and followed until it is delivered', async ({ page }) => {
  const shell = new AppShell(page);
  const form = new NewPayoutPage(page);
  const details = new DetailsPanel(page);
  const address = tronAddress();
  await shell.open(host.url);
  await shell.goTo('New payout');
  await form.fill({
    currency: 'USDT_TRX',
    address,
    amount: '1234.567891',
    comment: 'E2E invoice 42',
  });
  await shell.screenshot('new-payout');
  await form.review.click();

  await expect(form.confirmation).toBeVisible();
  await expect(form.confirmation).toContainText('1234.567891');
  await expect(form.confirmation).toContainText('USDT_TRX');
  await expect(form.confirmation).toContainText('Tron');
  await expect(form.confirmation).toContainText(address);
  // What leaves the account: amount, fee estimate (or "unknown"), total debit, balances.
  await expect(form.confirmation.getByTestId('confirm-debit')).toContainText('Total debit');
  await expect(form.confirmation.getByTestId('confirm-debit')).toContainText('Balance after');
  await expect(form.confirmation.getByTestId('confirm-environment')).toHaveText(
    /Simulator \(not real money\) · simulator — not real money/,
  );
  // Exactly what main will sign, as main built it (previewPayout), with its payload hash.
  const signed = form.confirmation.getByTestId('signed-payload');
  await expect(signed).toContainText(address);
  await expect(signed).toContainText('1234.567891');
  await expect(signed).toContainText('idempotencyKey');
  await expect(signed).toContainText('E2E invoice 42');
  await expect(signed).toContainText(/Payload hash [0-9a-f]{64}/);
  await expect(form.confirmation.getByTestId('confirm-account')).toContainText(
    host.simulator.merchant.account,
  );
  await shell.screenshot('confirmation');

  const before = host.simulator.countPayouts();
  await form.confirm.dblclick();
  await expect(form.result).toContainText('Payout created');
  expect(host.simulator.countPayouts()).toBe(before + 1);

  await form.openDetails();
  await expect(details.root).toContainText(address);
  await expect(details.state).toHaveText(/Delivered/, { timeout: 20_000 });
  await expect(details.root.getByTestId('transaction-hash')).not.toBeEmpty();
  await expect(details.root.getByRole('button', { name: 'Copy transaction hash' })).toBeVisible();
  await expect(details.serverFields.getByText('E2E invoice 42')).toBeVisible();
  await expect(shell.toasts).toContainText('Delivered');

  await shell.goTo('History');
  const history = new HistoryPage(page);
  await history.search.fill(address.slice(4, 16));
  await expect(history.rows).toHaveCount(1);
  await expect(history.rows.first()).toContainText('Delivered');
});

test('the confirmation checks the address against what this account paid before', async ({
  page,
}) => {
  const shell = new AppShell(page);
  const form = new NewPayoutPage(page);
  await shell.open(host.url);
  await shell.goTo('New payout');
  await form.fill({ currency: 'USDT_TRX', address: tronAddress(), amount: '5' });
  await form.review.click();
  const risks = form.confirmation.getByTestId('address-risks');
  await expect(risks.locator('[data-code="ADDRESS_FIRST_PAYMENT"]')).toContainText(
    'This account has never paid this address.',
  );
  // A warning asks for a look; it does not stop the payout.
  await expect(form.confirm).toBeEnabled();
  await form.confirmation.getByRole('button', { name: 'Back to edit' }).click();

  // The Tether contract itself, pasted from a block explorer: nobody can receive there.
  await form.address.fill('TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t');
  await form.review.click();
  await expect(risks.locator('[data-code="ADDRESS_IS_CONTRACT"]')).toContainText(
    'This is the contract address of Tether (USDT), not a wallet: a payout sent there is lost.',
  );
  await expect(form.confirm).toBeDisabled();
  await shell.screenshot('confirmation-token-contract');
});

test('a scheduled payout can be cancelled with a reason', async ({ page }) => {
  const shell = new AppShell(page);
  const form = new NewPayoutPage(page);
  const details = new DetailsPanel(page);
  await shell.open(host.url);
  await shell.goTo('New payout');
  await form.fill({
    currency: 'TRX',
    address: tronAddress(),
    amount: '50',
    executionDate: localInput(Date.now() + 86_400_000),
  });
  await form.review.click();
  await expect(form.confirmation).toContainText('TRX');
  await form.confirm.click();
  await expect(form.result).toContainText('Payout created');
  await form.openDetails();
  await expect(details.state).toHaveText(/Approved, waiting to be sent/);

  await details.cancel('Scheduled by mistake (e2e)');
  await expect(details.state).toHaveText(/Cancelled/, { timeout: 15_000 });
  await expect(details.root.getByRole('heading', { name: 'Cancellation' })).toBeVisible();
  await expect(details.root.getByText('Scheduled by mistake (e2e)').first()).toBeVisible();
  await expect(details.root.getByRole('button', { name: 'Cancel this payout' })).toHaveCount(0);
});

test('an unanswered submission says so; "Check again" creates it exactly once', async ({
  page,
}) => {
  const shell = new AppShell(page);
  const form = new NewPayoutPage(page);
  await shell.open(host.url);
  await shell.goTo('New payout');
  await form.fill({ currency: 'USDT_TRX', address: tronAddress(), amount: '7.5' });
  await form.review.click();
  await expect(form.confirmation).toBeVisible();

  const before = host.simulator.countPayouts();
  host.simulator.setFaults({ errorRate: 1 });
  try {
    await form.confirm.click();
    await expect(form.result).toContainText('waiting for Calypso', { timeout: 20_000 });
    expect(host.simulator.countPayouts()).toBe(before);
  } finally {
    host.simulator.setFaults({ errorRate: 0 });
  }
  await form.result.getByRole('button', { name: 'Check again' }).click();
  await expect(form.result).toContainText('Payout created', { timeout: 15_000 });
  expect(host.simulator.countPayouts()).toBe(before + 1);

  // Back on the form, nothing typed before is lost for the next payout's currency.
  await form.result.getByRole('button', { name: 'New payout' }).click();
  await expect(form.currency).toHaveValue('USDT_TRX');
});

test('a payout beyond the balance is "Short" before sending, and refused naming the balance', async ({
  page,
}) => {
  // The simulator debits what it accepts; its control API sets the balance (amount as text).
  const setBalance = async (amount: string) => {
    const response = await fetch(`${host.simulator.baseUrl}/__simulator/balances`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ currency: 'USDT_TRX', amount }),
    });
    expect(response.status).toBe(200);
  };
  const shell = new AppShell(page);
  const form = new NewPayoutPage(page);
  await setBalance('3');
  try {
    await shell.open(host.url);
    await shell.goTo('New payout');
    await form.fill({ currency: 'USDT_TRX', address: tronAddress(), amount: '5' });
    await form.review.click();
    const debit = form.confirmation.getByTestId('confirm-debit');
    await expect(debit.getByTestId('confirm-short')).toContainText('Not enough funds');
    await expect(debit.locator('tr[data-currency="USDT_TRX"]')).toContainText('Short');
    await shell.screenshot('payout-short');

    // Sent anyway: Calypso refuses it, and the person reads why, with nothing created.
    const before = host.simulator.countPayouts();
    await form.confirm.click();
    await expect(form.confirmation).toContainText(
      'Insufficient funds: the USDT_TRX balance is 3, and this payout needs 5.025 (5 plus the Calypso fee 0.025).',
    );
    expect(host.simulator.countPayouts()).toBe(before);
  } finally {
    await setBalance('4200000.33');
  }
});

test('a payout that cannot reach Calypso says "Not sent" and can be cancelled', async ({
  page,
}) => {
  const shell = new AppShell(page);
  const form = new NewPayoutPage(page);
  await shell.open(host.url);
  await shell.goTo('New payout');
  await form.fill({ currency: 'USDT_TRX', address: tronAddress(), amount: '9.25' });
  await form.review.click();
  await expect(form.confirmation.getByTestId('signed-payload')).toContainText('9.25');
  // Calypso is gone: every connection is refused, so nothing can have been sent.
  await host.simulator.close();
  await form.confirm.click();
  await expect(form.result).toContainText('Not sent', { timeout: 20_000 });
  await expect(form.result).toContainText(
    'Payout Desk could not reach Calypso, so nothing was sent. It will send it when the connection returns, unless you cancel it.',
  );
  await shell.screenshot('payout-not-sent');
  await form.result.getByRole('button', { name: 'Cancel this payout' }).click();
  await expect(form.result).toContainText('Cancelled before sending');
  await expect(form.result.getByRole('button', { name: 'Cancel this payout' })).toHaveCount(0);
});
