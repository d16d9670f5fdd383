// The browser host's guards, over real HTTP: the token, the page's own origin, and that no
// answer ever carries a stored secret.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBrowserHost, type RunningBrowserHost } from '../../../electron/browser-host/server';

let host: RunningBrowserHost;
let dataDir: string;
let rendererDir: string;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'payout-desk-host-'));
  // A stand-in page: this test is about the API, not the UI bundle.
  rendererDir = mkdtempSync(join(tmpdir(), 'payout-desk-renderer-'));
  writeFileSync(join(rendererDir, 'index.html'), '<html><head></head><body>app</body></html>');
  host = await startBrowserHost({ rendererDir, desk: { dataDir, sync: { startOnOpen: false } } });
});

afterAll(async () => {
  await host.close();
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(rendererDir, { recursive: true, force: true });
});

function call(method: string, argument: unknown, headers: Record<string, string>) {
  return fetch(`${host.url}api/call`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify({ method, argument }),
  });
}

const origin = () => host.url.replace(/\/$/, '');

describe('browser host API', () => {
  it('listens on 127.0.0.1 only', () => {
    expect(new URL(host.url).hostname).toBe('127.0.0.1');
  });

  it('hands the per-run token to its own page in a meta tag, with a strict CSP', async () => {
    const response = await fetch(host.url);
    expect(await response.text()).toContain(`<meta name="desk-token" content="${host.token}" />`);
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
  });

  it('answers a call with the token from the page origin', async () => {
    const response = await call('listProfiles', undefined, {
      Origin: origin(),
      'X-Desk-Token': host.token,
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { ok: boolean; value: { id: string }[] };
    expect(body.ok).toBe(true);
    expect(body.value.map((profile) => profile.id)).toContain('simulator');
  });

  it('refuses a call without the token', async () => {
    const response = await call('listProfiles', undefined, { Origin: origin() });
    expect(response.status).toBe(403);
  });

  it('refuses a call with a wrong token', async () => {
    const response = await call('listProfiles', undefined, {
      Origin: origin(),
      'X-Desk-Token': '0'.repeat(64),
    });
    expect(response.status).toBe(403);
  });

  it('refuses a call from another origin even with the token', async () => {
    const response = await call('listProfiles', undefined, {
      Origin: 'http://evil.example',
      'X-Desk-Token': host.token,
    });
    expect(response.status).toBe(403);
  });

  it('refuses the event stream without the token', async () => {
    const response = await fetch(`${host.url}api/events`);
    expect(response.status).toBe(403);
  });

  it('validates arguments behind the gate', async () => {
    const response = await call(
      'queryHistory',
      { profileId: 'simulator', limit: 'all' },
      { Origin: origin(), 'X-Desk-Token': host.token },
    );
    const body = (await response.json()) as {
      ok: boolean;
      error: { code: string; message: string };
    };
    expect(body).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(body.error.message).toMatch(/^queryHistory: limit/);
  });

  it('never returns the built-in simulator secret', async () => {
    const secret = host.desk.simulator?.merchant.secret ?? 'missing';
    const headers = { Origin: origin(), 'X-Desk-Token': host.token };
    const bodies = await Promise.all([
      call('listProfiles', undefined, headers).then((r) => r.text()),
      call('checkConnection', { profileId: 'simulator' }, headers).then((r) => r.text()),
      call('syncNow', { profileId: 'simulator' }, headers).then((r) => r.text()),
      call('queryHistory', { profileId: 'simulator' }, headers).then((r) => r.text()),
    ]);
    for (const body of bodies) expect(body).not.toContain(secret);
  });
});
