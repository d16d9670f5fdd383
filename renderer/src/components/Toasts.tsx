import { useShallow } from 'zustand/react/shallow';
import { useDeskStore } from '../stores/store';

/**
 * The newest notifications shown in full; older ones fold into one line, so a submission of
 * many batches does not cover the screen it is tracked on.
 */
const VISIBLE_TOASTS = 3;

/** Toasts for payouts reaching a final state; "View" opens their details. */
export function Toasts() {
  const { toasts, dismissToast, dismissAllToasts, openDetails, selectProfile, activeProfileId } =
    useDeskStore(
      useShallow((state) => ({
        toasts: state.toasts,
        dismissToast: state.dismissToast,
        dismissAllToasts: state.dismissAllToasts,
        openDetails: state.openDetails,
        selectProfile: state.selectProfile,
        activeProfileId: state.activeProfileId,
      })),
    );
  const hidden = Math.max(0, toasts.length - VISIBLE_TOASTS);
  return (
    <div className="toasts" role="status" aria-live="polite" aria-label="Notifications">
      {hidden > 0 && (
        <div className="toast toast-info toast-folded" data-testid="toasts-folded">
          <span className="toast-text">
            {hidden === 1 ? '1 earlier notification' : `${hidden} earlier notifications`}
          </span>
          <button type="button" className="small" onClick={dismissAllToasts}>
            Dismiss all
          </button>
        </div>
      )}
      {toasts.slice(-VISIBLE_TOASTS).map((toast) => (
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
