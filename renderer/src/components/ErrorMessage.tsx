import type { DeskError } from '../../../shared/ipc';
import { errorGuide } from '../lib/error-guide';

type Props = { error: DeskError; onRetry?: () => void; retryLabel?: string };

/** An error from main: a title by its code, main's own sentence verbatim, and what to do. */
export function ErrorMessage({ error, onRetry, retryLabel = 'Try again' }: Props) {
  const guide = errorGuide(error.code);
  return (
    <div className="error-message" role="alert" data-code={error.code}>
      <strong className="error-title">{guide.title}</strong>
      <p className="error-text">{error.message}</p>
      {guide.hint !== null && <p className="error-hint">{guide.hint}</p>}
      {onRetry && (
        <button type="button" onClick={onRetry}>
          {retryLabel}
        </button>
      )}
    </div>
  );
}
