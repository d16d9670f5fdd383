/** Accounts: the profile list, the add/edit form and connection checks. */
import type { Locator, Page } from '@playwright/test';

export type NewProfile = {
  name: string;
  baseUrl: string;
  account: string;
  key: string;
  secret: string;
};

export class AccountsPage {
  readonly heading: Locator;
  readonly addForm: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { name: 'Accounts', exact: true });
    this.addForm = page.getByRole('form', { name: 'Add a profile' });
  }

  profile(name: string): Locator {
    return this.page.getByRole('article', { name, exact: true });
  }

  async startAdding(): Promise<void> {
    await this.page.getByRole('button', { name: 'Add a profile' }).click();
  }

  /** Fills the add form for a custom environment and submits it. */
  async addCustom(profile: NewProfile): Promise<void> {
    const form = this.addForm;
    await form.getByLabel('Profile name').fill(profile.name);
    await form.getByLabel('Environment').selectOption('custom');
    await form.getByLabel('Base URL').fill(profile.baseUrl);
    await form.getByLabel('Account').fill(profile.account);
    await form.getByLabel('API key').fill(profile.key);
    await form.getByLabel('API secret').fill(profile.secret);
    await form.getByRole('button', { name: 'Add profile' }).click();
  }

  async checkConnection(name: string): Promise<Locator> {
    const card = this.profile(name);
    await card.getByRole('button', { name: 'Check connection' }).click();
    return card;
  }
}
