/**
 * The draft's rows as an editable grid. Only the rows in view exist in the DOM (WindowedList)
 * and only the pages they touch are fetched, so a 10,000-row draft stays responsive. A cell
 * is saved when it loses focus or on Enter; the row's verdict is main's answer to the save.
 */
import {
  memo,
  useCallback,
  useEffect,
  useRef,
  useState,
  type CSSProperties,
  type KeyboardEvent,
} from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { DraftRow } from '../../../../shared/drafts';
import type { DeskError } from '../../../../shared/ipc';
import { PROBLEM_SEVERITY } from '../../../../shared/import/problem-codes';
import { CURRENCIES } from '../../../../shared/networks';
import { WindowedList } from '../../components/WindowedList';
import { formatCount } from '../../lib/format';
import { DRAFT_ROWS_PAGE_SIZE, isDraftRowSelected, type DraftRowPatch } from './drafts-slice';
import { useDeskStore } from '../../stores/store';
import { VerdictBadge } from './VerdictBadge';

/**
 * One line per row, the problems included (in one line, every sentence in full in the row's
 * tooltip and in Row details): at least 20 rows show in a 1280x720 window. Fixed, as the
 * WindowedList needs.
 */
export const DRAFT_ROW_HEIGHT = 26;

type Field = 'address' | 'amount' | 'currency' | 'comment' | 'name';

const FIELD_OF_CODE: readonly [string, Field][] = [
  ['ADDRESS_', 'address'],
  ['DUPLICATE_', 'address'],
  ['AMOUNT_', 'amount'],
  ['CURRENCY_', 'currency'],
  ['COMMENT_', 'comment'],
];

/** The fields a row's blocking problems are about (marked invalid in the grid). */
function invalidFields(row: DraftRow): Set<Field> {
  const fields = new Set<Field>();
  for (const problem of row.problems) {
    const severity = (PROBLEM_SEVERITY as Readonly<Record<string, string | undefined>>)[
      problem.code
    ];
    if (severity !== 'error') continue;
    const field = FIELD_OF_CODE.find(([prefix]) => problem.code.startsWith(prefix))?.[1];
    if (field) fields.add(field);
  }
  return fields;
}

export function rowName(row: Pick<DraftRow, 'line' | 'rowNo'>): string {
  return row.line !== null ? `line ${row.line}` : `new row ${row.rowNo}`;
}

const LEADING_COLUMNS: readonly { label: string; className: string }[] = [
  { label: 'Select', className: 'col-select' },
  { label: 'Line', className: 'col-line' },
  { label: 'Address', className: 'col-address' },
  { label: 'Name', className: 'col-name' },
  { label: 'Amount', className: 'col-amount' },
  { label: 'Currency', className: 'col-currency' },
  { label: 'Comment', className: 'col-comment' },
];

/**
 * The grid's tracks: the file's other columns, when shown, sit between the comment and the
 * verdict (a CSS variable, so the header and every row share them).
 */
function extraTracks(count: number): string {
  return `repeat(${count}, minmax(52px, 1fr))`;
}

/**
 * The width under which the grid scrolls sideways: the payout's own columns at their
 * narrowest, the problems column readable, and each kept column its minimum (drafts.css).
 */
function gridMinWidth(count: number): string {
  return `${716 + count * 68}px`;
}

