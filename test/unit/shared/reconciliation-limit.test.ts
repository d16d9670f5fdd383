/**
 * An .xlsx reconciliation is built whole in memory (SheetJS has no streaming writer), so past
 * RECONCILIATION_XLSX_MAX_LINES the desk refuses it in one sentence and points to CSV, which is
 * written line by line (docs/reconciliation.md, "Large drafts").
 */
import { describe, expect, it } from 'vitest';
import { RECONCILIATION_XLSX_MAX_LINES, xlsxTooLarge } from '../../../shared/reconciliation';

describe('the .xlsx reconciliation limit', () => {
  it('writes a workbook up to the limit', () => {
    expect(xlsxTooLarge(1)).toBeNull();
    expect(xlsxTooLarge(RECONCILIATION_XLSX_MAX_LINES)).toBeNull();
  });

  it('refuses one line more in a sentence naming the count, the limit and CSV', () => {
    expect(xlsxTooLarge(1_000_000)).toBe(
      'This reconciliation has 1,000,000 lines; an .xlsx reconciliation holds at most 200,000. Export it as CSV, which Excel opens as well.',
    );
    expect(xlsxTooLarge(RECONCILIATION_XLSX_MAX_LINES + 1)).toContain('200,001 lines');
  });
});
