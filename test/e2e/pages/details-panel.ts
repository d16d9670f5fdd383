/** The details drawer of one payout. */
import type { Locator, Page } from '@playwright/test';

export class DetailsPanel {
  readonly root: Locator;
  readonly state: Locator;
  readonly recipients: Locator;
  readonly serverFields: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByRole('dialog');
    this.state = this.root.getByRole('region', { name: 'Summary' }).locator('.badge').first();
    this.recipients = this.root.getByRole('table', { name: 'Recipients' });
    this.serverFields = this.root.getByRole('region', { name: 'Everything the server sent' });
  }

  heading(id: string): Locator {
    return this.root.getByRole('heading', { name: new RegExp(`payout ${id}$`, 'i') });
  }

  async cancel(reason: string): Promise<void> {
    await this.root.getByRole('button', { name: 'Cancel this payout' }).click();
    await this.root.getByLabel('Reason for cancelling').fill(reason);
    await this.root.getByRole('button', { name: 'Confirm cancellation' }).click();
  }

  async close(): Promise<void> {
    await this.root.getByRole('button', { name: 'Close details' }).click();
  }
}
