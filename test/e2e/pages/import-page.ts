/** The import screen: file input, how the file was read, counts, mapping and "Create draft". */
import { expect, type Locator, type Page } from '@playwright/test';
import { savedFileOf, type SavedFile } from '../support/downloads';

export type VerdictCounts = { ok: number; warning: number; error: number };

export class ImportPage {
  readonly heading: Locator;
  readonly fileInput: Locator;
  readonly summary: Locator;
  readonly mappingSource: Locator;
  readonly draftName: Locator;
  readonly createDraftButton: Locator;
  readonly templateButton: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { name: 'Import a payout file' });
    this.fileInput = page.getByLabel('Payout file', { exact: true });
    // Titled "<file name>: <n> rows".
    this.summary = page.getByRole('region', { name: /: [\d,]+ rows?$/ });
    this.mappingSource = page.getByTestId('mapping-source');
    this.draftName = page.getByLabel('Draft name');
    this.createDraftButton = page.getByRole('button', { name: 'Create draft' });
    this.templateButton = page.getByRole('button', { name: 'Download template' });
  }

  async open(): Promise<void> {
    await this.page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('button', { name: 'Import file', exact: true })
      .click();
    await expect(this.heading).toBeVisible();
  }

  /** Chooses a file through the file input, as a person would. */
  async choose(name: string, content: string | Buffer, mimeType = 'text/csv'): Promise<void> {
    await this.fileInput.setInputFiles({
      name,
      mimeType,
      buffer: typeof content === 'string' ? Buffer.from(content, 'utf8') : content,
    });
    await expect(this.summary).toBeVisible({ timeout: 20_000 });
    await expect(this.page.getByTestId('import-status')).toHaveCount(0, { timeout: 20_000 });
  }

  async counts(): Promise<VerdictCounts> {
    const read = async (verdict: keyof VerdictCounts) =>
      Number(
        ((await this.page.getByTestId(`import-count-${verdict}`).textContent()) ?? '').replace(
          /[^\d]/g,
          '',
        ),
      );
    return { ok: await read('ok'), warning: await read('warning'), error: await read('error') };
  }

  /** A workbook's sheet picker (shown when it has several sheets). */
  get sheet(): Locator {
    return this.summary.getByLabel('Sheet', { exact: true });
  }

  column(role: 'Address' | 'Amount' | 'Currency' | 'Comment' | 'Recipient name'): Locator {
    return this.summary.getByLabel(`${role} column`);
  }

  async createDraft(name?: string): Promise<void> {
    if (name !== undefined) await this.draftName.fill(name);
    await this.createDraftButton.click();
  }

  async downloadTemplate(): Promise<SavedFile> {
    return savedFileOf(this.page, () => this.templateButton.click());
  }
}
