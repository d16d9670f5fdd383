/**
 * What still depends on a profile, read from the outbox and the drafts: its removal refuses
 * while any of it exists (profiles-service.ts, `remove`).
 */
import type { DraftsRepo, OutboxRepo } from '../db';
import type { ProfileUse } from './profiles-service';

export type ProfileUseDeps = {
  drafts: Pick<DraftsRepo, 'list'>;
  outbox: Pick<OutboxRepo, 'unresolvedCount'>;
};

export function createProfileUseQuery({ drafts, outbox }: ProfileUseDeps) {
  return (profileId: string): ProfileUse => {
    const states = drafts.list(profileId).map((draft) => draft.state);
    return {
      unresolvedIntents: outbox.unresolvedCount(profileId),
      submittingDrafts: states.filter((state) => state === 'submitting').length,
      editingDrafts: states.filter((state) => state === 'editing').length,
    };
  };
}
