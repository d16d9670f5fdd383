// Maker-checker approvals through the UI (docs/approvals.md): three people on one desk each
// create an approver key, the account's policy asks 2 of 3 above 1 TRX, Submit stays
// disabled with the reason, the preparer (Alice) exports an approval request, Bob opens the
// request file, sees the same payments and signs it, the signed file comes back and is
// imported, Carol approves in turn with her own key, and only then is the draft submitted.
// Alice's own approval is refused. Real parts: the desk, its simulator, SQLite, the keyring.
import { readFileSync } from 'node:fs';
import { expect, test } from './support/fixtures';
import type { DraftSummary } from '../../shared/drafts';
import type { DeskResult } from '../../shared/ipc';
import { testAddress } from '../support/addresses';
import { AppShell } from './pages/app-shell';
import { DraftsPage } from './pages/drafts-page';
import { savedFileOf } from './support/downloads';
import { startTestHost, type TestHost } from './support/host';

let host: TestHost;

test.beforeAll(async () => {
  host = await startTestHost({ seed: 'none' });
});

test.afterAll(async () => {
  await host.close();
});

test('a draft above the threshold is submitted after two approvers sign it', async ({ page }) => {
  const shell = new AppShell(page);
  const drafts = new DraftsPage(page);
  await shell.open(host.url);

  // Three people, three keys, each in this computer's keychain.
  await shell.goTo('Accounts');
  const keysCard = page.getByRole('region', { name: 'Approver keys on this desk' });
  for (const name of ['Alice', 'Bob', 'Carol']) {
    await keysCard.getByLabel('Your name').fill(name);
    await keysCard.getByRole('button', { name: 'Create my approver key' }).click();
    await expect(keysCard.getByTestId('approver-key').filter({ hasText: name })).toBeVisible();
  }
  const publicKeys = new Map<string, string>();
  for (const name of ['Alice', 'Bob', 'Carol']) {
    const text = await keysCard
      .getByTestId('approver-key')
      .filter({ hasText: name })
      .locator('code')
      .innerText();
    publicKeys.set(name, text.trim());
  }

  // The active (simulator) profile's policy: 2 of 3, TRX above 1.
  const policy = page
    .getByRole('form', { name: 'Approval policy' })
    .or(page.getByRole('region', { name: 'Approval policy' }));
  await policy.getByRole('button', { name: 'Require approvals' }).click();
  const approvers = policy.getByTestId('policy-approver');
  for (const [index, name] of ['Alice', 'Bob', 'Carol'].entries()) {
    if (index > 0) await policy.getByRole('button', { name: 'Add an approver' }).click();
    await approvers.nth(index).getByLabel('Name').fill(name);
    await approvers
      .nth(index)
      .getByLabel('Public key')
      .fill(publicKeys.get(name) ?? '');
  }
  await policy.getByLabel(/Approvals needed/).fill('2');
  await policy.getByRole('button', { name: 'Add a threshold' }).click();
  await policy.getByTestId('policy-threshold').getByLabel('Currency').fill('TRX');
  await policy.getByTestId('policy-threshold').getByLabel('Above').fill('1');
  await shell.screenshot('approvals-policy-form');
  await policy.getByRole('button', { name: 'Save the approval policy' }).click();
  await expect(page.getByTestId('policy-summary')).toContainText(
    '2 of 3 approvers (Alice, Bob, Carol)',
  );

  // A draft of 3 TRX, made in another window.
  const created = (await host.call('createDraft', {
    profileId: 'simulator',
    name: 'Contractors December',
    decimalSeparator: '.',
    rows: [1, 2].map((n) => ({
      line: n + 1,
      address: testAddress('tron', 31_000 + n),
      amount: '1.5',
      currency: 'TRX',
      comment: `Invoice ${n}`,
    })),
  })) as DeskResult<DraftSummary>;
  expect(created.ok).toBe(true);

  await drafts.openList();
  await drafts.openDraft('Contractors December');
  await drafts.reviewButton.click();
  const approvals = drafts.review.getByRole('region', { name: /^Approvals/ });
  await expect(approvals.getByTestId('approvals-count')).toHaveText('Approvals: 0 of 2');
  await expect(drafts.submitButton).toBeDisabled();
  await expect(drafts.review.getByTestId('submit-blocked')).toContainText('needs 2 of 3 approvals');

  // Alice, the preparer, exports the request.
  await approvals.getByLabel('Whose key').selectOption({ label: 'Alice' });
  const request = await savedFileOf(page, () =>
    approvals.getByRole('button', { name: 'Export approval request' }).click(),
  );
  expect(request.suggestedFilename()).toBe('approval-request-Contractors_December.json');
  await expect(approvals.getByTestId('approvals-preparer')).toContainText('Prepared by Alice');
  const requestJson = readFileSync(await request.path(), 'utf8');

  // Alice cannot approve her own draft.
  await approvals.getByRole('button', { name: 'Approve with my key' }).click();
  await expect(approvals.getByRole('alert')).toContainText(
    'a preparer never approves their own draft',
  );
  await expect(approvals.getByTestId('approvals-count')).toHaveText('Approvals: 0 of 2');

  // Bob opens the request, sees the same payments, and signs.
  await shell.goTo('Accounts');
  const signer = page.getByRole('region', { name: 'Approve a request' });
  await signer.getByLabel('Open an approval request').setInputFiles({
    name: request.suggestedFilename(),
    mimeType: 'application/json',
    buffer: Buffer.from(requestJson),
  });
  const reviewed = signer.getByTestId('request-review');
  await expect(reviewed).toContainText('prepared by Alice');
  await expect(reviewed.getByRole('table', { name: 'Totals to approve' })).toContainText('3');
  await expect(
    reviewed.getByRole('table', { name: 'Payments to approve' }).locator('tbody tr'),
  ).toHaveCount(2);
  await signer.getByLabel('Sign as').selectOption({ label: 'Bob' });
  await signer.screenshot({ path: 'test-results/screenshots/approvals-request.png' });
  const signed = await savedFileOf(page, () =>
    signer.getByRole('button', { name: 'Approve and save the signed file' }).click(),
  );
  await expect(signer.getByTestId('approval-signed')).toContainText('Send');
  const signedJson = readFileSync(await signed.path(), 'utf8');

  // Back in the draft: Bob's signed file is imported, Carol approves on this desk.
  await drafts.openList();
  await drafts.openDraft('Contractors December');
  await drafts.reviewButton.click();
  await expect(approvals.getByTestId('approvals-count')).toHaveText('Approvals: 0 of 2');
  await approvals.getByLabel('Import approval file').setInputFiles({
    name: signed.suggestedFilename(),
    mimeType: 'application/json',
    buffer: Buffer.from(signedJson),
  });
  await expect(approvals.getByTestId('approvals-count')).toHaveText('Approvals: 1 of 2');
  await expect(approvals.getByTestId('approvals-counted')).toHaveText('Approved by Bob.');
  await expect(drafts.submitButton).toBeDisabled();

  await approvals.getByLabel('Whose key').selectOption({ label: 'Carol' });
  await approvals.getByRole('button', { name: 'Approve with my key' }).click();
  await expect(approvals.getByTestId('approvals-count')).toHaveText('Approvals: 2 of 2');
  await expect(drafts.review.getByTestId('submit-blocked')).toHaveCount(0);
  await shell.screenshot('approvals-met');

  const before = host.simulator.countPayouts();
  await expect(drafts.submitButton).toBeEnabled();
  await drafts.submitButton.click();
  await expect(drafts.tracking).toBeVisible({ timeout: 20_000 });
  await expect(drafts.batches).toHaveCount(1);
  expect(host.simulator.countPayouts()).toBe(before + 1);
});
