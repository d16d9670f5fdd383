// What a screen shows belongs to the profile and the thing it is about (issue 11, part 6): a
// result card, an export message and a refused-credentials box never show on another
// profile or draft, and a card follows its payout.
import { randomBytes } from 'node:crypto';
import { expect, test } from './support/fixtures';
import { encodeAddress } from '../../shared/address';
import type { DraftBatch } from '../../shared/drafts';
import type { DraftReview, DraftSummary, Profile } from '../../shared/ipc';
import { startSimulator, type RunningSimulator } from '../../electron/simulator';
import { AccountsPage } from './pages/accounts-page';
import { AppShell } from './pages/app-shell';
import { DetailsPanel } from './pages/details-panel';
import { DraftsPage } from './pages/drafts-page';
import { HistoryPage } from './pages/history-page';
import { NewPayoutPage } from './pages/new-payout-page';
import { savedFileOf } from './support/downloads';
import { FAST_DELAYS, startTestHost, type TestHost } from './support/host';

const SIMULATOR = 'Simulator (not real money)';
const OTHER = 'Merchant B';

let host: TestHost;
let other: RunningSimulator;

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

async function value<T>(method: Parameters<TestHost['call']>[0], argument: unknown): Promise<T> {
  const result = await host.call(method, argument);
  if (!result.ok) throw new Error(`${method}: ${result.error.message}`);
  return result.value as T;
}

/** A draft of the simulator profile, reviewed and submitted from another window of the app. */
async function submit(draft: DraftSummary): Promise<void> {
  const review = await value<DraftReview>('reviewDraft', { draftId: draft.id });
  await value('submitDraft', { draftId: draft.id, fingerprint: review.fingerprint });
}

/**
 * A submitted draft one of whose recipients failed, and the retry of its failed row, submitted
 * too: two drafts whose tracking panels the person moves between in place ("Retried in").
 */
async function draftAndItsRetry(name: string): Promise<DraftSummary> {
  const failing = tronAddress();
  host.simulator.failAddress(failing);
  const rows = [failing, tronAddress()].map((address, index) => ({
    line: index + 2,
    address,
    amount: '2.5',
    currency: 'TRX',
    comment: '',
  }));
  const draft = await value<DraftSummary>('createDraft', {
    profileId: 'simulator',
    name,
    decimalSeparator: '.',
    rows,
  });
  await submit(draft);
  await expect
    .poll(
      async () =>
        (await value<DraftBatch[]>('getDraftBatches', { draftId: draft.id }))[0]?.payoutState,
      { timeout: 30_000 },
    )
    .toBe('PARTIAL');
  // PARTIAL can be synced before the failed withdrawal is: ask until the failure is known
  // (a retry draft is made once however often it is asked).
  await expect
    .poll(async () => (await host.call('retryFailedRows', { draftId: draft.id })).ok, {
      timeout: 30_000,
    })
    .toBe(true);
  await submit(await value<DraftSummary>('retryFailedRows', { draftId: draft.id }));
  return draft;
}

test.beforeAll(async () => {
  host = await startTestHost();
  other = await startSimulator({ delays: FAST_DELAYS });
  await value<Profile>('addProfile', {
    name: OTHER,
    environment: 'custom',
    baseUrl: other.baseUrl,
    account: other.merchant.account,
    key: other.merchant.key,
    secret: other.merchant.secret,
  });
  await draftAndItsRetry('Scoped refunds');
});

test.afterAll(async () => {
  await host.close();
  await other.close();
});

test('a payout sent on one profile leaves no card on another', async ({ page }) => {
  const shell = new AppShell(page);
  const form = new NewPayoutPage(page);
  await shell.open(host.url);
  await shell.switchProfile(SIMULATOR);
  await shell.goTo('New payout');
  await form.fill({ currency: 'TRX', address: tronAddress(), amount: '12' });
  await form.review.click();
  await form.confirm.click();
  await expect(form.result).toContainText('Payout created');

  await shell.switchProfile(OTHER);
  await expect(page.getByRole('heading', { name: 'New payout' })).toBeVisible();
  await expect(form.result).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Open details' })).toHaveCount(0);
  await expect(form.form).toBeVisible();
  await expect(page.getByText(`From “${OTHER}”`)).toBeVisible();
});

