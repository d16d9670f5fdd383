import { useShallow } from 'zustand/react/shallow';
import {
  ACCEPTABLE_RISKS,
  type AcceptableRisk,
  type AddressRisk,
} from '../../../../shared/address-risk';
import { ErrorMessage } from '../../components/ErrorMessage';
import { formatDateTimeSeconds } from '../../lib/format';
import type { PayoutPreviewState } from './new-payout-slice';
import { useDeskStore } from '../../stores/store';
import { DebitEstimate } from './DebitEstimate';
import { CurrencyName } from '../../components/CurrencyName';
import { formatAmount } from '../../lib/amount-format';

/**
 * The last look before money moves: exactly the payload main will sign (previewPayout, the
 * same builder the send uses), and on which environment and account. Confirm sends the
 * preview's hash back, so main refuses anything else. Confirm disables itself; after an
 * error it sends the same requestId again. Sections are separate components so that more
 * (fees, total debit) can be added beside the payload.
 */
export function ConfirmPayout() {
  const { request, preview, submitting, error, confirm, edit, accepted } = useDeskStore(
    useShallow((state) => ({
      request: state.payoutRequest,
      preview: state.payoutPreview,
      accepted: state.payoutAcceptedRisks,
      submitting: state.payoutSubmitting,
      error: state.payoutError,
      confirm: state.confirmPayout,
      edit: state.editPayout,
    })),
  );
  if (request === null) return null;
  const { input } = request;
  const real = request.environment !== 'simulator';
  const risks = preview?.status === 'ready' ? preview.preview.risks : [];
  // An error blocks Confirm until the person accepts it (only a look-alike can be accepted).
  const blocked = risks.some(
    (risk) => risk.severity === 'error' && !(accepted as readonly string[]).includes(risk.code),
  );
  const ready = preview?.status === 'ready' && !blocked;
  return (
    <section className="card confirm" aria-labelledby="confirm-title">
      <h3 id="confirm-title">Confirm the payout</h3>
      <p
        className={`confirm-environment ${real ? 'real' : 'simulated'}`}
        data-testid="confirm-environment"
      >
        {request.profileName} ·{' '}
        {request.environment === 'simulator'
          ? 'simulator — not real money'
          : request.environment === 'production'
            ? 'PRODUCTION — real funds'
            : 'custom environment — may be real funds'}
      </p>
      {preview?.status === 'ready' && (
        <p className="muted" data-testid="confirm-account">
          Calypso account <span className="mono">{preview.preview.target.account}</span>
        </p>
      )}
      <dl className="facts confirm-facts">
        <div>
          <dt>Amount</dt>
          <dd>
            <span className="amount big">{formatAmount(input.amount)}</span>{' '}
            <CurrencyName code={input.currency} />
          </dd>
        </div>
        <div>
          <dt>Currency</dt>
          <dd>
            <CurrencyName code={input.currency} />{' '}
            <span className="muted mono">{input.currency}</span>
          </dd>
        </div>
        <div>
          <dt>Network</dt>
          <dd>{request.networkLabel}</dd>
        </div>
        <div>
          <dt>Recipient address</dt>
          <dd className="mono wrap">{input.depositAddress}</dd>
        </div>
        <div>
          <dt>Comment</dt>
          <dd>{input.comment ?? '—'}</dd>
        </div>
        <div>
          <dt>Execution</dt>
          <dd>
            {input.executionDate === undefined
              ? 'As soon as possible'
              : `${formatDateTimeSeconds(Date.parse(input.executionDate))} (${input.executionDate})`}
          </dd>
        </div>
        <div>
          <dt>Request id</dt>
          <dd className="mono small-text">{request.requestId}</dd>
        </div>
      </dl>
      <AddressRisks risks={risks} />
      <DebitEstimate profileId={input.profileId} currency={input.currency} amount={input.amount} />
      <SignedPayload preview={preview} />
      {error && <ErrorMessage error={error} />}
      <div className="actions">
        <button
          type="button"
          className={real ? 'danger' : 'primary'}
          disabled={submitting || !ready}
          onClick={() => {
            void confirm();
          }}
        >
          {submitting ? 'Sending…' : error ? 'Try again' : 'Confirm and send'}
        </button>
        <button type="button" disabled={submitting} onClick={edit}>
          Back to edit
        </button>
      </div>
      {error && (
        <p className="field-note">
          Trying again re-sends the same request: Calypso creates this payout at most once.
        </p>
      )}
    </section>
  );
}

/**
 * The recipient address checked against everything this account paid before: a first
 * payment or another network is a warning; a look-alike of a paid address must be accepted
 * after checking with the recipient; a token contract cannot be paid at all.
 */
function AddressRisks({ risks }: { risks: readonly AddressRisk[] }) {
  const { accepted, accept } = useDeskStore(
    useShallow((state) => ({
      accepted: state.payoutAcceptedRisks,
      accept: state.acceptPayoutRisk,
    })),
  );
  if (risks.length === 0) return null;
  return (
    <ul className="address-risks" data-testid="address-risks">
      {risks.map((risk) => (
        <li key={risk.code} className={`address-risk ${risk.severity}`} data-code={risk.code}>
          <p>{risk.message}</p>
          {isAcceptable(risk.code) && (
            <label className="checkbox">
              <input
                type="checkbox"
                checked={(accepted as readonly string[]).includes(risk.code)}
                onChange={(event) => {
                  accept(risk.code as AcceptableRisk, event.target.checked);
                }}
              />{' '}
              I checked the whole address with the recipient: pay it anyway.
            </label>
          )}
        </li>
      ))}
    </ul>
  );
}

function isAcceptable(code: string): code is AcceptableRisk {
  return (ACCEPTABLE_RISKS as readonly string[]).includes(code);
}

/** The create request field for field, as main will sign and send it. */
function SignedPayload({ preview }: { preview: PayoutPreviewState | null }) {
  if (preview === null || preview.status === 'loading') {
    return <p className="muted">Preparing the exact request…</p>;
  }
  if (preview.status === 'failed') return <ErrorMessage error={preview.error} />;
  const fields = Object.entries(preview.preview.payload).filter(
    (entry): entry is [string, string] => typeof entry[1] === 'string',
  );
  return (
    <details className="signed-payload" data-testid="signed-payload" open>
      <summary>What is signed and sent to Calypso</summary>
      <table className="recipients">
        <tbody>
          {fields.map(([field, text]) => (
            <tr key={field}>
              <th scope="row" className="mono">
                {field}
              </th>
              <td className="mono wrap">{text}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="field-note">
        Payload hash <span className="mono">{preview.preview.payloadHash}</span>: Payout Desk sends
        nothing that does not match it.
      </p>
    </details>
  );
}
