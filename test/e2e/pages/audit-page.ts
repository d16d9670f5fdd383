/** The audit log screen. */
import type { Locator, Page } from '@playwright/test';

export class AuditPage {
  readonly rows: Locator;
  readonly verifyButton: Locator;
  readonly exportButton: Locator;
  readonly verdict: Locator;
  /** Whether the log is sealed with the installation's key. */
  readonly keying: Locator;
  readonly table: Locator;
  readonly profileFilter: Locator;
  readonly actionFilter: Locator;
  readonly fromDate: Locator;
  readonly toDate: Locator;
  readonly clearFilters: Locator;

  /** The cell of a column ("Profile", "What happened", ...) in a row. */
  cell(row: Locator, column: 'Id' | 'Time' | 'Profile' | 'Action' | 'What happened'): Locator {
    const index = ['Id', 'Time', 'Profile', 'Action', 'What happened'].indexOf(column);
    return row.locator('td').nth(index);
  }

  constructor(readonly page: Page) {
    const section = page.getByRole('region', { name: 'Audit log' });
    this.rows = section.locator('tbody tr');
    this.verifyButton = section.getByRole('button', { name: 'Verify' });
    this.exportButton = section.getByRole('button', { name: 'Export audit log' });
    this.verdict = section.getByRole('status');
    this.keying = section.getByTestId('audit-keying');
    this.table = section.locator('table');
    const filters = section.getByRole('form', { name: 'Audit filters' });
    this.profileFilter = filters.getByLabel('Profile');
    this.actionFilter = filters.getByLabel('Action');
    this.fromDate = filters.getByLabel('From');
    this.toDate = filters.getByLabel('To');
    this.clearFilters = filters.getByRole('button', { name: 'Clear filters' });
  }
}
