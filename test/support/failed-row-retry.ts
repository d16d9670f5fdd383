/**
 * A submitted one-row draft whose payout fails (the simulator's `failAddresses` names the
 * address), polled until the sync sees it failed, and the retry draft of that row: the start
 * of every test about retry drafts.
 */
import { expect } from 'vitest';
import type { DraftBatch, DraftSummary } from '../../shared/drafts';
import type { DeskMethod, DraftReview } from '../../shared/ipc';

type Value = <T>(method: DeskMethod, argument?: unknown) => Promise<T>;

export async function retryOfFailedRow(
  value: Value,
  name: string,
  failingAddress: string,
): Promise<{ original: DraftSummary; retry: DraftSummary }> {
  const original = await value<DraftSummary>('createDraft', {
    profileId: 'simulator',
    name,
    decimalSeparator: '.',
    rows: [{ line: 2, address: failingAddress, amount: '5', currency: 'TRX', comment: '' }],
  });
  const review = await value<DraftReview>('reviewDraft', { draftId: original.id });
  await value('submitDraft', { draftId: original.id, fingerprint: review.fingerprint });
  await expect
    .poll(
      async () => {
        await value('syncNow', { profileId: 'simulator' });
        const batches = await value<DraftBatch[]>('getDraftBatches', { draftId: original.id });
        return batches.every((batch) => ['FAILED', 'PARTIAL'].includes(batch.payoutState ?? ''));
      },
      { timeout: 15_000, interval: 200 },
    )
    .toBe(true);
  const retry = await value<DraftSummary>('retryFailedRows', { draftId: original.id });
  return { original, retry };
}
