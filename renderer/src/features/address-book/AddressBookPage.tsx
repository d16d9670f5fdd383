/**
 * The address book of the active profile (docs/address-book.md): every address this account
 * paid, with how often, how much and when (from the synced history), and the label, notes
 * and trust a person gives it. Export and import as CSV.
 */
import { useEffect, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { AddressBookEntry } from '../../../../shared/address-book';
import { NETWORKS } from '../../../../shared/networks';
import { ErrorMessage } from '../../components/ErrorMessage';
import { downloadCsv } from '../../lib/download-file';
import { formatCount, formatDateTime } from '../../lib/format';
import { useDeskStore } from '../../stores/store';
import { CurrencyName } from '../../components/CurrencyName';
import { formatAmount } from '../../lib/amount-format';

export function AddressBookPage() {
  const { profileId, entries, total, search, loading, error, imported, load, setSearch } =
    useDeskStore(
      useShallow((state) => ({
        profileId: state.activeProfileId,
        // Only what was read for the active profile: never another account's list or report.
        entries: state.bookProfileId === state.activeProfileId ? state.bookEntries : [],
        total: state.bookProfileId === state.activeProfileId ? state.bookTotal : 0,
        search: state.bookSearch,
        loading: state.bookLoading,
        error: state.bookProfileId === state.activeProfileId ? state.bookError : null,
        imported: state.bookProfileId === state.activeProfileId ? state.bookImport : null,
        load: state.loadAddressBook,
        setSearch: state.setBookSearch,
      })),
    );
  const exportBook = useDeskStore((state) => state.exportAddressBook);
  const importBook = useDeskStore((state) => state.importAddressBook);

  useEffect(() => {
    void load();
  }, [load, profileId]);

  return (
    <section aria-labelledby="book-title">
      <header className="page-header">
        <h2 id="book-title">Address book</h2>
        <input
          type="search"
          aria-label="Search the address book"
          placeholder="Address, label or notes"
          value={search}
          onChange={(event) => {
            setSearch(event.target.value);
          }}
        />
        <button
          type="button"
          onClick={() => {
            void exportBook().then((file) => {
              if (file) downloadCsv(file.fileName, file.csv);
            });
          }}
        >
          Export CSV
        </button>
        <label className="button-like">
          Import CSV
          <input
            type="file"
            accept=".csv,text/csv"
            className="visually-hidden"
            onChange={(event) => {
              const file = event.target.files?.[0];
              event.target.value = '';
              if (file) void file.text().then(importBook);
            }}
          />
        </label>
      </header>
      <p className="muted">
        Every address this account has paid (payouts that were completed), with the label and trust
        you give it. Payouts to an address not in this list are first payments: the payout
        confirmation says so, and warns about addresses that only look like one here.
      </p>
      {error && <ErrorMessage error={error} />}
      {imported && (
        <div role="status" data-testid="book-import">
          <p>
            {formatCount(imported.imported)} {imported.imported === 1 ? 'line' : 'lines'} saved
            {imported.refused.length > 0
              ? `; ${formatCount(imported.refused.length)} not taken:`
              : '.'}
          </p>
          {imported.refused.length > 0 && (
            <ul>
              {imported.refused.map((entry) => (
                <li key={entry.line}>{entry.message}</li>
              ))}
            </ul>
          )}
        </div>
      )}
      {loading && entries.length === 0 && <p className="muted">Reading the history…</p>}
      <p className="muted small-text" data-testid="book-count">
        {formatCount(total)} {total === 1 ? 'address' : 'addresses'}
      </p>
      <table className="book-table">
        <thead>
          <tr>
            <th scope="col">Label</th>
            <th scope="col">Address</th>
            <th scope="col">Network</th>
            <th scope="col">Paid</th>
            <th scope="col">Total</th>
            <th scope="col">Last paid</th>
            <th scope="col">Trusted</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((entry) => (
            // Keyed by the saved label too: a new label from main starts the field afresh.
            <BookRow key={`${entry.network}:${entry.address}:${entry.label ?? ''}`} entry={entry} />
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** One address: its label is edited in place (saved on Enter or on leaving the field). */
function BookRow({ entry }: { entry: AddressBookEntry }) {
  const update = useDeskStore((state) => state.updateAddressBookEntry);
  const [label, setLabel] = useState(entry.label ?? '');
  const save = (next: string) => {
    if (next.trim() === (entry.label ?? '')) return;
    void update({ network: entry.network, address: entry.address, label: next });
  };
  return (
    <tr data-testid="book-row">
      <td>
        <input
          aria-label={`Label of ${entry.address}`}
          value={label}
          placeholder={entry.suggestedLabel ?? 'No label'}
          onChange={(event) => {
            setLabel(event.target.value);
          }}
          onBlur={() => {
            save(label);
          }}
          onKeyDown={(event) => {
            if (event.key === 'Enter') save(label);
          }}
        />
        {entry.label === null && entry.suggestedLabel !== null && (
          <button
            type="button"
            className="link small-text"
            onClick={() => {
              save(entry.suggestedLabel ?? '');
            }}
          >
            Use “{entry.suggestedLabel}”
          </button>
        )}
      </td>
      <td className="mono wrap">{entry.address}</td>
      <td>{NETWORKS[entry.network].label}</td>
      <td>{entry.timesPaid === 0 ? 'never' : `${formatCount(entry.timesPaid)}×`}</td>
      <td className="mono">
        {entry.totals.map((total) => (
          <div key={total.currency}>
            {formatAmount(total.total)} <CurrencyName code={total.currency} />
          </div>
        ))}
      </td>
      <td>{entry.lastPaidMs === null ? '—' : formatDateTime(entry.lastPaidMs)}</td>
      <td>
        <input
          type="checkbox"
          aria-label={`Trust ${entry.address}`}
          checked={entry.trusted}
          onChange={(event) => {
            void update({
              network: entry.network,
              address: entry.address,
              trusted: event.target.checked,
            });
          }}
        />
      </td>
    </tr>
  );
}
