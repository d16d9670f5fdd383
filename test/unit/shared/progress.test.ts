/** The one computation every progress bar draws from (shared/progress.ts). */
import { describe, expect, it } from 'vitest';
import { pageCount, progressRatio, progressView } from '../../../shared/progress';
import { pagesOf } from '../../../electron/services/sync/history-sync';

describe('progressView', () => {
  it('says done of total in the unit, with the counts formatted', () => {
    const view = progressView({ done: 12, total: 40 }, 'pages');
    expect(view).toEqual({ value: 12, max: 40, text: '12 of 40 pages' });
    expect(progressRatio(view)).toBe(0.3);
    const grouped = progressView({ done: 1200, total: 4000 }, 'rows', (n) =>
      n.toLocaleString('en-US'),
    );
    expect(grouped.text).toBe('1,200 of 4,000 rows');
  });

  it('never draws past the end when the total is below the done count', () => {
    const view = progressView({ done: 41, total: 40 }, 'pages');
    expect(view).toEqual({ value: 41, max: 41, text: '41 of 41 pages' });
    expect(progressRatio(view)).toBe(1);
  });

  it('is an indeterminate count while the total is unknown', () => {
    const view = progressView({ done: 3, total: null }, 'batches');
    expect(view).toEqual({ value: 3, max: 0, text: '3 batches' });
    expect(progressRatio(view)).toBe(0);
  });

  it('counts nothing done of nothing as empty, not as a division by zero', () => {
    const view = progressView({ done: 0, total: 0 }, 'pages');
    expect(view.text).toBe('0 of 0 pages');
    expect(progressRatio(view)).toBe(0);
  });
});

describe('pages of a page answer', () => {
  it('takes the answer’s own total of pages', () => {
    expect(pagesOf({ total: 40, totalElements: 3_950, size: 100 })).toBe(40);
  });

  it('falls back to the pages totalElements needs when total is missing', () => {
    expect(pagesOf({ total: 0, totalElements: 3_950, size: 100 })).toBe(40);
    expect(pageCount(100, 100)).toBe(1);
    expect(pageCount(101, 100)).toBe(2);
    expect(pageCount(0, 100)).toBe(0);
  });
});
