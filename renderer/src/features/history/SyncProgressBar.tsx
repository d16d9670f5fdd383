import type { SyncProgress } from '../../../../shared/ipc';
import { progressView } from '../../../../shared/progress';
import { ProgressBar } from '../../components/ProgressBar';
import { formatCount } from '../../lib/format';

/**
 * How far a sync pass is, where the sync status shows. A first sync reads every page, so its
 * pages are a bar ("12 of 40 pages"); a later pass stops at the first known page, so only the
 * count read is told. Reading the recipients of mass payouts is a bar either way: that list
 * is known before it starts.
 */
export function SyncProgressBar({ progress }: { progress: SyncProgress }) {
  const { step } = progress;
  if (step.unit === 'pages' && !progress.firstSync) return <span>{syncStepText(progress)}</span>;
  const view = progressView(step, step.unit, formatCount);
  return <ProgressBar view={view} label={syncPhaseLabel(progress)} testId="sync-progress" />;
}

/** The step in words for a line with no room for a bar: "12 of 36 pages", "1,200 read". */
export function syncStepText(progress: SyncProgress): string {
  const { step } = progress;
  if (step.unit === 'pages' && !progress.firstSync) return `${formatCount(progress.fetched)} read`;
  return progressView(step, step.unit, formatCount).text;
}

/** "Reading single payouts", "Reading mass payouts", "Reading recipients". */
export function syncPhaseLabel(progress: SyncProgress): string {
  return `Reading ${progress.phase}`;
}