export function DraftGrid() {
  const {
    total,
    pages,
    labels,
    generation,
    setRange,
    selection,
    selectAll,
    setSelectAll,
    searching,
    saving,
    rowErrors,
    editable,
    activeRowNo,
    save,
    select,
    setActive,
    scrollRequest,
    askDelete,
    filter,
    extraColumns,
  } = useDeskStore(
    useShallow((state) => ({
      total: state.draftRowsTotal,
      pages: state.draftRowPages,
      labels: state.draftRowLabels,
      generation: state.draftRowsGeneration,
      setRange: state.setDraftRowsRange,
      selection: state.draftSelection,
      selectAll: state.draftSelectAll,
      setSelectAll: state.setDraftSelectAll,
      searching: state.draftSearchApplied,
      saving: state.draftSavingRows,
      rowErrors: state.draftRowErrors,
      editable: state.draft?.state === 'editing',
      activeRowNo: state.draftActiveRowNo,
      save: state.saveDraftRow,
      select: state.setDraftRowSelected,
      setActive: state.setActiveDraftRow,
      scrollRequest: state.draftScrollRequest,
      askDelete: state.askDeleteSelectedDraftRows,
      filter: state.draftFilter,
      extraColumns: state.draftShowFileColumns ? (state.draft?.extraColumns ?? NONE) : NONE,
    })),
  );
  const wrapper = useRef<HTMLDivElement>(null);
  // The rows are drawn in the task after the draft's screen: drawn with it, opening a
  // 10,000-row draft was one task over 50 ms (DESIGN.md "Performance budgets").
  const [bodyShown, setBodyShown] = useState(false);
  useEffect(() => {
    const timer = setTimeout(() => {
      setBodyShown(true);
    }, 0);
    return () => {
      clearTimeout(timer);
    };
  }, []);

  // A row just added: bring it into view and put the cursor in its address.
  useEffect(() => {
    if (scrollRequest === null) return;
    const body = wrapper.current?.querySelector<HTMLElement>('.draft-body');
    if (body) {
      body.scrollTop = Math.max(
        0,
        scrollRequest.index * DRAFT_ROW_HEIGHT - body.clientHeight + DRAFT_ROW_HEIGHT * 2,
      );
    }
    let tries = 0;
    const timer = setInterval(() => {
      tries += 1;
      const input = wrapper.current?.querySelector<HTMLInputElement>(
        `[data-row-no="${scrollRequest.rowNo}"] input[data-field="address"]`,
      );
      if (input) input.focus();
      if (input || tries > 40) clearInterval(timer);
    }, 50);
    return () => {
      clearInterval(timer);
    };
  }, [scrollRequest]);

  const renderRow = useCallback(
    (index: number, top: number) => {
      const row = pages[Math.floor(index / DRAFT_ROWS_PAGE_SIZE)]?.[index % DRAFT_ROWS_PAGE_SIZE];
      if (!row) {
        return (
          <div
            key={`loading-${index}`}
            className="draft-row placeholder"
            role="row"
            aria-rowindex={index + 2}
            aria-busy="true"
            style={{ top, height: DRAFT_ROW_HEIGHT }}
          >
            <span role="cell" className="col-line muted">
              Loading…
            </span>
          </div>
        );
      }
      return (
        <DraftGridRow
          key={row.rowNo}
          row={row}
          label={labels[row.rowNo] ?? null}
          index={index}
          top={top}
          selected={isDraftRowSelected(
            { draftSelection: selection, draftSelectAll: selectAll },
            row.rowNo,
          )}
          saving={row.rowNo in saving}
          error={rowErrors[row.rowNo] ?? null}
          editable={editable}
          active={activeRowNo === row.rowNo}
          onSave={save}
          onSelect={select}
          onFocusRow={setActive}
          extraColumns={extraColumns}
        />
      );
    },
    [
      pages,
      labels,
      selection,
      selectAll,
      saving,
      rowErrors,
      editable,
      activeRowNo,
      save,
      select,
      setActive,
      extraColumns,
    ],
  );

  const onKeyDown = (event: KeyboardEvent) => {
    const target = event.target as HTMLElement;
    const typing = target instanceof HTMLInputElement && target.type !== 'checkbox';
    const anySelected = selectAll !== null || Object.keys(selection).length > 0;
    if (event.key === 'Delete' && !typing && editable && anySelected) {
      event.preventDefault();
      // Asks first (the toolbar's confirm takes the focus): a key never deletes at once.
      askDelete();
    }
  };

  return (
    <div
      ref={wrapper}
      className="draft-table"
      role="table"
      aria-label="Draft rows"
      aria-rowcount={(total ?? 0) + 1}
      onKeyDown={onKeyDown}
      style={
        extraColumns.length === 0
          ? undefined
          : ({
              '--extra-tracks': extraTracks(extraColumns.length),
              '--grid-min-width': gridMinWidth(extraColumns.length),
            } as CSSProperties)
      }
    >
      <div role="rowgroup">
        <div className="draft-row header" role="row" aria-rowindex={1}>
          {LEADING_COLUMNS.map((column) => (
            <span key={column.label} role="columnheader" className={column.className}>
              {column.label === 'Select' ? (
                <SelectAllBox
                  total={total ?? 0}
                  searching={searching !== '' || filter !== 'all'}
                  state={
                    selectAll === null
                      ? Object.keys(selection).length > 0
                        ? 'some'
                        : 'none'
                      : Object.keys(selectAll.except).length === 0
                        ? 'all'
                        : 'some'
                  }
                  disabled={!editable || (total ?? 0) === 0}
                  onChange={setSelectAll}
                />
              ) : (
                column.label
              )}
            </span>
          ))}
          {extraColumns.map((name, position) => (
            <span
              key={`extra-${position}`}
              role="columnheader"
              className="col-extra"
              title={`${name}: a column of the file, kept with the row and in the reconciliation; never sent to Calypso`}
            >
              {name}
            </span>
          ))}
          <span role="columnheader" className="col-verdict">
            Verdict
          </span>
          <span role="columnheader" className="row-problems">
            Problems
          </span>
        </div>
      </div>
      {total === 0 ? (
        <p className="empty">
          {searching !== ''
            ? `No row${filter === 'all' ? '' : ' of this filter'} has “${searching}” in its address, name, comment or amount.`
            : filter === 'all'
              ? 'This draft has no rows. Add one, or import the file again.'
              : `No row has ${filter === 'error' ? 'an error' : filter === 'warning' ? 'a warning' : 'no problem'}.`}
        </p>
      ) : !bodyShown ? (
        <div className="draft-body" role="rowgroup" />
      ) : (
        <WindowedList
          className="draft-body"
          role="rowgroup"
          rowCount={total ?? 0}
          rowHeight={DRAFT_ROW_HEIGHT}
          overscan={6}
          resetKey={generation}
          onRangeChange={setRange}
          renderRow={renderRow}
        />
      )}
      <datalist id="draft-currencies">
        {CURRENCIES.map((entry) => (
          <option key={entry.code} value={entry.code}>
            {entry.label}
          </option>
        ))}
      </datalist>
    </div>
  );
}

