/**
 * The approvals of the draft under review (docs/approvals.md): "Approvals: 1 of 2" on the
 * version on screen, why the policy asks for them, who prepared it (never counted), what an
 * edit voided, and the three ways to approve: export a request for approvers elsewhere,
 * import the signed file that comes back, or let an approver sign here with their own key.
 */
import { useEffect, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { ErrorMessage } from '../../components/ErrorMessage';
import { downloadJson } from '../../lib/download-file';
import { useDeskStore } from '../../stores/store';
import { ApproverKeySelect } from './ApproverKeySelect';
import './approvals.css';

export function DraftApprovalsPanel() {
  const {
    review,
    approvals,
    error,
    busy,
    keys,
    loadKeys,
    loadApprovals,
    exportRequest,
    importFile,
    approve,
  } = useDeskStore(
    useShallow((state) => ({
      review: state.draftReviewLoading ? null : state.draftReview,
      approvals: state.draftApprovals,
      error: state.draftApprovalsError,
      busy: state.approvalBusy,
      keys: state.approverKeys,
      loadKeys: state.loadApproverKeys,
      loadApprovals: state.loadDraftApprovals,
      exportRequest: state.exportApprovalRequest,
      importFile: state.importApprovalFile,
      approve: state.approveOpenDraft,
    })),
  );
  const fingerprint = review?.fingerprint ?? null;
  const [keyChoice, setKeyChoice] = useState('');
  useEffect(() => {
    void loadKeys();
  }, [loadKeys]);
  useEffect(() => {
    if (fingerprint !== null) void loadApprovals();
  }, [fingerprint, loadApprovals]);

  if (review === null || review.summary.state !== 'editing') return null;
  const current = approvals !== null && approvals.fingerprint === fingerprint ? approvals : null;
  if (current === null) return null;
  const { check } = current;
  if (!check.needed && current.policyId === null) return null;
  const chosen = keys.find((key) => key.publicKey === keyChoice) ?? keys[0] ?? null;

  return (
    <section className="card approvals" aria-labelledby="approvals-title">
      <h4 id="approvals-title" data-testid="approvals-count">
        {check.needed
          ? `Approvals: ${check.counted.length} of ${check.required}`
          : 'Approvals: none needed for this draft'}
      </h4>
      {check.reasons.map((reason) => (
        <p key={reason} className="field-note">
          {reason}
        </p>
      ))}
      {check.counted.length > 0 && (
        <p data-testid="approvals-counted">
          Approved by {check.counted.map((approver) => approver.name).join(', ')}.
        </p>
      )}
      {current.preparer !== null && (
        <p className="field-note" data-testid="approvals-preparer">
          Prepared by {current.preparer.name}: their own approval never counts.
        </p>
      )}
      {current.voided.length > 0 && (
        <p className="warning" role="note" data-testid="approvals-voided">
          {current.voided.map((approver) => approver.name).join(', ')} approved an earlier version
          of this draft. It was edited since, so those approvals no longer count.
        </p>
      )}
      {check.notCounted.map((entry) => (
        <p key={`${entry.publicKey}-${entry.reason}`} className="warning">
          {entry.message}
        </p>
      ))}
      {check.needed && !check.met && (
        <>
          {keys.length === 0 ? (
            <p className="field-note">
              Create your approver key under Accounts to request or give approvals on this desk.
            </p>
          ) : (
            <ApproverKeySelect
              label="Whose key"
              keys={keys}
              value={chosen?.publicKey ?? ''}
              onChange={setKeyChoice}
            />
          )}
          <div className="actions">
            <button
              type="button"
              disabled={busy || chosen === null}
              onClick={() => {
                if (chosen === null) return;
                void exportRequest(chosen.publicKey).then((file) => {
                  if (file) downloadJson(file.fileName, file.json);
                });
              }}
            >
              Export approval request
            </button>
            <label className="button-like">
              Import approval file
              <input
                type="file"
                accept=".json,application/json"
                aria-label="Import approval file"
                className="visually-hidden"
                onChange={(event) => {
                  const file = event.target.files?.[0];
                  event.target.value = '';
                  if (file) void file.text().then(importFile);
                }}
              />
            </label>
            <button
              type="button"
              disabled={busy || chosen === null || current.preparer === null}
              title={
                current.preparer === null
                  ? 'The preparer exports an approval request first.'
                  : undefined
              }
              onClick={() => {
                if (chosen !== null) void approve(chosen.publicKey);
              }}
            >
              Approve with my key
            </button>
          </div>
        </>
      )}
      {error && <ErrorMessage error={error} />}
    </section>
  );
}
