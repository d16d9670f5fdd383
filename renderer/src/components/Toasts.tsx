import { useShallow } from 'zustand/react/shallow';
import { useDeskStore } from '../stores/store';

/** Toasts for payouts reaching a final state; "View" opens their details. */
export function Toasts() {
  const { toasts, dismissToast, openDetails, selectProfile, activeProfileId } = useDeskStore(
    useShallow((state) => ({
      toasts: state.toasts,
      dismissToast: state.dismissToast,
      openDetails: state.openDetails,
      selectProfile: state.selectProfile,
      activeProfileId: state.activeProfileId,
    })),
  );
  return (
    <div className="toasts" role="status" aria-live="polite" aria-label="Notifications">
      {toasts.map((toast) => (
        <div key={toast.id} className={`toast toast-${toast.tone}`}>
          <div className="toast-text">
            <strong>{toast.title}</strong>
            <span>{toast.body}</span>
          </div>
          <div className="toast-actions">
            {toast.target && (
              <button
                type="button"
                className="small"
                onClick={() => {
                  const target = toast.target;
                  if (!target) return;
                  if (target.profileId !== activeProfileId) selectProfile(target.profileId);
                  openDetails({ kind: target.kind, id: target.id });
                  dismissToast(toast.id);
                }}
              >
                View
              </button>
            )}
            <button
              type="button"
              className="small ghost"
              aria-label="Dismiss"
              onClick={() => {
                dismissToast(toast.id);
              }}
            >
              ×
            </button>
          </div>
        </div>
      ))}
    </div>
  );
}
