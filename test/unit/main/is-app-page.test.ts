import { describe, expect, it } from 'vitest';
import { isAppPage } from '../../../electron/main/app-page';

describe('isAppPage (which pages may call main and be navigated to)', () => {
  const appUrl = 'file:///opt/Payout%20Desk/resources/app.asar/out/renderer/index.html';

  it('accepts the app page itself, with a hash or a query', () => {
    expect(isAppPage(appUrl, appUrl)).toBe(true);
    expect(isAppPage(`${appUrl}#/history`, appUrl)).toBe(true);
  });

  it('refuses other files, other hosts and other schemes', () => {
    expect(isAppPage('file:///etc/passwd', appUrl)).toBe(false);
    expect(isAppPage('https://evil.example/index.html', appUrl)).toBe(false);
    expect(isAppPage('http://127.0.0.1:5173/', 'http://localhost:5173/')).toBe(false);
    expect(isAppPage('not a url', appUrl)).toBe(false);
  });
});
