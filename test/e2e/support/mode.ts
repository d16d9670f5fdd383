/**
 * Where the e2e specs run the app (docs/e2e.md): `PAYOUT_DESK_E2E=electron` drives the built
 * Electron app through Playwright's `_electron`; anything else (the default) the browser
 * host in Chromium.
 */
const requested = process.env.PAYOUT_DESK_E2E ?? 'browser';
if (requested !== 'browser' && requested !== 'electron') {
  throw new Error(`PAYOUT_DESK_E2E must be "browser" or "electron"; it is "${requested}".`);
}

export const E2E_MODE: 'browser' | 'electron' = requested;
