import { useEffect } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { selectActiveProfile } from '../../stores/selectors';
import { useDeskStore } from '../../stores/store';
import { DraftScreen } from './DraftScreen';
import { DraftsList } from './DraftsList';
import './drafts.css';

/** The drafts of the active profile, or the one that is open. */
export function DraftsPage() {
  const { profileId, openDraftId, draftProfileId, loadDrafts, closeDraft } = useDeskStore(
    useShallow((state) => ({
      profileId: selectActiveProfile(state)?.id ?? null,
      openDraftId: state.openDraftId,
      draftProfileId: state.draft?.profileId ?? null,
      loadDrafts: state.loadDrafts,
      closeDraft: state.closeDraft,
    })),
  );

  useEffect(() => {
    if (profileId !== null) void loadDrafts();
  }, [profileId, loadDrafts]);

  // Another profile chosen: its drafts, not the one open for the previous profile.
  useEffect(() => {
    if (draftProfileId !== null && profileId !== null && draftProfileId !== profileId) {
      closeDraft();
    }
  }, [draftProfileId, profileId, closeDraft]);

  if (profileId === null) {
    return (
      <section className="page">
        <h2>Drafts</h2>
        <p>Add a profile under Accounts first.</p>
      </section>
    );
  }
  return openDraftId !== null ? <DraftScreen /> : <DraftsList />;
}
