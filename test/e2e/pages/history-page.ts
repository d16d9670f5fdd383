/** The history list: rows, counts, filters, search, sort and export. */
import { expect, type Locator, type Page } from '@playwright/test';
import { savedFileOf, type SavedFile } from '../support/downloads';

export class HistoryPage {
  readonly heading: Locator;
  readonly table: Locator;
  readonly rows: Locator;
  readonly count: Locator;
  readonly search: Locator;
  readonly exportButton: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { name: 'History', exact: true });
    this.table = page.getByRole('table', { name: 'Payout history' });
    // Data rows carry their payout id; the header row and placeholders do not.
    this.rows = this.table.locator('[role="row"][data-id]');
    this.count = page.getByTestId('history-count');
    this.search = page.getByRole('searchbox', { name: 'Search' });
    this.exportButton = page.getByRole('button', { name: 'Export CSV' });
  }

  async waitForRows(): Promise<void> {
    await expect(this.rows.first()).toBeVisible({ timeout: 20_000 });
  }

  /** The number in "1,234 payouts (match)". */
  async total(): Promise<number> {
    await expect(this.count).toHaveText(/^[\d,]+ payouts?/);
    const text = (await this.count.textContent()) ?? '';
    return Number(text.replace(/[^\d]/g, ''));
  }

  row(id: string): Locator {
    return this.table.locator(`[role="row"][data-id="${id}"]`);
  }

  async visibleIds(): Promise<string[]> {
    const rows = await this.rows.all();
    return Promise.all(rows.map(async (row) => (await row.getAttribute('data-id')) ?? ''));
  }

  async filter(label: 'Type' | 'State' | 'Currency', option: string): Promise<void> {
    await this.page
      .getByRole('form', { name: 'Filters' })
      .getByLabel(label, { exact: true })
      .selectOption({ label: option });
  }

  async sortBy(column: 'Date' | 'Amount' | 'State' | 'Currency'): Promise<void> {
    await this.table.getByRole('button', { name: column }).click();
  }

  columnHeader(column: string): Locator {
    return this.table.getByRole('columnheader', { name: column });
  }

  async open(id: string): Promise<void> {
    await this.row(id).click();
  }

  async exportCsv(): Promise<SavedFile> {
    return savedFileOf(this.page, () => this.exportButton.click());
  }
}
