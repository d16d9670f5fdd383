import { payoutStateMeaning, withdrawalStateMeaning } from '../lib/state-meaning';

type Props = { state: string; withdrawal?: boolean; showCode?: boolean };

/** A payout (or recipient) state in plain words; the API's own name stays in the tooltip. */
export function StateBadge({ state, withdrawal = false, showCode = false }: Props) {
  const meaning = withdrawal ? withdrawalStateMeaning(state) : payoutStateMeaning(state);
  return (
    <span
      className={`badge badge-${meaning.tone}`}
      data-state={state}
      title={`${state}: ${meaning.description}`}
    >
      {meaning.label}
      {showCode && <span className="badge-code"> · {state}</span>}
    </span>
  );
}
