/**
 * An approver's side of a request file (docs/approvals.md): main checks that the payments
 * hash to the request's fingerprint and that the preparer signed it, then the page shows the
 * same review (account, totals recomputed from the rows, every row, the risk verdicts), and
 * the approver signs the fingerprint with their own key. The signed file goes back to the
 * preparer.
 */
import { useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { ApprovalRequestView } from '../../../../shared/approvals';
import { ErrorMessage } from '../../components/ErrorMessage';
import { downloadJson } from '../../lib/download-file';
import { formatDateTime } from '../../lib/format';
import { useDeskStore } from '../../stores/store';
import { ApproverKeySelect } from './ApproverKeySelect';
import './approvals.css';
import { CurrencyName } from '../../components/CurrencyName';
import { formatAmount } from '../../lib/amount-format';

export function ApprovalRequestSigner() {
  const { opened, error, busy, keys, open, close, sign } = useDeskStore(
    useShallow((state) => ({
      opened: state.openedRequest,
      error: state.openedRequestError,
      busy: state.approvalBusy,
      keys: state.approverKeys,
      open: state.openApprovalRequest,
      close: state.closeApprovalRequest,
      sign: state.signOpenedRequest,
    })),
  );
  const [keyChoice, setKeyChoice] = useState('');
  const [signedName, setSignedName] = useState<string | null>(null);
  const chosen = keys.find((key) => key.publicKey === keyChoice) ?? keys[0] ?? null;

  return (
    <section className="card approval-request" aria-labelledby="approval-request-title">
      <h3 id="approval-request-title">Approve a request</h3>
      <label className="button-like">
        Open an approval request
        <input
          type="file"
          accept=".json,application/json"
          aria-label="Open an approval request"
          className="visually-hidden"
          onChange={(event) => {
            const file = event.target.files?.[0];
            event.target.value = '';
            setSignedName(null);
            if (file) void file.text().then(open);
          }}
        />
      </label>
      {error && <ErrorMessage error={error} />}
      {opened && (
        <>
          <RequestReview view={opened.view} />
          {keys.length === 0 ? (
            <p className="field-note">Create your approver key above to sign.</p>
          ) : (
            <div className="actions">
              <ApproverKeySelect
                label="Sign as"
                keys={keys}
                value={chosen?.publicKey ?? ''}
                onChange={setKeyChoice}
              />
              <button
                type="button"
                className="primary"
                disabled={busy || chosen === null}
                onClick={() => {
                  if (chosen === null) return;
                  void sign(chosen.publicKey).then((file) => {
                    if (!file) return;
                    downloadJson(file.fileName, file.json);
                    setSignedName(file.fileName);
                  });
                }}
              >
                Approve and save the signed file
              </button>
              <button type="button" onClick={close}>
                Close
              </button>
            </div>
          )}
          {signedName && (
            <p role="status" data-testid="approval-signed">
              Signed. Send {signedName} back to {opened.view.preparer.name}.
            </p>
          )}
        </>
      )}
    </section>
  );
}

/** Rows listed in full; beyond this the totals above still cover every row. */
const ROWS_SHOWN = 1000;

function RequestReview({ view }: { view: ApprovalRequestView }) {
  // Rows held for a test payment are listed too: this approval covers them, and they go
  // out later in a follow-up of the draft (docs/test-payments.md).
  const heldNos = new Set(view.held.map((row) => row.rowNo));
  const rows = [
    ...view.plan.flatMap((batch) =>
      batch.rows.map((row) => ({ ...row, currency: batch.currency })),
    ),
    ...view.held,
  ].sort((a, b) => a.rowNo - b.rowNo);
  const risks = new Map<number, string[]>();
  for (const risk of view.risks)
    risks.set(risk.rowNo, [...(risks.get(risk.rowNo) ?? []), risk.message]);
  return (
    <div className="request-review" data-testid="request-review">
      <p>
        <strong>{view.draftName}</strong>, prepared by {view.preparer.name} on{' '}
        {formatDateTime(view.createdAtMs)}, for account{' '}
        <span className="mono">{view.target.account}</span> ({view.target.profileName},{' '}
        <span className="mono">{view.target.baseUrl}</span>).
      </p>
      <table aria-label="Totals to approve">
        <thead>
          <tr>
            <th>Currency</th>
            <th>Rows</th>
            <th>Total</th>
          </tr>
        </thead>
        <tbody>
          {view.totals.map((total) => (
            <tr key={total.currency}>
              <td>
                <CurrencyName code={total.currency} />
              </td>
              <td>{total.rowCount}</td>
              <td className="amount">{formatAmount(total.total)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <table aria-label="Payments to approve">
        <thead>
          <tr>
            <th>Row</th>
            <th>Address</th>
            <th>Amount</th>
            <th>Comment</th>
            <th>Risk</th>
          </tr>
        </thead>
        <tbody>
          {rows.slice(0, ROWS_SHOWN).map((row) => (
            <tr key={`${row.currency}-${row.rowNo}`}>
              <td>{row.rowNo}</td>
              <td className="mono">{row.address}</td>
              <td className="amount">
                {formatAmount(row.amount)} <CurrencyName code={row.currency} />
              </td>
              <td>{row.comment}</td>
              <td>
                {heldNos.has(row.rowNo) &&
                  'Held for a test payment: sent once it is completed and the address is trusted. '}
                {(risks.get(row.rowNo) ?? []).join(' ')}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {rows.length > ROWS_SHOWN && (
        <p className="field-note">
          The first {ROWS_SHOWN} of {rows.length} rows are listed; the totals cover all of them.
        </p>
      )}
      <p className="field-note">
        Fingerprint <span className="mono">{view.fingerprint}</span>: your signature covers exactly
        these payments, on this account, for this draft.
      </p>
    </div>
  );
}
