/** Drafts: the list, the editable grid, the review and the tracking of a submitted draft. */
import { expect, type Locator, type Page } from '@playwright/test';
import { savedFileOf, type SavedFile } from '../support/downloads';

export type DraftField = 'Address' | 'Name' | 'Amount' | 'Currency' | 'Comment';

export class DraftsPage {
  readonly list: Locator;
  readonly grid: Locator;
  readonly rows: Locator;
  readonly counts: Locator;
  readonly state: Locator;
  readonly parentLink: Locator;
  readonly rowDetails: Locator;
  readonly batchPlan: Locator;
  readonly reviewButton: Locator;
  readonly review: Locator;
  readonly submitButton: Locator;
  readonly tracking: Locator;
  readonly batches: Locator;
  readonly exportButton: Locator;
  readonly retryButton: Locator;
  readonly search: Locator;
  /** The header's box: every row matching the filter and search. */
  readonly selectAll: Locator;
  readonly deleteButton: Locator;
  /** "Delete N rows?" with its buttons, after Delete selected or the Delete key. */
  readonly deleteConfirm: Locator;
  /** "N rows deleted. Undo", until the next change. */
  readonly undoBar: Locator;

  constructor(readonly page: Page) {
    this.list = page.getByRole('table', { name: 'Drafts' });
    this.grid = page.getByRole('table', { name: 'Draft rows' });
    // Data rows carry their rowNo; the header row and placeholders do not.
    this.rows = this.grid.locator('[role="row"][data-row-no]');
    this.counts = page.getByTestId('draft-counts');
    this.state = page.getByTestId('draft-state');
    this.parentLink = page.getByTestId('draft-parent');
    this.rowDetails = page.getByRole('region', { name: 'Row details' });
    this.batchPlan = page.getByRole('table', { name: 'Batches to send' });
    this.reviewButton = page.getByRole('button', { name: 'Review and submit' });
    this.review = page.getByRole('region', { name: 'Review and submit' });
    this.submitButton = this.review.getByRole('button', { name: /^(Submit|Try again)/ });
    this.tracking = page.getByRole('region', { name: 'Mass payouts of this draft' });
    this.batches = this.tracking.getByRole('table', { name: 'Batches' }).locator('tbody tr');
    this.exportButton = page.getByRole('button', { name: 'Export reconciliation' });
    this.retryButton = page.getByRole('button', { name: 'Retry the failed rows' });
    this.search = page.getByRole('searchbox', { name: 'Search rows' });
    this.selectAll = this.grid.getByRole('checkbox', { name: /^Select all / });
    this.deleteButton = page.getByRole('button', { name: /^Delete selected/ });
    this.deleteConfirm = page.getByRole('group', { name: 'Delete the selected rows' });
    this.undoBar = page.getByTestId('draft-undo');
  }

  async openList(): Promise<void> {
    await this.page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('button', { name: 'Drafts', exact: true })
      .click();
    const back = this.page.getByRole('button', { name: '← All drafts' });
    if (await back.isVisible()) await back.click();
    await expect(this.page.getByRole('heading', { name: 'Drafts', exact: true })).toBeVisible();
  }

  async openDraft(name: string): Promise<void> {
    await this.list.getByRole('button', { name, exact: true }).click();
    await expect(this.page.getByRole('heading', { name, exact: true })).toBeVisible();
  }

  /** The grid row read from this line of the file. */
  row(line: number): Locator {
    return this.grid.locator(`[role="row"][data-line="${line}"]`);
  }

  cell(line: number, field: DraftField): Locator {
    return this.row(line).getByLabel(`${field}, line ${line}`, { exact: true });
  }

  /** Types into a cell and presses Enter: the row is saved and main answers its verdict. */
  async edit(line: number, field: DraftField, value: string): Promise<void> {
    const cell = this.cell(line, field);
    await cell.fill(value);
    await cell.press('Enter');
  }

  /**
   * The page scrolled to its end (the grid's bottom in view), how many data rows show
   * whole: inside the window, below the sticky toolbar and within the grid's scrolled body.
   */
  async rowsInView(): Promise<number> {
    const body = this.grid.locator('.draft-body');
    // The page's own scroll (the wheel over the toolbar, not over the grid's body) to its end.
    await this.counts.hover();
    await this.page.mouse.wheel(0, 4000);
    const box = await body.boundingBox();
    const toolbar = await this.page.locator('.draft-toolbar').boundingBox();
    const height = this.page.viewportSize()?.height ?? 0;
    if (box === null) return 0;
    const top = Math.max(box.y, toolbar === null ? 0 : toolbar.y + toolbar.height, 0);
    const bottom = Math.min(box.y + box.height, height);
    let whole = 0;
    for (const row of await this.rows.all()) {
      const rowBox = await row.boundingBox();
      if (rowBox && rowBox.y >= top - 0.5 && rowBox.y + rowBox.height <= bottom + 0.5) whole += 1;
    }
    return whole;
  }

  /** Ticks the row of this line of the file. */
  async select(line: number): Promise<void> {
    await this.row(line)
      .getByRole('checkbox', { name: `Select line ${line}` })
      .check();
  }

  /** Delete selected, then the confirm's "Delete N rows". */
  async deleteSelected(): Promise<void> {
    await this.deleteButton.click();
    await this.deleteConfirm.getByRole('button', { name: /^Delete / }).click();
  }

  async show(filter: 'All rows' | 'Errors only' | 'Warnings only'): Promise<void> {
    await this.page
      .getByRole('group', { name: 'Show' })
      .getByRole('button', { name: new RegExp(`^${filter}`) })
      .click();
  }

  reviewTotal(currency: string): Locator {
    return this.review.locator(`tr[data-currency="${currency}"] [data-testid="review-total"]`);
  }

  async exportReconciliation(): Promise<SavedFile> {
    return savedFileOf(this.page, () => this.exportButton.click());
  }
}
