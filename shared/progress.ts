/**
 * Progress the interface shows as a bar: how much of a known total is done (sync pages,
 * batches delivered, rows read). One shape and one computation for every bar, so the
 * numbers in the text ("12 of 40 pages") and the bar's value never disagree.
 */

/** A count of a known total. `total` is null while the total is not known yet. */
export type ProgressCount = { done: number; total: number | null };

/** What a bar draws: done never above total, and the words that say it. */
export type ProgressView = {
  value: number;
  max: number;
  /** e.g. "12 of 40 pages"; without a total just "12 pages". */
  text: string;
};

/**
 * The view of a count. A total below the done count (the server's list grew while it was
 * read, or a pass stopped early) is shown as done of done rather than a bar past its end.
 */
export function progressView(
  count: ProgressCount,
  unit: string,
  formatCount: (n: number) => string = String,
): ProgressView {
  const done = Math.max(0, Math.floor(count.done));
  if (count.total === null) return { value: done, max: 0, text: `${formatCount(done)} ${unit}` };
  const max = Math.max(done, Math.floor(count.total));
  return { value: done, max, text: `${formatCount(done)} of ${formatCount(max)} ${unit}` };
}

/** The share done, 0 to 1, for drawing only (a width), never for amounts. */
export function progressRatio(view: ProgressView): number {
  return view.max <= 0 ? 0 : Math.min(1, view.value / view.max);
}

/** Pages needed to list `totalElements` items `pageSize` at a time. */
export function pageCount(totalElements: number, pageSize: number): number {
  return pageSize <= 0 ? 0 : Math.ceil(Math.max(0, totalElements) / pageSize);
}
