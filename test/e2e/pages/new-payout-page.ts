/** The single-payout form, its confirmation and its result. */
import type { Locator, Page } from '@playwright/test';

export type PayoutFields = {
  currency: string;
  address: string;
  amount: string;
  comment?: string;
  /** `YYYY-MM-DDTHH:mm`, local time. */
  executionDate?: string;
};

export class NewPayoutPage {
  readonly form: Locator;
  readonly currency: Locator;
  readonly address: Locator;
  readonly amount: Locator;
  readonly comment: Locator;
  readonly executionDate: Locator;
  readonly review: Locator;
  readonly confirmation: Locator;
  readonly confirm: Locator;
  readonly result: Locator;

  constructor(readonly page: Page) {
    this.form = page.getByRole('form', { name: 'New payout' });
    this.currency = this.form.getByLabel('Currency');
    this.address = this.form.getByLabel('Recipient address');
    this.amount = this.form.getByLabel('Amount');
    this.comment = this.form.getByLabel('Comment (optional)');
    this.executionDate = this.form.getByLabel('Execution date (optional)');
    this.review = this.form.getByRole('button', { name: 'Review payout' });
    this.confirmation = page.getByRole('region', { name: 'Confirm the payout' });
    this.confirm = this.confirmation.getByRole('button', { name: /Confirm and send|Try again/ });
    this.result = page.getByRole('status').filter({ has: page.locator('#result-title') });
  }

  async fill(fields: PayoutFields): Promise<void> {
    await this.currency.selectOption(fields.currency);
    await this.address.fill(fields.address);
    await this.amount.fill(fields.amount);
    if (fields.comment !== undefined) await this.comment.fill(fields.comment);
    if (fields.executionDate !== undefined) await this.executionDate.fill(fields.executionDate);
  }

  async openDetails(): Promise<void> {
    await this.result.getByRole('button', { name: 'Open details' }).click();
  }
}
