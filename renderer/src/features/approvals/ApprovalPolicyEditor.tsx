/**
 * An account's approval policy (docs/approvals.md): the approvers by name and public key,
 * how many must approve (M of N), the total per currency above which a draft needs approval
 * (a currency without a threshold always does), and whether a first payment to an address
 * always needs it. Main checks every field again and answers with a sentence.
 */
import { useEffect, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { ApprovalPolicy, ApprovalPolicyInput } from '../../../../shared/approvals';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useDeskStore } from '../../stores/store';
import './approvals.css';
import { currencyName } from '../../../../shared/currency-names';
import { formatAmount } from '../../lib/amount-format';

type Form = {
  approvers: { name: string; publicKey: string }[];
  required: string;
  thresholds: { currency: string; above: string }[];
  firstPaymentNeedsApproval: boolean;
};

function formOf(policy: ApprovalPolicy | null): Form {
  return policy === null
    ? {
        approvers: [{ name: '', publicKey: '' }],
        required: '1',
        thresholds: [],
        firstPaymentNeedsApproval: true,
      }
    : {
        approvers: policy.approvers.map((entry) => ({ ...entry })),
        required: String(policy.required),
        thresholds: policy.thresholds.map((entry) => ({ ...entry })),
        firstPaymentNeedsApproval: policy.firstPaymentNeedsApproval,
      };
}

function inputOf(form: Form): ApprovalPolicyInput {
  return {
    approvers: form.approvers.map((entry) => ({
      name: entry.name.trim(),
      publicKey: entry.publicKey.trim(),
    })),
    // Not a number: 0, which main refuses with its own sentence ("at least 1 approval").
    required: Number.parseInt(form.required, 10) || 0,
    thresholds: form.thresholds.map((entry) => ({
      currency: entry.currency.trim(),
      above: entry.above.trim(),
    })),
    firstPaymentNeedsApproval: form.firstPaymentNeedsApproval,
  };
}

/** The list with the entry at `index` changed: the form's approver and threshold rows. */
function withChanged<T>(list: readonly T[], index: number, change: Partial<T>): T[] {
  return list.map((entry, at) => (at === index ? { ...entry, ...change } : entry));
}

export function ApprovalPolicyEditor({ profileId }: { profileId: string }) {
  const { policy, loadedFor, error, busy, load, save } = useDeskStore(
    useShallow((state) => ({
      policy: state.approvalPolicy,
      loadedFor: state.approvalPolicyProfileId,
      error: state.approvalPolicyError,
      busy: state.approvalBusy,
      load: state.loadApprovalPolicy,
      save: state.saveApprovalPolicy,
    })),
  );
  const [form, setForm] = useState<Form | null>(null);
  useEffect(() => {
    void load(profileId);
  }, [load, profileId]);
  const current = loadedFor === profileId ? policy : null;

  if (form === null) {
    return (
      <section className="approval-policy" aria-label="Approval policy">
        <h4>Approval policy</h4>
        {current === null ? (
          <p data-testid="policy-summary">No approvals needed: any draft can be submitted.</p>
        ) : (
          <p data-testid="policy-summary">
            {current.required} of {current.approvers.length} approvers (
            {current.approvers.map((entry) => entry.name).join(', ')}) must approve a draft
            {current.thresholds.length > 0
              ? ` whose total is above ${current.thresholds.map((entry) => `${formatAmount(entry.above)} ${currencyName(entry.currency)}`).join(', ')}`
              : ''}
            ; any other currency always needs approval
            {current.firstPaymentNeedsApproval ? ', and so does a first payment to an address' : ''}
            .
          </p>
        )}
        <button
          type="button"
          onClick={() => {
            setForm(formOf(current));
          }}
        >
          {current === null ? 'Require approvals' : 'Edit the approval policy'}
        </button>
        {error && <ErrorMessage error={error} />}
      </section>
    );
  }

  const update = (patch: Partial<Form>) => {
    setForm({ ...form, ...patch });
  };
  return (
    <form
      className="approval-policy"
      aria-label="Approval policy"
      onSubmit={(event) => {
        event.preventDefault();
        void save(profileId, inputOf(form)).then((saved) => {
          if (saved) setForm(null);
        });
      }}
    >
      <h4>Approval policy</h4>
      <fieldset>
        <legend>Approvers</legend>
        {form.approvers.map((approver, index) => (
          <div className="policy-row" key={index} data-testid="policy-approver">
            <label>
              Name
              <input
                value={approver.name}
                maxLength={100}
                onChange={(event) => {
                  update({
                    approvers: withChanged(form.approvers, index, { name: event.target.value }),
                  });
                }}
              />
            </label>
            <label>
              Public key
              <input
                className="mono"
                value={approver.publicKey}
                onChange={(event) => {
                  update({
                    approvers: withChanged(form.approvers, index, {
                      publicKey: event.target.value,
                    }),
                  });
                }}
              />
            </label>
            <button
              type="button"
              className="small"
              onClick={() => {
                update({ approvers: form.approvers.filter((_, at) => at !== index) });
              }}
            >
              Remove
            </button>
          </div>
        ))}
        <button
          type="button"
          className="small"
          onClick={() => {
            update({ approvers: [...form.approvers, { name: '', publicKey: '' }] });
          }}
        >
          Add an approver
        </button>
      </fieldset>
      <label>
        Approvals needed (M of {form.approvers.length})
        <input
          type="number"
          min={1}
          max={form.approvers.length}
          value={form.required}
          onChange={(event) => {
            update({ required: event.target.value });
          }}
        />
      </label>
      <fieldset>
        <legend>Approval needed above (per currency; a currency not listed always needs it)</legend>
        {form.thresholds.map((threshold, index) => (
          <div className="policy-row" key={index} data-testid="policy-threshold">
            <label>
              Currency
              <input
                value={threshold.currency}
                maxLength={20}
                onChange={(event) => {
                  update({
                    thresholds: withChanged(form.thresholds, index, {
                      currency: event.target.value,
                    }),
                  });
                }}
              />
            </label>
            <label>
              Above
              <input
                inputMode="decimal"
                value={threshold.above}
                onChange={(event) => {
                  update({
                    thresholds: withChanged(form.thresholds, index, { above: event.target.value }),
                  });
                }}
              />
            </label>
            <button
              type="button"
              className="small"
              onClick={() => {
                update({ thresholds: form.thresholds.filter((_, at) => at !== index) });
              }}
            >
              Remove
            </button>
          </div>
        ))}
        <button
          type="button"
          className="small"
          onClick={() => {
            update({ thresholds: [...form.thresholds, { currency: '', above: '' }] });
          }}
        >
          Add a threshold
        </button>
      </fieldset>
      <label className="checkbox">
        <input
          type="checkbox"
          checked={form.firstPaymentNeedsApproval}
          onChange={(event) => {
            update({ firstPaymentNeedsApproval: event.target.checked });
          }}
        />
        A first payment to an address always needs approval
      </label>
      <div className="actions">
        <button type="submit" className="primary" disabled={busy}>
          Save the approval policy
        </button>
        {current !== null && (
          <button
            type="button"
            className="danger"
            disabled={busy}
            onClick={() => {
              void save(profileId, null).then((saved) => {
                if (saved) setForm(null);
              });
            }}
          >
            Stop requiring approvals
          </button>
        )}
        <button
          type="button"
          onClick={() => {
            setForm(null);
          }}
        >
          Cancel
        </button>
      </div>
      {error && <ErrorMessage error={error} />}
    </form>
  );
}
