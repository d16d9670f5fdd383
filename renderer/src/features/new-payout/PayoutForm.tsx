import { useId, useState, type SubmitEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { CURRENCIES, findCurrency } from '../../../../shared/networks';
import { networkLabelOf, type RuleProblem } from '../../../../shared/payout-rules';
import { checkPayoutForm, hasProblems } from './new-payout-slice';
import { useDeskStore } from '../../stores/store';
import { currencyName, currencyNameWithCode } from '../../../../shared/currency-names';

/** The payout as typed, checked live with the rules main applies again before sending. */
export function PayoutForm() {
  const { form, setField, review } = useDeskStore(
    useShallow((state) => ({
      form: state.payoutForm,
      setField: state.setPayoutField,
      review: state.reviewPayout,
    })),
  );
  const [attempted, setAttempted] = useState(false);
  const ids = useId();
  const problems = checkPayoutForm(form);
  const currency = findCurrency(form.currency);

  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    setAttempted(true);
    if (!hasProblems(problems)) review();
  };

  const showAddress = attempted || form.depositAddress.trim() !== '';
  const showAmount = attempted || form.amount.trim() !== '';

  return (
    <form className="card payout-form" aria-label="New payout" onSubmit={submit} noValidate>
      <div className="field">
        <label htmlFor={`${ids}-currency`}>Currency</label>
        <select
          id={`${ids}-currency`}
          value={form.currency}
          onChange={(event) => {
            setField('currency', event.target.value);
          }}
        >
          {CURRENCIES.map((entry) => (
            <option key={entry.code} value={entry.code}>
              {currencyNameWithCode(entry.code)}
            </option>
          ))}
        </select>
        {currency && (
          <p className="field-note">
            Network: {networkLabelOf(currency)}. Amounts up to {currency.decimals} decimals.
            {currency.nativeCoin !== currency.code &&
              ` Network fees need ${currencyName(currency.nativeCoin)} on the balance.`}
          </p>
        )}
      </div>
      <div className="field">
        <label htmlFor={`${ids}-address`}>Recipient address</label>
        <input
          id={`${ids}-address`}
          value={form.depositAddress}
          autoComplete="off"
          spellCheck={false}
          className="mono"
          aria-invalid={showAddress && problems.depositAddress.length > 0}
          aria-describedby={`${ids}-address-check`}
          onChange={(event) => {
            setField('depositAddress', event.target.value);
          }}
        />
        <FieldCheck
          id={`${ids}-address-check`}
          show={showAddress}
          problems={problems.depositAddress}
          okText={currency ? `Valid ${networkLabelOf(currency)} address.` : ''}
        />
      </div>
      <div className="field">
        <label htmlFor={`${ids}-amount`}>Amount</label>
        <input
          id={`${ids}-amount`}
          value={form.amount}
          inputMode="decimal"
          autoComplete="off"
          className="mono"
          aria-invalid={showAmount && problems.amount.length > 0}
          aria-describedby={`${ids}-amount-check`}
          onChange={(event) => {
            setField('amount', event.target.value);
          }}
        />
        <FieldCheck
          id={`${ids}-amount-check`}
          show={showAmount}
          problems={problems.amount}
          okText=""
        />
      </div>
      <div className="field">
        <label htmlFor={`${ids}-comment`}>Comment (optional)</label>
        <input
          id={`${ids}-comment`}
          value={form.comment}
          maxLength={500}
          onChange={(event) => {
            setField('comment', event.target.value);
          }}
        />
      </div>
      <div className="field">
        <label htmlFor={`${ids}-execution`}>Execution date (optional)</label>
        <input
          id={`${ids}-execution`}
          type="datetime-local"
          value={form.executionDate}
          aria-invalid={problems.executionDate !== null}
          aria-describedby={`${ids}-execution-note`}
          onChange={(event) => {
            setField('executionDate', event.target.value);
          }}
        />
        <p
          className={`field-note${problems.executionDate !== null ? ' problem' : ''}`}
          id={`${ids}-execution-note`}
        >
          {problems.executionDate ??
            'Leave empty to send as soon as possible. Local time; a scheduled payout can be cancelled until it starts.'}
        </p>
      </div>
      <div className="actions">
        <button type="submit" className="primary">
          Review payout
        </button>
      </div>
    </form>
  );
}

function FieldCheck({
  id,
  show,
  problems,
  okText,
}: {
  id: string;
  show: boolean;
  problems: RuleProblem[];
  okText: string;
}) {
  if (!show) return <p id={id} className="field-note" />;
  if (problems.length === 0) {
    return (
      <p id={id} className="field-note ok">
        {okText}
      </p>
    );
  }
  return (
    <p id={id} className="field-note problem" role="alert">
      {problems.map((problem) => problem.message).join(' ')}
    </p>
  );
}
