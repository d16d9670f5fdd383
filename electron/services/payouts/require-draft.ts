/** A draft's summary, or the NOT_FOUND sentence every draft method answers with. */
import type { DraftSummary } from '../../../shared/drafts';
import type { DraftsRepo } from '../db';
import { DeskFailure } from '../ipc/desk-failure';

export function requireDraftOf(drafts: Pick<DraftsRepo, 'summary'>, draftId: string): DraftSummary {
  const summary = drafts.summary(draftId);
  if (!summary) throw new DeskFailure('NOT_FOUND', `There is no draft "${draftId}".`);
  return summary;
}
