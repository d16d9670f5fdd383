import { useEffect, useRef, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { DraftSummary } from '../../../../shared/drafts';
import type { DeskError } from '../../../../shared/ipc';
import type { RunBaseline, RunChange, RunComparison } from '../../../../shared/run-diff';
import { ErrorMessage } from '../../components/ErrorMessage';
import { downloadCsv } from '../../lib/download-file';
import { formatCount, formatDateTime } from '../../lib/format';
import { useDeskStore } from '../../stores/store';
import './run-diff.css';
import { CurrencyName } from '../../components/CurrencyName';
import { formatAmount, formatOptionalAmount } from '../../lib/amount-format';

/** Changes listed on screen; the export holds them all. */
const SHOWN_CHANGES = 500;
/** An edit moves the comparison: asked again this long after the last one. */
const AFTER_EDIT_MS = 500;
/**
 * Above this many rows a comparison reads both runs whole (about a second at 100,000):
 * after an edit it waits for "Compare again" instead, so editing stays what it costs.
 */
const AUTO_COMPARE_MAX_ROWS = 5_000;

const KIND_WORDS: Record<RunChange['kind'], string> = {
  added: 'Added',
  removed: 'Removed',
  changed: 'Changed',
};

function signed(difference: string): string {
  return difference.startsWith('-') || difference === '0' ? difference : `+${difference}`;
}

function baselineText(baseline: RunBaseline): string {
  const when =
    baseline.submittedMs !== null
      ? `submitted ${formatDateTime(baseline.submittedMs)}`
      : `draft, created ${formatDateTime(baseline.createdMs)}`;
  return `${baseline.name} (${baseline.isRetry ? 'retry, ' : ''}${when})`;
}

function changeWord(change: RunChange): string {
  if (change.kind !== 'changed') return KIND_WORDS[change.kind];
  if (change.amountChanged && change.labelChanged) return 'Amount and label';
  return change.amountChanged ? 'Amount' : 'Label';
}

function LabelCell({ change }: { change: RunChange }) {
  if (change.labelChanged) {
    return (
      <span className="run-diff-label">
        {change.baselineLabel ?? 'no label'} → {change.currentLabel ?? 'no label'}
      </span>
    );
  }
  const label = change.currentLabel ?? change.baselineLabel;
  return label === null ? null : <span className="run-diff-label">{label}</span>;
}

function rowsNote(change: RunChange): string | null {
  if (change.baselineRows <= 1 && change.currentRows <= 1) return null;
  return `rows summed: ${String(change.baselineRows)} then, ${String(change.currentRows)} now`;
}

function Comparison({ comparison }: { comparison: RunComparison }) {
  const { counts, changes, totals } = comparison.diff;
  const { excludedRows } = comparison;
  return (
    <>
      <p className="count" data-testid="run-diff-counts">
        {formatCount(counts.added)} added · {formatCount(counts.removed)} removed ·{' '}
        {formatCount(counts.amountChanged)} amount changed · {formatCount(counts.labelChanged)}{' '}
        label changed · {formatCount(counts.unchanged)} unchanged
      </p>
      {(excludedRows.current > 0 || excludedRows.baseline > 0) && (
        <p className="muted small-text" data-testid="run-diff-excluded">
          Not compared, because they cannot be sent as they stand:{' '}
          {formatCount(excludedRows.current)} rows of this draft,{' '}
          {formatCount(excludedRows.baseline)} of the earlier one.
        </p>
      )}
      {totals.length > 0 && (
        <table className="recipients run-diff-totals" aria-label="Totals compared">
          <thead>
            <tr>
              <th scope="col">Currency</th>
              <th scope="col" className="num">
                Last run
              </th>
              <th scope="col" className="num">
                This run
              </th>
              <th scope="col" className="num">
                Difference
              </th>
            </tr>
          </thead>
          <tbody>
            {totals.map((total) => (
              <tr key={total.currency} data-currency={total.currency}>
                <td>
                  <CurrencyName code={total.currency} />
                </td>
                <td className="num amount">{formatAmount(total.baseline)}</td>
                <td className="num amount">{formatAmount(total.current)}</td>
                <td className="num amount">{formatAmount(signed(total.difference))}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {changes.length === 0 ? (
        <p className="muted">Nothing changed: the same recipients, amounts and labels.</p>
      ) : (
        <table className="recipients run-diff-changes" aria-label="Changes since the last run">
          <thead>
            <tr>
              <th scope="col">Change</th>
              <th scope="col">Recipient</th>
              <th scope="col">Currency</th>
              <th scope="col" className="num">
                Last run
              </th>
              <th scope="col" className="num">
                This run
              </th>
              <th scope="col" className="num">
                Difference
              </th>
            </tr>
          </thead>
          <tbody>
            {changes.slice(0, SHOWN_CHANGES).map((change) => (
              <tr
                key={`${change.kind}:${change.currency}:${change.address}`}
                data-kind={change.kind}
                data-address={change.address}
              >
                <td>
                  <span className={`badge run-diff-${change.kind}`}>{changeWord(change)}</span>
                </td>
                <td>
                  <span className="mono">{change.address}</span>
                  <LabelCell change={change} />
                  {rowsNote(change) !== null && (
                    <span className="muted block small-text">{rowsNote(change)}</span>
                  )}
                </td>
                <td>
                  <CurrencyName code={change.currency} />
                </td>
                <td className="num amount">{formatOptionalAmount(change.baselineAmount)}</td>
                <td className="num amount">{formatOptionalAmount(change.currentAmount)}</td>
                <td className="num amount">{formatAmount(signed(change.difference))}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {changes.length > SHOWN_CHANGES && (
        <p className="muted small-text">
          The first {formatCount(SHOWN_CHANGES)} of {formatCount(changes.length)} changes; the
          export holds them all.
        </p>
      )}
    </>
  );
}

function ExportChanges() {
  const exportRunDiff = useDeskStore((state) => state.exportRunDiff);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<DeskError | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const run = async () => {
    setBusy(true);
    setError(null);
    setDone(null);
    const result = await exportRunDiff();
    setBusy(false);
    if ('code' in result) {
      setError(result);
      return;
    }
    downloadCsv(result.fileName, result.csv);
    setDone(`${formatCount(result.rowCount)} changes exported to ${result.fileName}`);
  };
  return (
    <div className="export">
      <button
        type="button"
        disabled={busy}
        onClick={() => {
          void run();
        }}
      >
        {busy ? 'Exporting…' : 'Export changes (CSV)'}
      </button>
      {done !== null && (
        <span className="muted small-text" role="status">
          {done}
        </span>
      )}
      {error && <ErrorMessage error={error} />}
    </div>
  );
}

/**
 * "What changed since the last run": the open draft compared with an earlier run of the
 * profile, by default the last one sent (docs/run-diff.md). Shown before the review.
 */
export function RunDiffPanel({ draft }: { draft: DraftSummary }) {
  const { baselines, baselineId, comparison, loading, error, load, choose, current } = useDeskStore(
    useShallow((state) => ({
      baselines: state.runBaselines,
      baselineId: state.runBaselineId,
      comparison: state.runComparison,
      loading: state.runDiffLoading,
      error: state.runDiffError,
      load: state.loadRunDiff,
      choose: state.chooseRunBaseline,
      current: state.runDiffDraftId === draft.id,
    })),
  );

  // At once for a draft just opened; again a moment after each saved edit (the summary's
  // updatedMs moves), not once per keystroke; a large draft waits to be asked.
  const loadedFor = useRef<string | null>(null);
  const [comparedAt, setComparedAt] = useState<number | null>(null);
  const large = draft.rowCount > AUTO_COMPARE_MAX_ROWS;
  useEffect(() => {
    const again = loadedFor.current === draft.id;
    if (again && large) return;
    const timer = setTimeout(
      () => {
        // Set when the load starts: a timer cleared before it ran loaded nothing.
        loadedFor.current = draft.id;
        setComparedAt(draft.updatedMs);
        void load(draft.id);
      },
      again ? AFTER_EDIT_MS : 0,
    );
    return () => {
      clearTimeout(timer);
    };
  }, [draft.id, draft.updatedMs, large, load]);
  const stale = large && comparedAt !== null && comparedAt !== draft.updatedMs;

  const shown = current ? comparison : null;
  return (
    <section className="card run-diff" aria-labelledby="run-diff-title">
      <header className="run-diff-header">
        <h3 id="run-diff-title">What changed since the last run</h3>
        {current && baselines !== null && baselines.baselines.length > 0 && (
          <label className="run-diff-picker">
            Compared with{' '}
            <select
              value={baselineId ?? ''}
              onChange={(event) => {
                void choose(event.target.value);
              }}
            >
              {baselines.baselines.map((baseline) => (
                <option key={baseline.draftId} value={baseline.draftId}>
                  {baselineText(baseline)}
                </option>
              ))}
            </select>
          </label>
        )}
        {shown !== null && <ExportChanges />}
        {stale && (
          <button
            type="button"
            onClick={() => {
              setComparedAt(draft.updatedMs);
              void load(draft.id);
            }}
          >
            Compare again
          </button>
        )}
      </header>
      {stale && (
        <p className="muted small-text" data-testid="run-diff-stale">
          The draft changed since this comparison.
        </p>
      )}
      {current && error && (
        <ErrorMessage
          error={error}
          onRetry={() => {
            void load(draft.id);
          }}
        />
      )}
      {current && baselines !== null && baselines.baselines.length === 0 && (
        <p className="muted">No earlier run of this profile to compare with.</p>
      )}
      {shown === null && loading && <p className="muted">Comparing…</p>}
      {shown !== null && <Comparison comparison={shown} />}
    </section>
  );
}
