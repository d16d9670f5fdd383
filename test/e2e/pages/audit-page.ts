/** The audit log screen. */
import type { Locator, Page } from '@playwright/test';

export class AuditPage {
  readonly rows: Locator;
  readonly verifyButton: Locator;
  readonly exportButton: Locator;
  readonly verdict: Locator;
  /** Whether the log is sealed with the installation's key. */
  readonly keying: Locator;

  constructor(readonly page: Page) {
    const section = page.getByRole('region', { name: 'Audit log' });
    this.rows = section.locator('tbody tr');
    this.verifyButton = section.getByRole('button', { name: 'Verify' });
    this.exportButton = section.getByRole('button', { name: 'Export audit log' });
    this.verdict = section.getByRole('status');
    this.keying = section.getByTestId('audit-keying');
  }
}
