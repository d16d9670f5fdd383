/**
 * The local audit log: every import, edit, submission, cancellation and state change, newest
 * first, each said in words with the profile's name (shared/audit-words.ts), filtered in
 * main by profile, action and dates; "Verify" walks the chain (sealed with the installation's key when the keychain has it),
 * checks every outbox payload against its audited hash, and names the first thing tampered with.
 */
import { useEffect, useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { auditActionLabel, describeAuditEntry } from '../../../../shared/audit-words';
import type { AuditEntry, AuditVerification } from '../../../../shared/ipc';
import { ErrorMessage } from '../../components/ErrorMessage';
import { downloadCsv } from '../../lib/download-file';
import { formatDateTimeSeconds } from '../../lib/format';
import { useDeskStore } from '../../stores/store';
import { AuditFilters } from './AuditFilters';
import { profileNamer } from './profile-names';

/** Ids an entry names as a profile: its own, and the one a removal entry removed. */
function profileIdsOf(entry: AuditEntry): string[] {
  const removed = entry.action === 'profile.removed' ? entry.detail.profileId : undefined;
  return [entry.profileId, typeof removed === 'string' ? removed : null].filter(
    (id): id is string => id !== null,
  );
}

/** How far the verdict can be trusted (docs/audit-chain.md). */
function keyingSentence(verification: AuditVerification): string {
  switch (verification.keying) {
    case 'keyed':
      return (verification.keyedFromId ?? 1) <= 1
        ? "Sealed with this installation's key."
        : `Sealed with this installation's key from entry ${String(verification.keyedFromId)} on; the entries before it, written before the key existed, are covered by that seal.`;
    case 'key-unavailable':
      return 'Sealed, but the keychain could not be read: only the links were checked, not the seals.';
    case 'unkeyed':
      return 'Not keyed: no keychain was available, so the log is only hash-linked, and anyone who can edit the file could rewrite it without this check noticing.';
  }
}

/** The entry's profile by name; a removal names the profile it removed; "—" for the desk. */
function profileOf(entry: AuditEntry, nameOf: (profileId: string) => string): string {
  const [id] = profileIdsOf(entry);
  return id === undefined ? '—' : nameOf(id);
}

export function AuditPage() {
  const {
    entries,
    profiles,
    selectedProfile,
    loading,
    error,
    verification,
    load,
    verify,
    exportAudit,
  } = useDeskStore(
    useShallow((state) => ({
      entries: state.auditEntries,
      profiles: state.profiles,
      selectedProfile: state.auditFilters.profileId,
      loading: state.auditLoading,
      error: state.auditError,
      verification: state.auditVerification,
      load: state.loadAudit,
      verify: state.verifyAudit,
      exportAudit: state.exportAudit,
    })),
  );

  useEffect(() => {
    void load();
  }, [load]);

  const nameOf = useMemo(() => profileNamer(profiles), [profiles]);
  // Removed profiles named on this page, and the one filtered by: they can be chosen too.
  const removedIds = useMemo(() => {
    const existing = new Set(profiles.map((profile) => profile.id));
    const seen = new Set(entries.flatMap(profileIdsOf));
    if (selectedProfile !== '') seen.add(selectedProfile);
    return [...seen].filter((id) => !existing.has(id)).sort();
  }, [entries, profiles, selectedProfile]);

  return (
    <section aria-labelledby="audit-title">
      <header className="page-header">
        <h2 id="audit-title">Audit log</h2>
        <button
          type="button"
          onClick={() => {
            void verify();
          }}
        >
          Verify
        </button>
        <button
          type="button"
          onClick={() => {
            void exportAudit().then((file) => {
              if (file) downloadCsv(file.fileName, file.csv);
            });
          }}
        >
          Export audit log
        </button>
      </header>
      {verification && (
        <>
          <p role="status" className={verification.ok ? 'muted' : 'error-text'}>
            {verification.ok
              ? `Intact: all ${String(verification.checked)} entries verified, and ${String(verification.outboxChecked)} outbox payloads match what was confirmed.`
              : `Tampered with: ${verification.reason} (first broken entry ${String(verification.firstBrokenId ?? '?')}).`}
          </p>
          <p
            className={verification.keying === 'keyed' ? 'muted' : 'error-text'}
            data-testid="audit-keying"
          >
            {keyingSentence(verification)}
          </p>
        </>
      )}
      <AuditFilters removedIds={removedIds} />
      {error && <ErrorMessage error={error} />}
      {loading && <p className="muted">Reading the audit log…</p>}
      <table className="audit-table">
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">Time</th>
            <th scope="col">Profile</th>
            <th scope="col">Action</th>
            <th scope="col">What happened</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((entry) => (
            <tr key={entry.id}>
              <td>{entry.id}</td>
              <td>{formatDateTimeSeconds(entry.atMs)}</td>
              <td>{profileOf(entry, nameOf)}</td>
              <td>
                {auditActionLabel(entry.action)}
                {/* The stored name too: what the CSV export and audit:verify call it. */}
                <div className="mono small-text muted">{entry.action}</div>
              </td>
              <td>{describeAuditEntry(entry, nameOf)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {!loading && entries.length === 0 && !error && (
        <p className="muted">No audit entries match these filters.</p>
      )}
    </section>
  );
}
