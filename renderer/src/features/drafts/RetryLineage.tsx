import type { DraftRetry } from '../../../../shared/drafts';
import { DRAFT_STATE_LABELS } from './verdicts';

/**
 * "Retried in <draft> (<state>)" on a draft whose failed rows were retried: the person sees
 * that those recipients are already on their way again before thinking of paying them.
 */
export function RetryLineage({
  retries,
  onOpen,
}: {
  retries: readonly DraftRetry[];
  onOpen: (draftId: string) => void;
}) {
  if (retries.length === 0) return null;
  return (
    <ul className="draft-parent draft-retries" data-testid="draft-retries">
      {retries.map((retry) => (
        <li key={retry.id}>
          Retried in{' '}
          <button
            type="button"
            className="link"
            onClick={() => {
              onOpen(retry.id);
            }}
          >
            {retry.name}
          </button>{' '}
          ({DRAFT_STATE_LABELS[retry.state].toLowerCase()})
        </li>
      ))}
    </ul>
  );
}
