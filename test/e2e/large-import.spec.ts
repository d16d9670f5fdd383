/**
 * Large files through the UI (docs/import.md): a file of more rows than one page becomes a
 * draft through the paged import (startDraftImport, appendDraftImportRows, finishDraftImport),
 * and a file just over the draft limit is refused with one sentence naming its row count and
 * the limit. The 1,000,000-row figures are a bench (bench/import-large-bench.ts), not a test.
 */
import { expect, test } from './support/fixtures';
import { testAddress } from '../support/addresses';
import { AppShell } from './pages/app-shell';
import { DraftsPage } from './pages/drafts-page';
import { ImportPage } from './pages/import-page';
import { startTestHost, type TestHost } from './support/host';

let host: TestHost;

test.beforeAll(async () => {
  host = await startTestHost({ seed: 'none' });
});

test.afterAll(async () => {
  await host.close();
});

test('a file of more rows than one page becomes a draft, sent in pages', async ({ page }) => {
  const shell = new AppShell(page);
  const importer = new ImportPage(page);
  const drafts = new DraftsPage(page);
  // Over 8 MiB (long notes in two columns the mapping leaves out, each cell within the 500
  // characters a draft keeps of another column), so the page reads it in its import worker
  // and sends the rows in pages; a smaller file is read by the desk itself.
  const notes = 'n'.repeat(400);
  const lines = ['address,amount,currency,comment,notes,more notes'];
  for (let n = 0; n < 10_050; n += 1) {
    lines.push(
      `${testAddress('tron', 40_000 + n)},${(n % 90) + 1}.5,USDT_TRX,Row ${n},${notes},${notes}`,
    );
  }
  expect(lines.join('\n').length).toBeGreaterThan(8 * 1024 * 1024);
  await shell.open(host.url);
  await importer.open();
  // The rows-checked bar shows while the worker reads; it may be brief, so the page itself
  // notes whether it ever appeared.
  // (As text: the e2e project has no DOM types.)
  await page.evaluate(`new MutationObserver(() => {
    if (document.querySelector('[data-testid="import-progress"] progress')) {
      window.sawImportProgress = true;
    }
  }).observe(document.body, { childList: true, subtree: true })`);
  await importer.choose('paged.csv', `${lines.join('\n')}\n`);
  expect(await page.evaluate('window.sawImportProgress === true')).toBe(true);
  // The page's worker reads with the account's history (getImportHistory), so the screen
  // counts the first-payment warnings (issue 12) the draft will have: the counts agree.
  expect(await importer.counts()).toEqual({ ok: 0, warning: 10_050, error: 0 });
  // The worker checks 0x addresses with hash-wasm's Keccak (shared/keccak256.ts): the page's
  // policy must let that worker compile WebAssembly, or it falls back to the slower noble.
  const worker = page.workers().find((candidate) => candidate.url().includes('import-worker'));
  expect(worker).toBeDefined();
  expect(
    await worker?.evaluate(
      'WebAssembly.compile(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0])).then(() => "compiled", (error) => String(error))',
    ),
  ).toBe('compiled');
  // The page itself enforces its meta policy too, which lacks 'wasm-unsafe-eval'.
  expect(
    await page.evaluate(
      'WebAssembly.compile(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0])).then(() => "compiled", () => "refused")',
    ),
  ).toBe('refused');
  await importer.createDraft('Paged (e2e)');
  await expect(drafts.counts).toHaveText('10,050 rows: 0 OK, 10,050 warnings, 0 errors', {
    timeout: 30_000,
  });
});

test('a file just over the draft limit is refused with one sentence', async ({ page }) => {
  const shell = new AppShell(page);
  const importer = new ImportPage(page);
  // 1,000,001 rows of 8 bytes: the limit is counted before any row is validated.
  const content = `address,amount,currency\n${'x,1,TRX\n'.repeat(1_000_001)}`;
  await shell.open(host.url);
  await importer.open();
  await importer.fileInput.setInputFiles({
    name: 'too-large.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(content, 'utf8'),
  });
  const problems = page.getByLabel('Problems with the file');
  await expect(problems).toContainText(
    'This file has 1,000,001 rows; a draft holds at most 1,000,000. Split the file into parts of at most 1,000,000 rows and import each part as a draft of its own.',
    { timeout: 30_000 },
  );
  await expect(problems).not.toContainText('<=');
  await expect(importer.createDraftButton).toBeDisabled();
});
