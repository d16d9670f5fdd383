import { useShallow } from 'zustand/react/shallow';
import { selectActiveProfile } from '../../stores/selectors';
import { useDeskStore } from '../../stores/store';
import { ProgressBar } from '../../components/ProgressBar';
import { formatCount } from '../../lib/format';
import { progressView } from '../../../../shared/progress';
import { FileDrop } from './FileDrop';
import { ImportSummary } from './ImportSummary';
import { TemplateButton } from './TemplateButton';
import './import.css';

/** A spreadsheet of recipients -> rows with verdicts -> a draft (nothing is sent here). */
export function ImportPage() {
  const { profile, status, fileName, failure, result, progress } = useDeskStore(
    useShallow((state) => ({
      profile: selectActiveProfile(state),
      status: state.importStatus,
      progress: state.importProgress,
      fileName: state.importFileName,
      failure: state.importFailure,
      result: state.importResult,
    })),
  );
  return (
    <section className="page import-page" aria-labelledby="import-title">
      <header className="page-header">
        <h2 id="import-title">Import a payout file</h2>
        {profile && <p className="muted">Into “{profile.name}”</p>}
        <div className="page-actions">
          <TemplateButton />
        </div>
      </header>
      {!profile ? (
        <p>Add a profile under Accounts first.</p>
      ) : (
        <>
          <FileDrop />
          {status === 'reading' && (
            <p className="muted" role="status" data-testid="import-status">
              Reading {fileName ?? 'the file'}…{' '}
              {progress !== null && (
                <ProgressBar
                  view={progressView(progress, 'rows checked', formatCount)}
                  label="Import"
                  testId="import-progress"
                />
              )}
            </p>
          )}
          {status === 'failed' && (
            <div className="error-message" role="alert">
              <strong className="error-title">The file could not be read</strong>
              <p className="error-text">{failure}</p>
            </div>
          )}
          {result && <ImportSummary result={result} />}
        </>
      )}
    </section>
  );
}
