/**
 * A file the page hands to the download machinery, in both e2e modes (docs/e2e.md). In the
 * browser it is Playwright's Download. Playwright sees no downloads in Electron, so there
 * main saves them into the run's download folder (PAYOUT_DESK_DOWNLOAD_DIR) and this waits
 * for the new finished file in it.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { electronDownloadDir } from './electron-host';
import { E2E_MODE } from './mode';

export type SavedFile = { suggestedFilename(): string; path(): Promise<string> };

// Chromium writes to "<name>.crdownload" and renames it once the file is complete.
const finished = (dir: string) =>
  existsSync(dir) ? readdirSync(dir).filter((name) => !name.endsWith('.crdownload')) : [];

export async function savedFileOf(page: Page, trigger: () => Promise<void>): Promise<SavedFile> {
  if (E2E_MODE !== 'electron') {
    const download = page.waitForEvent('download');
    await trigger();
    return download;
  }
  const dir = electronDownloadDir();
  const before = new Set(finished(dir));
  await trigger();
  for (let waited = 0; waited < 30_000; waited += 100) {
    const name = finished(dir).find((file) => !before.has(file));
    if (name)
      return { suggestedFilename: () => name, path: () => Promise.resolve(join(dir, name)) };
    await page.waitForTimeout(100);
  }
  throw new Error(`no file was saved into ${dir} within 30 s of the click`);
}
