/** Row verdicts and draft states in words, for badges, counts and filters. */
import type { DraftBatch, DraftState, RowVerdict } from '../../../../shared/drafts';
import { formatCount } from '../../lib/format';
import { DELIVERY_MEANINGS, type StateTone } from '../../lib/state-meaning';

export const VERDICT_MEANINGS: Readonly<
  Record<RowVerdict, { label: string; tone: StateTone; description: string }>
> = {
  ok: { label: 'OK', tone: 'success', description: 'Ready to be paid.' },
  warning: {
    label: 'Check',
    tone: 'warning',
    description: 'Will be paid as it stands; check it first.',
  },
  error: { label: 'Error', tone: 'danger', description: 'Will not be paid until it is fixed.' },
};

export const DRAFT_STATE_LABELS: Readonly<Record<DraftState, string>> = {
  editing: 'Being edited',
  submitting: 'Being sent',
  submitted: 'Submitted',
};

/** A batch's delivery in words; the meanings live with the intent states (lib/state-meaning). */
export const DELIVERY_LABELS: Readonly<Record<DraftBatch['delivery'], string>> = Object.fromEntries(
  Object.entries(DELIVERY_MEANINGS).map(([delivery, meaning]) => [delivery, meaning.label]),
) as Record<DraftBatch['delivery'], string>;

export function countsText(counts: Record<RowVerdict, number>): string {
  const plural = (count: number, one: string, many: string) =>
    `${formatCount(count)} ${count === 1 ? one : many}`;
  return `${plural(counts.ok, 'OK', 'OK')}, ${plural(counts.warning, 'warning', 'warnings')}, ${plural(counts.error, 'error', 'errors')}`;
}

export function rowsText(count: number): string {
  return `${formatCount(count)} ${count === 1 ? 'row' : 'rows'}`;
}
