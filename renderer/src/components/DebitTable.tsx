/**
 * What leaves the account, per currency: amount, Calypso's fee (an estimate from what it
 * charged this account lately, or "unknown"), total debit, balance and balance after, and
 * whether the balance is enough. For a token, the chain's native coin balance too, since it
 * pays the network fee. Used by the draft review and the single-payout confirmation.
 */
import type { DebitEstimate } from '../../../shared/debit-estimate';
import { formatCount } from '../lib/format';
import { currencyName } from '../../../shared/currency-names';
import { CurrencyName } from './CurrencyName';
import { formatAmount, formatOptionalAmount } from '../lib/amount-format';

type Props = {
  debits: readonly DebitEstimate[];
  /** Rows per currency (the draft review); left out for a single payout. */
  rowCounts?: ReadonlyMap<string, number>;
  label: string;
  /** False when the balance could not be asked: the columns say "not checked". */
  balancesKnown: boolean;
};

export function DebitTable({ debits, rowCounts, label, balancesKnown }: Props) {
  return (
    <>
      <table className="recipients review-totals debit-table" aria-label={label}>
        <thead>
          <tr>
            <th scope="col">Currency</th>
            {rowCounts && (
              <th scope="col" className="num">
                Rows
              </th>
            )}
            <th scope="col" className="num">
              Amount
            </th>
            <th
              scope="col"
              className="num"
              title="Calypso's fee, estimated from the percentage it charged this account on recent payouts of the same currency"
            >
              Calypso fee (estimate)
            </th>
            <th
              scope="col"
              className="num"
              title="What leaves the account: the amount plus Calypso's fee (at least the amount when the fee is not known)"
            >
              Total debit
            </th>
            <th
              scope="col"
              className="num"
              title="The account's balance in this currency, as Calypso reported it just now"
            >
              Balance
            </th>
            <th
              scope="col"
              className="num"
              title="The balance minus the total debit (at most this when the fee is not known)"
            >
              Balance after
            </th>
            <th scope="col">Enough?</th>
          </tr>
        </thead>
        <tbody>
          {debits.map((debit) => (
            <tr key={debit.currency} data-currency={debit.currency}>
              <td>
                <CurrencyName code={debit.currency} />
              </td>
              {rowCounts && (
                <td className="num">{formatCount(rowCounts.get(debit.currency) ?? 0)}</td>
              )}
              <td className="num amount" data-testid="review-total">
                {formatAmount(debit.amount)}
              </td>
              <td className="num amount" data-testid="debit-fee">
                {debit.estimatedFee === null ? (
                  <span className="muted" title="No recent payout of this currency tells the fee">
                    unknown
                  </span>
                ) : (
                  <span title={`${debit.feePercentage ?? ''} % as charged on recent payouts`}>
                    ≈ {formatAmount(debit.estimatedFee)}
                  </span>
                )}
              </td>
              <td className="num amount" data-testid="debit-total">
                {debit.estimatedFee === null
                  ? `at least ${formatAmount(debit.totalDebit)}`
                  : formatAmount(debit.totalDebit)}
              </td>
              <td className="num amount">{formatOptionalAmount(debit.balance)}</td>
              <td className="num amount" data-testid="debit-after">
                {debit.estimatedFee === null && debit.balanceAfter !== null
                  ? `at most ${formatAmount(debit.balanceAfter)}`
                  : formatOptionalAmount(debit.balanceAfter)}
              </td>
              <td>
                {!balancesKnown || debit.balance === null ? (
                  <span className="muted">Not checked</span>
                ) : debit.short ? (
                  <span className="badge badge-danger">Short</span>
                ) : (
                  <span
                    className="badge badge-success"
                    title={
                      debit.estimatedFee === null
                        ? 'Enough for the amounts; Calypso has not charged a fee on this currency lately, so its fee is not counted'
                        : 'The balance covers the amounts and the estimated fee'
                    }
                  >
                    Enough
                  </span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <NativeCoinNotes debits={debits} />
    </>
  );
}

/** A token's network fee is paid in the chain's coin: an empty one is a warning. */
function NativeCoinNotes({ debits }: { debits: readonly DebitEstimate[] }) {
  const tokens = debits.filter((debit) => debit.nativeCoin !== null);
  if (tokens.length === 0) return null;
  return (
    <ul className="field-note native-coins" data-testid="native-coins">
      {tokens.map((debit) => {
        const native = debit.nativeCoin;
        if (native === null) return null;
        return (
          <li key={debit.currency} className={native.empty ? 'warning' : undefined}>
            {native.empty
              ? `The ${currencyName(native.currency)} balance is zero: ${currencyName(debit.currency)} transfers need ${currencyName(native.currency)} for the network fee, so Calypso may not be able to send them.`
              : `${currencyName(debit.currency)} network fees are paid in ${currencyName(native.currency)}: balance ${native.balance === null ? 'not checked' : formatAmount(native.balance)}.`}
          </li>
        );
      })}
    </ul>
  );
}
