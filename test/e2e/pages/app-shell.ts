/** The window around every screen: sidebar, environment and offline banners, toasts. */
import { expect, type Locator, type Page } from '@playwright/test';

export class AppShell {
  readonly profileSwitcher: Locator;
  readonly environmentBanner: Locator;
  readonly offlineBanner: Locator;
  readonly toasts: Locator;

  constructor(readonly page: Page) {
    this.profileSwitcher = page.getByLabel('Profile', { exact: true });
    this.environmentBanner = page.getByRole('note', { name: 'Environment' });
    this.offlineBanner = page.getByRole('status', { name: 'Offline' });
    this.toasts = page.getByRole('status', { name: 'Notifications' });
  }

  async open(url: string): Promise<void> {
    await this.page.goto(url);
    await expect(this.page.getByRole('heading', { name: 'Payout Desk' })).toBeVisible();
    // Until the profiles are read the sidebar is shorter (no environment tag, no sync line):
    // a click on the menu then could land on the entry that moves under it.
    await expect(this.page.getByText('Opening the history…')).toHaveCount(0);
  }

  async goTo(
    screen:
      | 'History'
      | 'New payout'
      | 'Accounts'
      | 'Import file'
      | 'Drafts'
      | 'Address book'
      | 'Audit log',
  ): Promise<void> {
    await this.page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('button', { name: screen, exact: true })
      .click();
  }

  async switchProfile(name: string): Promise<void> {
    await this.profileSwitcher.selectOption({ label: name });
  }

  async screenshot(name: string): Promise<void> {
    await this.page.screenshot({ path: `test-results/screenshots/${name}.png` });
  }
}