test('a scheduled payout cancelled from its details: its card says cancelled', async ({ page }) => {
  const shell = new AppShell(page);
  const form = new NewPayoutPage(page);
  const details = new DetailsPanel(page);
  await shell.open(host.url);
  await shell.switchProfile(SIMULATOR);
  await shell.goTo('New payout');
  await form.fill({
    currency: 'TRX',
    address: tronAddress(),
    amount: '7',
    executionDate: localInput(Date.now() + 86_400_000),
  });
  await form.review.click();
  await form.confirm.click();
  await expect(form.result).toContainText('Approved, waiting to be sent');

  await form.openDetails();
  await details.cancel('Scheduled by mistake (scoped e2e)');
  await expect(details.state).toHaveText(/Cancelled/, { timeout: 15_000 });
  await details.close();

  await expect(form.result).toContainText('Cancelled');
  await expect(form.result).not.toContainText('CONFIRMED');
  await expect(form.result).not.toContainText('Approved, waiting to be sent');
});

test('an export message stays with its draft and its profile', async ({ page }) => {
  const shell = new AppShell(page);
  const drafts = new DraftsPage(page);
  const history = new HistoryPage(page);
  await shell.open(host.url);
  await shell.switchProfile(SIMULATOR);
  await drafts.openList();
  await drafts.openDraft('Scoped refunds');
  await savedFileOf(page, () => drafts.exportButton.click());
  await expect(drafts.tracking.getByRole('status')).toContainText('2 rows exported to');

  // The retry opens in place, in the same tracking panel: the message was not about it.
  await page.getByTestId('draft-retries').getByRole('button').click();
  await expect(drafts.parentLink).toContainText('Scoped refunds');
  await expect(drafts.exportButton).toBeVisible();
  await expect(page.getByText(/rows exported/)).toHaveCount(0);
  // Back on its own draft, the message is there again: it is that draft's.
  await drafts.parentLink.getByRole('button').click();
  await expect(drafts.tracking.getByRole('status')).toContainText('2 rows exported to');

  await shell.goTo('History');
  await history.waitForRows();
  await savedFileOf(page, () => page.getByRole('button', { name: 'Export CSV' }).click());
  await expect(page.getByText(/rows exported to/)).toBeVisible();
  await shell.switchProfile(OTHER);
  await expect(page.getByRole('heading', { name: 'History', exact: true })).toBeVisible();
  await expect(page.getByText(/rows exported/)).toHaveCount(0);
});

test('refused credentials: once the secret is fixed, the refusal is gone', async ({ page }) => {
  // Calypso support issued a new secret for the same key: the stored one is refused.
  const port = other.port;
  const { account, key } = other.merchant;
  await other.close();
  other = await startSimulator({ port, delays: FAST_DELAYS });
  const secret = other.addMerchant({ account, key }).secret;

  const shell = new AppShell(page);
  const accounts = new AccountsPage(page);
  await shell.open(host.url);
  await shell.goTo('Accounts');
  const card = await accounts.checkConnection(OTHER);
  await expect(card.getByRole('alert')).toContainText('Calypso refused the credentials');

  await card.getByRole('button', { name: 'Edit' }).click();
  const edit = page.getByRole('form', { name: `Edit ${OTHER}` });
  await edit.getByLabel('API secret').fill(secret);
  await edit.getByRole('button', { name: 'Save changes' }).click();
  await expect(edit).toHaveCount(0);

  await expect(card).toBeVisible();
  await expect(card.getByText('Calypso refused the credentials')).toHaveCount(0);
  await card.getByRole('button', { name: 'Check connection' }).click();
  await expect(card.getByRole('status')).toContainText('Connected.');
});
