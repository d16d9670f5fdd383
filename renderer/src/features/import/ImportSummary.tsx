/**
 * What the importer made of the file: how it was read, file-level problems first and loud,
 * counts per verdict, the column mapping, the rows that need attention, and "Create draft".
 */
import { useEffect, useId, useState, type SubmitEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { ImportProblem, ImportRow } from '../../../../shared/import';
import type { ReadingSummary } from '../../../../shared/import/reading-summary';
import { CURRENCIES } from '../../../../shared/networks';
import { ErrorMessage } from '../../components/ErrorMessage';
import { formatCount } from '../../lib/format';
import { canCreateDraft } from './import-slice';
import { useDeskStore } from '../../stores/store';
import { VerdictBadge } from '../drafts/VerdictBadge';
import { rowsText } from '../drafts/verdicts';
import { ColumnMappingForm } from './ColumnMappingForm';
import {
  DECIMAL_LABELS,
  DELIMITER_LABELS,
  ENCODING_LABELS,
  FILE_KIND_LABELS,
} from './import-words';

export function ImportSummary({ result }: { result: ReadingSummary }) {
  const { fileName, parseMs, reading } = useDeskStore(
    useShallow((state) => ({
      fileName: state.importFileName,
      parseMs: state.importParseMs,
      reading: state.importStatus === 'reading',
    })),
  );
  const attention = result.attention;
  return (
    <section className="card import-summary" aria-labelledby="import-summary-title">
      <h3 id="import-summary-title">
        {fileName ?? 'The file'}: {rowsText(result.rowCount)}
      </h3>
      <FileFacts result={result} parseMs={parseMs} />
      <FileProblems problems={result.problems} />
      <VerdictCounts result={result} />
      <div className="import-choices">
        <ColumnMappingForm result={result} />
        <ReadingChoices result={result} reading={reading} />
      </div>
      {result.preview.length > 0 && <ReadingPreview result={result} />}
      {attention.length > 0 && <AttentionRows rows={attention} total={result.rowCount} />}
      <CreateDraftForm result={result} />
    </section>
  );
}

function FileFacts({ result, parseMs }: { result: ReadingSummary; parseMs: number | null }) {
  return (
    <dl className="facts import-facts" aria-label="How the file was read">
      {result.fileKind === 'csv' ? (
        <>
          <div>
            <dt>Encoding</dt>
            <dd data-testid="import-encoding">
              {ENCODING_LABELS[result.encoding]}
              {result.bom ? ' with byte-order mark' : ''}
            </dd>
          </div>
          <div>
            <dt>Delimiter</dt>
            <dd data-testid="import-delimiter">{DELIMITER_LABELS[result.delimiter]}</dd>
          </div>
        </>
      ) : (
        <>
          <div>
            <dt>File</dt>
            <dd data-testid="import-file-kind">{FILE_KIND_LABELS[result.fileKind]}</dd>
          </div>
          <div>
            <dt>Sheet</dt>
            <dd data-testid="import-sheet-read">
              {result.sheet ?? '—'}
              {result.sheets.length > 1 ? ` (of ${formatCount(result.sheets.length)} sheets)` : ''}
            </dd>
          </div>
        </>
      )}
      <div>
        <dt>Decimal separator</dt>
        <dd data-testid="import-decimal">
          {result.decimalSeparator !== null
            ? DECIMAL_LABELS[result.decimalSeparator]
            : result.rowCount === 0
              ? '—'
              : result.fileKind === 'csv'
                ? 'Not needed (no amount has decimals)'
                : 'Not needed (the amounts are stored as numbers)'}
        </dd>
      </div>
      <div>
        <dt>Header row</dt>
        <dd>{result.hasHeader ? 'Yes' : 'No — columns recognised by their content'}</dd>
      </div>
      {parseMs !== null && (
        <div>
          <dt>Read in</dt>
          <dd className="muted">{formatCount(parseMs)} ms</dd>
        </div>
      )}
    </dl>
  );
}

function FileProblems({ problems }: { problems: readonly ImportProblem[] }) {
  if (problems.length === 0) return null;
  const errors = problems.filter((problem) => problem.severity === 'error');
  const warnings = problems.filter((problem) => problem.severity === 'warning');
  return (
    <div className="file-problems" aria-label="Problems with the file">
      {errors.length > 0 && (
        <div className="error-message" role="alert">
          <strong className="error-title">The file cannot be used as it is</strong>
          <ul>
            {errors.map((problem, index) => (
              // The importer's order is the only identity a problem has.
              <li key={index} data-code={problem.code}>
                {problem.message}
              </li>
            ))}
          </ul>
        </div>
      )}
      {warnings.length > 0 && (
        <div className="warning file-warnings" role="note">
          <strong>Check before you go on</strong>
          <ul>
            {warnings.map((problem, index) => (
              <li key={index} data-code={problem.code}>
                {problem.message}
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}

function VerdictCounts({ result }: { result: ReadingSummary }) {
  const { counts } = result;
  return (
    <ul className="verdict-counts" aria-label="Rows by verdict">
      <li
        className="verdict-count ok"
        title="Rows with nothing to check: they are sent as they are"
      >
        <strong data-testid="import-count-ok">{formatCount(counts.ok)}</strong> OK
      </li>
      <li
        className="verdict-count warning"
        title="Rows that are sent, but have something a person should look at (a first payment to an address, a name that differs from the address book…)"
      >
        <strong data-testid="import-count-warning">{formatCount(counts.warning)}</strong>{' '}
        {counts.warning === 1 ? 'warning' : 'warnings'}
      </li>
      <li
        className="verdict-count error"
        title="Rows that are not sent until they are fixed in the draft (a bad checksum, a wrong network, too many decimals…)"
      >
        <strong data-testid="import-count-error">{formatCount(counts.error)}</strong>{' '}
        {counts.error === 1 ? 'error' : 'errors'}
      </li>
      <li
        className="verdict-count muted"
        title="One mass payout per currency, split where Calypso caps the recipients of one mass payout; rows with errors are left out"
      >
        {result.batches.length > 0 &&
          `${formatCount(result.batches.length)} mass ${result.batches.length === 1 ? 'payout' : 'payouts'} planned`}
      </li>
    </ul>
  );
}

function ReadingChoices({ result, reading }: { result: ReadingSummary; reading: boolean }) {
  const { choices, setCurrency, setDecimal, setDelimiter } = useDeskStore(
    useShallow((state) => ({
      choices: state.importChoices,
      setCurrency: state.setImportCurrency,
      setDecimal: state.setImportDecimalSeparator,
      setDelimiter: state.setImportDelimiter,
    })),
  );
  const ids = useId();
  const needsCurrency = result.mapping.currency === null || result.currencyMissing;
  return (
    <fieldset className="reading-choices">
      <legend>Reading</legend>
      {result.sheets.length > 1 && (
        <SheetChoice sheets={result.sheets} sheet={result.sheet} reading={reading} />
      )}
      {(needsCurrency || choices.currency !== undefined) && (
        <div className="field compact">
          <label htmlFor={`${ids}-currency`}>
            {result.mapping.currency === null
              ? 'Currency of every row'
              : 'Currency of rows without one'}
          </label>
          <select
            id={`${ids}-currency`}
            value={choices.currency ?? ''}
            disabled={reading}
            onChange={(event) => {
              void setCurrency(event.target.value === '' ? null : event.target.value);
            }}
          >
            <option value="">Choose a currency…</option>
            {CURRENCIES.map((entry) => (
              <option key={entry.code} value={entry.code}>
                {entry.code} — {entry.label}
              </option>
            ))}
          </select>
        </div>
      )}
      {result.fileKind === 'csv' && (
        <div className="field compact">
          <label htmlFor={`${ids}-delimiter`}>Delimiter</label>
          <select
            id={`${ids}-delimiter`}
            value={choices.delimiter ?? ''}
            disabled={reading}
            onChange={(event) => {
              const value = event.target.value;
              void setDelimiter(value === ',' || value === ';' || value === '\t' ? value : null);
            }}
          >
            <option value="">Detect from the file ({DELIMITER_LABELS[result.delimiter]})</option>
            <option value=",">{DELIMITER_LABELS[',']}</option>
            <option value=";">{DELIMITER_LABELS[';']}</option>
            <option value={'\t'}>{DELIMITER_LABELS['\t']}</option>
          </select>
        </div>
      )}
      <div className="field compact">
        <label htmlFor={`${ids}-decimal`}>Decimal separator</label>
        <select
          id={`${ids}-decimal`}
          value={choices.decimalSeparator ?? ''}
          disabled={reading}
          onChange={(event) => {
            const value = event.target.value;
            void setDecimal(value === '.' || value === ',' ? value : null);
          }}
        >
          <option value="">Detect from the file</option>
          <option value=".">{DECIMAL_LABELS['.']}</option>
          <option value=",">{DECIMAL_LABELS[',']}</option>
        </select>
      </div>
    </fieldset>
  );
}

/** A workbook with several sheets: which one holds the payout list. */
function SheetChoice({
  sheets,
  sheet,
  reading,
}: {
  sheets: readonly string[];
  sheet: string | null;
  reading: boolean;
}) {
  const setSheet = useDeskStore((state) => state.setImportSheet);
  const id = useId();
  return (
    <div className="field compact">
      <label htmlFor={id}>Sheet</label>
      <select
        id={id}
        value={sheet ?? ''}
        disabled={reading}
        onChange={(event) => {
          void setSheet(event.target.value);
        }}
      >
        {sheet === null && <option value="">Choose a sheet…</option>}
        {sheets.map((name) => (
          <option key={name} value={name}>
            {name}
          </option>
        ))}
      </select>
    </div>
  );
}

/**
 * The first rows as the file has them beside what was read from them, so a person sees the
 * mapping, the delimiter and the decimal separator at work before making a draft.
 */
function ReadingPreview({ result }: { result: ReadingSummary }) {
  const { mapping } = result;
  const used = new Set(Object.values(mapping).filter((column) => column !== null));
  return (
    <section className="attention reading-preview" aria-labelledby="preview-title">
      <h4 id="preview-title">How the first rows were read</h4>
      <p className="muted small-text">
        The cells as the file has them, and what Payout Desk read from them. Columns the payout does
        not use are kept with each row ({formatCount(result.extraColumns.length)}).
      </p>
      <table className="recipients" aria-label="How the first rows were read">
        <thead>
          <tr>
            <th scope="col">Line</th>
            <th scope="col">As written</th>
            <th scope="col">Address</th>
            <th scope="col">Name</th>
            <th scope="col" className="num">
              Amount
            </th>
            <th scope="col">Currency</th>
            <th scope="col">Verdict</th>
          </tr>
        </thead>
        <tbody>
          {result.preview.map((row, index) => (
            <tr key={row.line} data-line={row.line}>
              <td>{row.line}</td>
              <td className="mono wrap small-text" data-testid="preview-raw">
                {(result.sample[index] ?? []).map((cell, column) => (
                  <span key={column} className={used.has(column) ? 'raw-cell used' : 'raw-cell'}>
                    {cell === '' ? '∅' : cell}
                  </span>
                ))}
              </td>
              <td className="mono wrap">{row.address}</td>
              <td>{row.name}</td>
              <td className="num amount" data-testid="preview-amount">
                {row.amount}
              </td>
              <td>{row.currency}</td>
              <td>
                <VerdictBadge verdict={row.verdict} problems={row.problems} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** The attention rows drawn with the summary: about what the screen shows below the preview. */
const ATTENTION_FIRST_ROWS = 8;

/**
 * `rows` cut to their first `first` on the render that brings them, and whole from the next
 * task on: the summary is drawn (and a person can read it) before the rows below the fold
 * are laid out (issue 10 part 3). A new reading starts again from its own first rows.
 */
function useFirstRowsThenAll<T>(rows: readonly T[], first: number): readonly T[] {
  const [wholeFor, setWholeFor] = useState<readonly T[] | null>(null);
  useEffect(() => {
    if (rows.length <= first) return undefined;
    const timer = setTimeout(() => {
      setWholeFor(rows);
    }, 0);
    return () => {
      clearTimeout(timer);
    };
  }, [rows, first]);
  return wholeFor === rows || rows.length <= first ? rows : rows.slice(0, first);
}

function AttentionRows({ rows, total }: { rows: readonly ImportRow[]; total: number }) {
  const drawn = useFirstRowsThenAll(rows, ATTENTION_FIRST_ROWS);
  return (
    <section className="attention" aria-labelledby="attention-title">
      <h4 id="attention-title">Rows that need attention</h4>
      <p className="muted small-text">
        Rows with an error are never sent: fix or delete them in the draft. The first{' '}
        {formatCount(rows.length)} of {formatCount(total)} rows are shown here.
      </p>
      <table className="recipients attention-rows" aria-label="Rows that need attention">
        <thead>
          <tr>
            <th scope="col">Line</th>
            <th scope="col">Address</th>
            <th scope="col" className="num">
              Amount
            </th>
            <th scope="col">Currency</th>
            <th scope="col">Verdict</th>
            <th scope="col">Why</th>
          </tr>
        </thead>
        <tbody>
          {drawn.map((row) => (
            <tr key={row.line} data-line={row.line}>
              <td>{row.line}</td>
              <td className="mono wrap">{row.address}</td>
              <td className="num amount">{row.amount}</td>
              <td>{row.currency}</td>
              <td>
                <VerdictBadge verdict={row.verdict} problems={row.problems} />
              </td>
              <td>
                {row.problems.map((problem, index) => (
                  <span
                    key={index}
                    className={`block ${problem.severity === 'error' ? 'error-inline' : 'warning-inline'}`}
                  >
                    {problem.message}
                  </span>
                ))}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function CreateDraftForm({ result }: { result: ReadingSummary }) {
  const { name, setName, creating, error, reading, create } = useDeskStore(
    useShallow((state) => ({
      name: state.importDraftName,
      setName: state.setImportDraftName,
      creating: state.importCreating,
      error: state.importCreateError,
      reading: state.importStatus === 'reading',
      create: state.createDraftFromImport,
    })),
  );
  const id = useId();
  const tooLong = result.oversizedLines;
  const possible = canCreateDraft(result);
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    void create();
  };
  return (
    <form className="create-draft" aria-label="Create draft" onSubmit={submit}>
      <div className="field compact">
        <label htmlFor={id}>Draft name</label>
        <input
          id={id}
          value={name}
          maxLength={200}
          onChange={(event) => {
            setName(event.target.value);
          }}
        />
      </div>
      <button type="submit" className="primary" disabled={!possible || creating || reading}>
        {creating ? 'Creating the draft…' : 'Create draft'}
      </button>
      {result.rowCount === 0 && (
        <p className="field-note problem">
          No rows could be read: fix the file and choose it again.
        </p>
      )}
      {tooLong.length > 0 && (
        <p className="field-note problem" role="alert">
          {tooLong.length === 1 ? 'Line' : 'Lines'} {tooLong.slice(0, 10).join(', ')}
          {tooLong.length > 10 ? ` and ${formatCount(tooLong.length - 10)} more` : ''}{' '}
          {tooLong.length === 1 ? 'has a cell' : 'have cells'} longer than 500 characters: shorten
          them in the file and choose it again.
        </p>
      )}
      {result.rowCount > 0 && (
        <p className="field-note">
          The draft is saved on this computer as you edit it; rows with errors can be fixed there.
        </p>
      )}
      {error && <ErrorMessage error={error} />}
    </form>
  );
}
