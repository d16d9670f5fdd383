import { expect, test } from '@playwright/test';
import { DESK_METHODS } from '../../shared/ipc';
import { startSimulator, type RunningSimulator } from '../../electron/simulator';
import { AccountsPage } from './pages/accounts-page';
import { AppShell } from './pages/app-shell';
import { HistoryPage } from './pages/history-page';
import { FAST_DELAYS, startTestHost, type TestHost } from './support/host';

let host: TestHost;

/** Reads the host's event stream for a while, as the page does. */
async function collectEvents(url: URL, token: string, forMs = 2500): Promise<string> {
  url.searchParams.set('token', token);
  const response = await fetch(url, { signal: AbortSignal.timeout(forMs) });
  let text = '';
  try {
    for await (const chunk of response.body ?? []) text += Buffer.from(chunk).toString('utf8');
  } catch {
    // The timeout ends the stream: what arrived until then is the sample.
  }
  return text;
}
let other: RunningSimulator;

test.beforeAll(async () => {
  host = await startTestHost();
  other = await startSimulator({ seed: 'demo', delays: FAST_DELAYS });
});

test.afterAll(async () => {
  await host.close();
  await other.close();
});

test('no DeskApi answer or event ever contains the secret', async ({ page }) => {
  const secret = other.merchant.secret;
  const answers: string[] = [];
  page.on('response', (response) => {
    if (new URL(response.url()).pathname !== '/api/call') return;
    void response.text().then((text) => answers.push(text));
  });
  const shell = new AppShell(page);
  const accounts = new AccountsPage(page);
  await shell.open(host.url);
  await shell.goTo('Accounts');
  await accounts.startAdding();
  await accounts.addCustom({
    name: 'Secret keeper',
    baseUrl: other.baseUrl,
    account: other.merchant.account,
    key: other.merchant.key,
    secret,
  });
  await new HistoryPage(page).waitForRows();

  // Main's events, read as the page reads them (SSE), while the calls below run.
  const token = (await page.locator('meta[name="desk-token"]').getAttribute('content')) ?? '';
  const events = collectEvents(new URL('/api/events', host.url), token);

  // Every read method, called from the page the way its bridge calls them.
  const texts = await page.evaluate(async (deskToken) => {
    const call = async (method: string, argument?: unknown) => {
      const response = await fetch('/api/call', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Desk-Token': deskToken },
        body: JSON.stringify({ method, argument }),
      });
      return response.text();
    };
    const listed = await call('listProfiles');
    const profiles = (JSON.parse(listed) as { value: { id: string; environment: string }[] }).value;
    const profileId = profiles.find((profile) => profile.environment === 'custom')?.id ?? '';
    const history = await call('queryHistory', { profileId, limit: 50 });
    const items = (JSON.parse(history) as { value: { items: { kind: string; id: string }[] } })
      .value.items;
    const single = items.find((item) => item.kind === 'single')?.id ?? '';
    const mass = items.find((item) => item.kind === 'mass')?.id ?? '';
    return {
      listProfiles: listed,
      queryHistory: history,
      checkConnection: await call('checkConnection', { profileId }),
      getSyncStatus: await call('getSyncStatus', { profileId }),
      syncNow: await call('syncNow', { profileId }),
      getPayoutDetails: await call('getPayoutDetails', { profileId, kind: 'single', id: single }),
      getMassDetails: await call('getPayoutDetails', { profileId, kind: 'mass', id: mass }),
      listWithdrawals: await call('listWithdrawals', { profileId, dealId: mass }),
      exportHistory: await call('exportHistory', { profileId }),
    };
  }, token);
  const storage = String(
    await page.evaluate('JSON.stringify({ ...localStorage, ...sessionStorage })'),
  );

  const readMethods = [
    'listProfiles',
    'queryHistory',
    'checkConnection',
    'getSyncStatus',
    'syncNow',
    'getPayoutDetails',
    'listWithdrawals',
    'exportHistory',
  ];
  expect(DESK_METHODS).toEqual(expect.arrayContaining(readMethods));
  for (const [method, text] of Object.entries(texts)) {
    expect(JSON.parse(text), method).toMatchObject({ ok: true });
    expect(text, method).not.toContain(secret);
  }
  const stream = await events;
  expect(stream).toContain('event: syncStatus');
  expect(stream).not.toContain(secret);
  expect(storage).not.toContain(secret);
  expect(answers.length).toBeGreaterThan(5);
  for (const answer of answers) expect(answer).not.toContain(secret);
  expect(await page.content()).not.toContain(secret);
});

test('the host refuses calls without the token or from another origin', async ({ request }) => {
  const origin = new URL(host.url).origin;
  const call = `${origin}/api/call`;
  const data = { method: 'listProfiles' };

  const noToken = await request.post(call, { data, headers: { Origin: origin } });
  expect(noToken.status()).toBe(403);

  const wrongToken = await request.post(call, {
    data,
    headers: { Origin: origin, 'X-Desk-Token': 'f'.repeat(64) },
  });
  expect(wrongToken.status()).toBe(403);

  const otherOrigin = await request.post(call, {
    data,
    headers: { Origin: 'http://evil.example', 'X-Desk-Token': host.host.token },
  });
  expect(otherOrigin.status()).toBe(403);

  const noOrigin = await request.post(call, { data, headers: { 'X-Desk-Token': host.host.token } });
  expect(noOrigin.status()).toBe(403);

  const events = await request.get(`${origin}/api/events`);
  expect(events.status()).toBe(403);

  const allowed = await request.post(call, {
    data,
    headers: { Origin: origin, 'X-Desk-Token': host.host.token },
  });
  expect(allowed.status()).toBe(200);
  expect(await allowed.json()).toMatchObject({ ok: true });
});
