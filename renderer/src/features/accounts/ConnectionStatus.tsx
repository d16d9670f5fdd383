import { ErrorMessage } from '../../components/ErrorMessage';
import type { ConnectionCheckState } from './profiles-slice';
import { CurrencyName } from '../../components/CurrencyName';
import { formatAmount } from '../../lib/amount-format';

/** Beyond this the computer's clock is far enough off Calypso's to warn (DESIGN.md). */
export const CLOCK_WARNING_MS = 60_000;

export function ConnectionStatus({ check }: { check: ConnectionCheckState }) {
  if (check.status === 'checking') {
    return (
      <p className="muted" role="status">
        Checking the connection…
      </p>
    );
  }
  if (check.status === 'failed') return <ErrorMessage error={check.error} />;
  const { clockOffsetMs, balances } = check.result;
  const seconds = Math.round(Math.abs(clockOffsetMs) / 1000);
  return (
    <div className="connection-ok" role="status">
      <p>
        <strong>Connected.</strong> Calypso accepted the credentials.
      </p>
      {Math.abs(clockOffsetMs) > CLOCK_WARNING_MS && (
        <p className="warning" role="alert">
          This computer’s clock is {seconds} seconds {clockOffsetMs > 0 ? 'behind' : 'ahead of'}{' '}
          Calypso’s. Requests may be refused: turn on automatic date and time.
        </p>
      )}
      {balances.length > 0 && (
        <dl className="balances">
          {balances.map((balance) => (
            <div key={balance.currency}>
              <dt>
                <CurrencyName code={balance.currency} />
              </dt>
              <dd className="amount">{formatAmount(balance.amount)}</dd>
            </div>
          ))}
        </dl>
      )}
    </div>
  );
}
