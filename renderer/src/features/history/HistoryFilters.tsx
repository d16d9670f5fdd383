import { useEffect, useId, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { PAYOUT_STATES } from '../../../../shared/calypso/types';
import { CURRENCIES } from '../../../../shared/networks';
import { hasActiveFilters, type HistoryFilters as Filters } from '../../lib/history-query';
import { PAYOUT_STATE_MEANINGS } from '../../lib/state-meaning';
import { useDeskStore } from '../../stores/store';
import { currencyNameWithCode } from '../../../../shared/currency-names';
import { DateRangeFields } from '../../components/DateRangeFields';

const SEARCH_DEBOUNCE_MS = 300;

/** Filters and the search box of the history list. */
export function HistoryFilters() {
  const { filters, setFilters, resetFilters } = useDeskStore(
    useShallow((state) => ({
      filters: state.historyFilters,
      setFilters: state.setHistoryFilters,
      resetFilters: state.resetHistoryFilters,
    })),
  );
  const ids = useId();

  return (
    <form
      className="filters"
      aria-label="Filters"
      onSubmit={(event) => {
        event.preventDefault();
      }}
    >
      <SearchBox
        applied={filters.search}
        onApply={(search) => {
          setFilters({ search });
        }}
      />
      <div className="field compact">
        <label htmlFor={`${ids}-kind`}>Type</label>
        <select
          id={`${ids}-kind`}
          value={filters.kind}
          onChange={(event) => {
            setFilters({ kind: event.target.value as Filters['kind'] });
          }}
        >
          <option value="all">All</option>
          <option value="single">Single</option>
          <option value="mass">Mass</option>
        </select>
      </div>
      <div className="field compact">
        <label htmlFor={`${ids}-state`}>State</label>
        <select
          id={`${ids}-state`}
          value={filters.state}
          onChange={(event) => {
            setFilters({ state: event.target.value as Filters['state'] });
          }}
        >
          <option value="all">All</option>
          {PAYOUT_STATES.map((state) => (
            <option key={state} value={state}>
              {PAYOUT_STATE_MEANINGS[state].label}
            </option>
          ))}
        </select>
      </div>
      <div className="field compact">
        <label htmlFor={`${ids}-currency`}>Currency</label>
        <select
          id={`${ids}-currency`}
          value={filters.currency}
          onChange={(event) => {
            setFilters({ currency: event.target.value });
          }}
        >
          <option value="all">All</option>
          {CURRENCIES.map((currency) => (
            <option key={currency.code} value={currency.code}>
              {currencyNameWithCode(currency.code)}
            </option>
          ))}
        </select>
      </div>
      <DateRangeFields
        idPrefix={ids}
        fromDate={filters.fromDate}
        toDate={filters.toDate}
        onChange={setFilters}
      />
      <div className="field compact checkbox">
        <input
          id={`${ids}-scheduled`}
          type="checkbox"
          checked={filters.scheduledOnly}
          onChange={(event) => {
            setFilters({ scheduledOnly: event.target.checked });
          }}
        />
        <label htmlFor={`${ids}-scheduled`}>Scheduled only</label>
      </div>
      {hasActiveFilters(filters) && (
        <button type="button" className="small ghost" onClick={resetFilters}>
          Clear filters
        </button>
      )}
    </form>
  );
}

/** Typing updates the box at once and the query after a pause. */
function SearchBox({ applied, onApply }: { applied: string; onApply: (text: string) => void }) {
  const [text, setText] = useState(applied);
  const [seen, setSeen] = useState(applied);
  const id = useId();
  if (seen !== applied) {
    // "Clear filters" empties the box; an applied debounce already matches it.
    setSeen(applied);
    if (applied === '' && text !== '') setText('');
  }
  useEffect(() => {
    if (text === applied) return;
    const timer = setTimeout(() => {
      onApply(text);
    }, SEARCH_DEBOUNCE_MS);
    return () => {
      clearTimeout(timer);
    };
  }, [text, applied, onApply]);
  return (
    <div className="field search">
      <label htmlFor={id}>Search</label>
      <input
        id={id}
        type="search"
        value={text}
        placeholder="Address, comment, id, hash…"
        maxLength={200}
        onChange={(event) => {
          setText(event.target.value);
        }}
      />
    </div>
  );
}
