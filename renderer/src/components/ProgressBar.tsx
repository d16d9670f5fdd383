import type { ProgressView } from '../../../shared/progress';

/**
 * A native <progress> with its words beside it ("12 of 40 pages"): the element carries the
 * value and maximum for assistive technology, and the visible text is its label. Without a
 * known total (max 0) it is an indeterminate bar.
 */
export function ProgressBar({
  view,
  label,
  testId,
}: {
  view: ProgressView;
  /** What is progressing, e.g. "Sync"; the bar's accessible name is "<label>: <text>". */
  label: string;
  testId?: string;
}) {
  return (
    <span className="progress-line" data-testid={testId}>
      <progress
        aria-label={`${label}: ${view.text}`}
        {...(view.max > 0 ? { value: view.value, max: view.max } : {})}
      />
      <span className="progress-text">{view.text}</span>
    </span>
  );
}
