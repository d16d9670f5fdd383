/** "What changed since the last run" on the draft screen, and "Repeat this run". */
import type { Locator, Page } from '@playwright/test';
import { savedFileOf, type SavedFile } from '../support/downloads';

export class RunDiffPanel {
  readonly panel: Locator;
  readonly counts: Locator;
  readonly baseline: Locator;
  readonly changes: Locator;
  readonly totals: Locator;
  readonly exportButton: Locator;
  readonly repeatButton: Locator;

  constructor(readonly page: Page) {
    this.panel = page.getByRole('region', { name: 'What changed since the last run' });
    this.counts = this.panel.getByTestId('run-diff-counts');
    this.baseline = this.panel.getByLabel('Compared with');
    this.changes = this.panel.getByRole('table', { name: 'Changes since the last run' });
    this.totals = this.panel.getByRole('table', { name: 'Totals compared' });
    this.exportButton = this.panel.getByRole('button', { name: 'Export changes (CSV)' });
    this.repeatButton = page.getByRole('button', { name: 'Repeat this run' });
  }

  /** The change listed for a recipient (address and kind: added, removed, changed). */
  change(kind: 'added' | 'removed' | 'changed', address: string): Locator {
    return this.changes.locator(`tr[data-kind="${kind}"][data-address="${address}"]`);
  }

  total(currency: string): Locator {
    return this.totals.locator(`tr[data-currency="${currency}"]`);
  }

  async exportChanges(): Promise<SavedFile> {
    return savedFileOf(this.page, () => this.exportButton.click());
  }
}