/**
 * The header's "Select all": every row matching the filter and search, in main, also the
 * rows not loaded yet (a delete of them is done by main, by the same filter and search).
 */
function SelectAllBox({
  total,
  searching,
  state,
  disabled,
  onChange,
}: {
  total: number;
  searching: boolean;
  state: 'none' | 'some' | 'all';
  disabled: boolean;
  onChange: (selected: boolean) => void;
}) {
  const box = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (box.current) box.current.indeterminate = state === 'some';
  }, [state]);
  const label = `Select all ${formatCount(total)} ${searching ? 'matching ' : ''}${total === 1 ? 'row' : 'rows'}`;
  return (
    <input
      ref={box}
      type="checkbox"
      aria-label={label}
      title={`${label}, also those not scrolled to yet`}
      checked={state === 'all'}
      disabled={disabled}
      onChange={(event) => {
        onChange(event.target.checked);
      }}
    />
  );
}

type RowProps = {
  row: DraftRow;
  /** The address book's label of the row's address. */
  label: string | null;
  index: number;
  top: number;
  selected: boolean;
  saving: boolean;
  error: DeskError | null;
  editable: boolean;
  active: boolean;
  onSave: (rowNo: number, patch: DraftRowPatch) => Promise<void>;
  onSelect: (rowNo: number, selected: boolean) => void;
  onFocusRow: (rowNo: number) => void;
  /** The file's other columns shown, by name; the row's cells of them follow the comment. */
  extraColumns: readonly string[];
};

const NONE: readonly string[] = [];

