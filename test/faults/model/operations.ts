/**
 * Which operation the model performs next: drawn from the seeded generator among the
 * operations that make sense in the model's current state. Benign operations are what a
 * careful person does on a healthy network; adversarial ones are the faults and the
 * seams named in issue 9 (edits after the review, repeated retries, kills, profile changes,
 * a second host on the same data folder, injected simulator faults).
 */
import type { Prng } from './prng';

export const BENIGN_OPERATIONS = [
  'confirmSingle',
  'importDraft',
  'editDraft',
  'reviewDraft',
  'submitDraft',
  'finishAndSync',
  'retryFailedRows',
  'sync',
] as const;

export const ADVERSARIAL_OPERATIONS = [
  'editAfterReview',
  'addRowAfterReview',
  'retryAgain',
  'reenterRejected',
  'setFaults',
  'clearFaults',
  'confirmUnderLoss',
  'killMidCall',
  'killAndRestart',
  'changeAccount',
  'removeProfile',
  'toggleSecondHost',
  'raceEditSubmit',
] as const;

export type OperationKind =
  (typeof BENIGN_OPERATIONS)[number] | (typeof ADVERSARIAL_OPERATIONS)[number];

/** What the generator needs to know of the model to offer only operations that apply. */
export type ModelView = {
  /** Drafts still being edited, and those of them reviewed since their last edit. */
  editingDrafts: number;
  reviewedDrafts: number;
  /** Submitted drafts whose payouts the desk has not yet seen final (finishAndSync does). */
  unfinishedDrafts: number;
  /** Submitted drafts with a failed recipient the desk has seen, not yet retried / retried. */
  retryableDrafts: number;
  retriedDrafts: number;
  /** Single payouts the desk answered "rejected" (the person may enter them again). */
  rejectedSingles: number;
  faultsOn: boolean;
  secondHost: boolean;
};

const BASE_WEIGHTS: Record<OperationKind, number> = {
  confirmSingle: 3,
  importDraft: 4,
  editDraft: 2,
  reviewDraft: 4,
  submitDraft: 4,
  finishAndSync: 3,
  retryFailedRows: 8,
  sync: 1,
  editAfterReview: 2,
  addRowAfterReview: 1,
  retryAgain: 6,
  reenterRejected: 3,
  setFaults: 2,
  confirmUnderLoss: 2,
  clearFaults: 2,
  killMidCall: 2,
  killAndRestart: 1,
  changeAccount: 1,
  removeProfile: 1,
  toggleSecondHost: 1,
  raceEditSubmit: 2,
};

/**
 * Weights lean towards finishing what was started (review what is imported, submit what is
 * reviewed, retry what failed), so that short sequences still reach the later seams.
 */
function weightOf(kind: OperationKind, view: ModelView): number {
  switch (kind) {
    case 'importDraft':
      return view.editingDrafts >= 2 ? 1 : BASE_WEIGHTS.importDraft;
    case 'reviewDraft':
      return view.editingDrafts > view.reviewedDrafts ? 5 : 1;
    case 'submitDraft':
      return 6;
    case 'finishAndSync':
      return view.unfinishedDrafts > 0 ? 5 : 1;
    case 'retryFailedRows':
      return 6;
    default:
      return BASE_WEIGHTS[kind];
  }
}

function applies(kind: OperationKind, view: ModelView): boolean {
  switch (kind) {
    case 'editDraft':
      return view.editingDrafts > 0;
    case 'reviewDraft':
      return view.editingDrafts > 0;
    case 'submitDraft':
    case 'editAfterReview':
    case 'addRowAfterReview':
      return view.reviewedDrafts > 0;
    case 'retryFailedRows':
      return view.retryableDrafts > 0;
    case 'retryAgain':
      return view.retriedDrafts > 0;
    case 'reenterRejected':
      return view.rejectedSingles > 0;
    case 'clearFaults':
      return view.faultsOn;
    case 'raceEditSubmit':
      return view.secondHost && view.reviewedDrafts > 0;
    default:
      return true;
  }
}

/** The operations that may come next, each with its weight. */
export function candidates(
  view: ModelView,
  adversarial: boolean,
): { kind: OperationKind; weight: number }[] {
  const kinds: readonly OperationKind[] = adversarial
    ? [...BENIGN_OPERATIONS, ...ADVERSARIAL_OPERATIONS]
    : BENIGN_OPERATIONS;
  return kinds
    .filter((kind) => applies(kind, view))
    .map((kind) => ({ kind, weight: weightOf(kind, view) }));
}

/** Draws the next operation: weighted among those that apply now. */
export function nextOperation(random: Prng, view: ModelView, adversarial: boolean): OperationKind {
  const options = candidates(view, adversarial);
  const total = options.reduce((sum, option) => sum + option.weight, 0);
  let point = random.next() * total;
  for (const option of options) {
    point -= option.weight;
    if (point < 0) return option.kind;
  }
  // Only reachable through rounding at the very top of the range.
  const last = options.at(-1);
  if (!last) throw new Error('no operation applies (confirmSingle always should)');
  return last.kind;
}
