import { useShallow } from 'zustand/react/shallow';
import { PROBLEM_SEVERITY } from '../../../../shared/import/problem-codes';
import { ErrorMessage } from '../../components/ErrorMessage';
import { findDraftRow } from './drafts-slice';
import { useDeskStore } from '../../stores/store';
import { rowName } from './DraftGrid';
import { VerdictBadge } from './VerdictBadge';
import { VERDICT_MEANINGS } from './verdicts';

/** The problems of the row being edited, every sentence in full. */
export function RowDetails() {
  const { row, error, editing, accept } = useDeskStore(
    useShallow((state) => {
      const rowNo = state.draftActiveRowNo;
      return {
        row: rowNo === null ? undefined : findDraftRow(state.draftRowPages, rowNo),
        error: rowNo === null ? null : (state.draftRowErrors[rowNo] ?? null),
        editing: state.draft?.state === 'editing',
        accept: state.acceptDraftRowLookalike,
      };
    }),
  );
  const lookalike = row?.problems.some((problem) => problem.code === 'ADDRESS_LOOKALIKE');
  return (
    <section className="card side-card" aria-label="Row details">
      {!row ? (
        <p className="muted">Click a row to see what is wrong with it and how to fix it.</p>
      ) : (
        <>
          <h3>
            Row {rowName(row)} <VerdictBadge verdict={row.verdict} problems={row.problems} />
          </h3>
          {row.problems.length === 0 ? (
            <p>{VERDICT_MEANINGS[row.verdict].description}</p>
          ) : (
            <ul className="row-problem-list">
              {row.problems.map((problem, index) => (
                // A row's problems have no identity beyond their order.
                <li
                  key={index}
                  className={
                    (PROBLEM_SEVERITY as Readonly<Record<string, string | undefined>>)[
                      problem.code
                    ] === 'error'
                      ? 'error-inline'
                      : 'warning-inline'
                  }
                >
                  {problem.message}
                </li>
              ))}
            </ul>
          )}
          {row.problems.length > 0 && lookalike && editing && (
            <label className="checkbox">
              <input
                type="checkbox"
                checked={false}
                onChange={() => {
                  void accept(row.rowNo);
                }}
              />
              I checked the whole address with the recipient: it is theirs.
            </label>
          )}
          {error && <ErrorMessage error={error} />}
        </>
      )}
    </section>
  );
}