const DraftGridRow = memo(function DraftGridRow({
  row,
  label,
  index,
  top,
  selected,
  saving,
  error,
  editable,
  active,
  onSave,
  onSelect,
  onFocusRow,
  extraColumns,
}: RowProps) {
  const invalid = invalidFields(row);
  const name = rowName(row);
  const cell = (field: Field, label: string, extra: { list?: string; className?: string } = {}) => (
    <CellInput
      // A new value from main (a save, a refresh) starts the cell afresh.
      key={`${field}:${row[field]}`}
      rowNo={row.rowNo}
      field={field}
      value={row[field]}
      label={`${label}, ${name}`}
      editable={editable}
      invalid={invalid.has(field)}
      onSave={onSave}
      {...extra}
    />
  );
  const problemsText = row.problems.map((problem) => problem.message).join(' ');
  return (
    <div
      className={`draft-row verdict-${row.verdict}${active ? ' active' : ''}${selected ? ' selected' : ''}`}
      role="row"
      aria-rowindex={index + 2}
      aria-selected={selected}
      data-row-no={row.rowNo}
      data-line={row.line ?? ''}
      data-verdict={row.verdict}
      style={{ top, height: DRAFT_ROW_HEIGHT }}
      onFocus={() => {
        onFocusRow(row.rowNo);
      }}
      onClick={() => {
        onFocusRow(row.rowNo);
      }}
    >
      <span role="cell" className="col-select">
        <input
          type="checkbox"
          aria-label={`Select ${name}`}
          checked={selected}
          disabled={!editable}
          onChange={(event) => {
            onSelect(row.rowNo, event.target.checked);
          }}
        />
      </span>
      <span role="cell" className="col-line">
        {row.line ?? <span className="muted">new</span>}
      </span>
      <span role="cell" className="col-address">
        {cell('address', 'Address', { className: 'mono' })}
      </span>
      <span role="cell" className="col-name">
        {cell('name', 'Name')}
      </span>
      <span role="cell" className="col-amount">
        {cell('amount', 'Amount', { className: 'mono amount' })}
      </span>
      <span role="cell" className="col-currency">
        {cell('currency', 'Currency', { list: 'draft-currencies' })}
      </span>
      <span role="cell" className="col-comment">
        {cell('comment', 'Comment')}
      </span>
      {extraColumns.map((column, position) => {
        const text = row.extra[position] ?? '';
        return (
          <span
            key={`extra-${position}`}
            role="cell"
            className="col-extra"
            title={text === '' ? undefined : `${column}: ${text}`}
            aria-label={`${column}, ${name}: ${text === '' ? 'empty' : text}`}
          >
            {text}
          </span>
        );
      })}
      <span role="cell" className="col-verdict">
        {saving ? (
          <span className="badge badge-muted">Saving…</span>
        ) : (
          <VerdictBadge verdict={row.verdict} problems={row.problems} />
        )}
      </span>
      <span
        role="cell"
        className={`row-problems ${row.verdict === 'error' ? 'error-inline' : 'warning-inline'}`}
        title={problemsText}
        data-testid="row-problems"
      >
        {label !== null && (
          <span className="row-label" data-testid="row-label">
            {label}
            {problemsText === '' ? '' : ' · '}
          </span>
        )}
        {error ? <span className="error-inline">Not saved: {error.message} </span> : null}
        {problemsText}
      </span>
    </div>
  );
});

type CellProps = {
  rowNo: number;
  field: Field;
  value: string;
  label: string;
  editable: boolean;
  invalid: boolean;
  onSave: (rowNo: number, patch: DraftRowPatch) => Promise<void>;
  list?: string;
  className?: string;
};

function CellInput({
  rowNo,
  field,
  value,
  label,
  editable,
  invalid,
  onSave,
  list,
  className,
}: CellProps) {
  const [text, setText] = useState(value);
  const sent = useRef(value);
  const commit = () => {
    if (text === value || text === sent.current) return;
    sent.current = text;
    const patch: DraftRowPatch = {};
    patch[field] = text;
    void onSave(rowNo, patch);
  };
  return (
    <input
      value={text}
      aria-label={label}
      aria-invalid={invalid}
      data-field={field}
      className={className}
      list={list}
      readOnly={!editable}
      spellCheck={false}
      autoComplete="off"
      maxLength={field === 'currency' ? 40 : 500}
      onChange={(event) => {
        setText(event.target.value);
      }}
      onBlur={commit}
      onKeyDown={(event) => {
        if (event.key === 'Enter') {
          event.preventDefault();
          commit();
        } else if (event.key === 'Escape') {
          setText(value);
          sent.current = value;
        }
      }}
    />
  );
}
