/**
 * The `test` every spec imports. With the browser host (the default) it is Playwright's own:
 * a fresh Chromium page per test. With PAYOUT_DESK_E2E=electron, `page` and `context` are
 * the window and session of the Electron app the spec file's startTestHost launched, so the
 * specs and their page objects are the same in both modes (docs/e2e.md).
 */
import { test as base } from '@playwright/test';
import { electronWindow } from './electron-host';
import { E2E_MODE } from './mode';

export { expect } from '@playwright/test';
export { E2E_MODE } from './mode';

export const test =
  E2E_MODE === 'electron'
    ? base.extend({
        // Neither depends on the built-in browser fixtures: no Chromium is launched.
        // eslint-disable-next-line no-empty-pattern
        page: async ({}, use) => {
          await use(electronWindow().window);
        },
        // eslint-disable-next-line no-empty-pattern
        context: async ({}, use) => {
          await use(electronWindow().app.context());
        },
      })
    : base;
