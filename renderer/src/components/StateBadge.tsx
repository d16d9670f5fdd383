import { payoutStateMeaning, withdrawalStateMeaning } from '../lib/state-meaning';

type Props = { state: string; withdrawal?: boolean; showCode?: boolean };

/**
 * A payout (or recipient) state in plain words. The badge wraps rather than being cut
 * (styles.css); the tooltip repeats the whole label with the API's own name and its meaning.
 */
export function StateBadge({ state, withdrawal = false, showCode = false }: Props) {
  const meaning = withdrawal ? withdrawalStateMeaning(state) : payoutStateMeaning(state);
  return (
    <span
      className={`badge badge-${meaning.tone}`}
      data-state={state}
      title={`${meaning.label} (${state}): ${meaning.description}`}
    >
      {meaning.label}
      {showCode && <span className="badge-code"> · {state}</span>}
    </span>
  );
}
