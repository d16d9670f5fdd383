import { chromium, expect, test } from '@playwright/test';
import { DESK_METHODS } from '../../shared/ipc';
import { startSimulator, type RunningSimulator } from '../../electron/simulator';
import { AccountsPage } from './pages/accounts-page';
import { AppShell } from './pages/app-shell';
import { HistoryPage } from './pages/history-page';
import { FAST_DELAYS, startBrowserTestHost, type BrowserTestHost } from './support/host';
import { E2E_MODE } from './support/mode';

let host: BrowserTestHost;

/** Reads the host's event stream for a while, as the page does: a one-time ticket first. */
async function collectEvents(token: string, forMs = 2500): Promise<string> {
  const answer = await fetch(`${host.origin}/api/event-ticket`, {
    method: 'POST',
    headers: { Origin: host.origin, 'X-Desk-Token': token },
  });
  const { value } = (await answer.json()) as { value: { ticket: string } };
  const url = new URL('/api/events', host.origin);
  url.searchParams.set('ticket', value.ticket);
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

// The browser host's own defences (its token, origin and ticket checks): Electron has none
// of them; its IPC guards are checked by test/integration/main/boot.test.ts.
test.skip(E2E_MODE === 'electron', 'about the browser host, which the Electron app does not run');

test.beforeAll(async () => {
  host = await startBrowserTestHost();
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
  const token = host.host.token;
  const events = collectEvents(token);

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
    // The first sync may still be paging: wait until it has stored the whole history.
    for (let tries = 0; tries < 200; tries += 1) {
      const status = await call('getSyncStatus', { profileId });
      const synced = (JSON.parse(status) as { value: { state: string; lastSyncedAtMs: unknown } })
        .value;
      if (synced.state === 'idle' && synced.lastSyncedAtMs !== null) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const history = await call('queryHistory', { profileId, limit: 50 });
    // One of each kind, asked for by kind: the newest 50 items need not hold both kinds.
    const firstOf = async (kind: 'single' | 'mass') => {
      const text = await call('queryHistory', { profileId, kinds: [kind], limit: 1 });
      return (JSON.parse(text) as { value: { items: { id: string }[] } }).value.items[0]?.id;
    };
    const single = (await firstOf('single')) ?? '';
    const mass = (await firstOf('mass')) ?? '';
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
    expect(JSON.parse(text), `${method}: ${text.slice(0, 300)}`).toMatchObject({ ok: true });
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
  const origin = host.origin;
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

test('no served file carries the token: the page takes it from the fragment and hides it', async ({
  page,
}) => {
  const token = host.host.token;
  // Every file the page loads, as served (the HTML, its scripts and styles).
  const served: { url: string; body: string }[] = [];
  page.on('response', (response) => {
    const url = new URL(response.url());
    if (url.origin !== host.origin || url.pathname.startsWith('/api/')) return;
    void response.text().then((body) => served.push({ url: url.pathname, body }));
  });
  const shell = new AppShell(page);
  await shell.open(host.url);
  await expect.poll(() => served.some((file) => file.url.endsWith('.js'))).toBe(true);
  const html = await (await fetch(`${host.origin}/`)).text();
  const assets = [...html.matchAll(/(?:src|href)="\.?(\/[^"]+)"/g)].map((match) => match[1] ?? '');
  expect(assets.some((asset) => asset.endsWith('.js'))).toBe(true);
  for (const asset of ['/', '/index.html', ...assets]) {
    const body = await (await fetch(`${host.origin}${asset}`)).text();
    expect(body, asset).not.toContain(token);
    expect(body, asset).not.toContain('desk-token');
  }
  for (const file of served) expect(file.body, file.url).not.toContain(token);

  // Read once, kept for this tab, gone from the address bar and from the history entry.
  expect(page.url()).toBe(`${host.origin}/`);
  expect(await page.evaluate('sessionStorage.getItem("payout-desk.browser-host-token")')).toBe(
    token,
  );
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Payout Desk' })).toBeVisible();
  const afterReload = await page.evaluate(async () => {
    const response = await fetch('/api/call', {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        'X-Desk-Token': sessionStorage.getItem('payout-desk.browser-host-token') ?? '',
      },
      body: JSON.stringify({ method: 'listProfiles' }),
    });
    return response.status;
  });
  expect(afterReload).toBe(200);

  // Another tab opened on the bare address has no token and gets nothing.
  const bare = await page.context().newPage();
  await bare.goto(`${host.origin}/`);
  const refused = await bare.evaluate(async () => {
    const response = await fetch('/api/call', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ method: 'listProfiles' }),
    });
    return response.status;
  });
  expect(refused).toBe(403);
  await bare.close();
});

test('a rebound name and a hostile page get nothing, and cannot crash the host', async () => {
  const port = new URL(host.origin).port;
  // DNS rebinding, for real: Chromium resolves rebind.test to 127.0.0.1, as an attacker's DNS
  // would after the first lookup. The page is then "same origin" with whatever answers there.
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/lib/chromium/chromium',
    args: ['--headless', '--no-sandbox', '--host-resolver-rules=MAP rebind.test 127.0.0.1'],
  });
  try {
    const page = await browser.newPage();
    const response = await page.goto(`http://rebind.test:${port}/`);
    expect(response?.status()).toBe(421);
    const seen = await page.evaluate(async () => {
      const answers = await Promise.all(
        ['/', '/index.html', '/api/events', '/api/event-ticket'].map(async (path) => {
          const answer = await fetch(path, { method: path.endsWith('ticket') ? 'POST' : 'GET' });
          return `${answer.status} ${await answer.text()}`;
        }),
      );
      return answers;
    });
    for (const answer of seen) {
      expect(answer).toMatch(/^421 /);
      expect(answer).not.toContain(host.host.token);
      expect(answer).not.toContain('<script');
    }

    // A page elsewhere (here: the rebound name's own error page) plants the crashing URL.
    // (Written as text: the e2e specs are compiled without the DOM's types.)
    await page.evaluate(`new Promise((resolve) => {
      const image = document.createElement('img');
      image.onload = image.onerror = () => resolve();
      image.src = ${JSON.stringify(`${host.origin}/%E0%A4%A`)};
      document.body.append(image);
    })`);
  } finally {
    await browser.close();
  }
  const still = await fetch(`${host.origin}/`);
  expect(still.status).toBe(200);
});
