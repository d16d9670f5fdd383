/** The audit log's filter bar: profile, action and a date range, applied in main. */
import { useId } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { AUDIT_ACTION_LABELS } from '../../../../shared/audit-words';
import { useDeskStore } from '../../stores/store';
import { NO_AUDIT_FILTERS } from './audit-slice';
import { DateRangeFields } from '../../components/DateRangeFields';

const ACTIONS = Object.entries(AUDIT_ACTION_LABELS).sort(([, a], [, b]) => a.localeCompare(b));

/** `removedIds`: profiles seen in the log that no longer exist, so they can be filtered too. */
export function AuditFilters({ removedIds }: { removedIds: readonly string[] }) {
  const { filters, setFilters, profiles } = useDeskStore(
    useShallow((state) => ({
      filters: state.auditFilters,
      setFilters: state.setAuditFilters,
      profiles: state.profiles,
    })),
  );
  const ids = useId();
  const apply = (patch: Partial<typeof filters>) => {
    void setFilters(patch);
  };
  const active =
    filters.profileId !== '' ||
    filters.action !== '' ||
    filters.fromDate !== '' ||
    filters.toDate !== '';

  return (
    <form
      className="filters"
      aria-label="Audit filters"
      onSubmit={(event) => {
        event.preventDefault();
      }}
    >
      <div className="field compact">
        <label htmlFor={`${ids}-profile`}>Profile</label>
        <select
          id={`${ids}-profile`}
          value={filters.profileId}
          onChange={(event) => {
            apply({ profileId: event.target.value });
          }}
        >
          <option value="">All</option>
          {profiles.map((profile) => (
            <option key={profile.id} value={profile.id}>
              {profile.name}
            </option>
          ))}
          {removedIds.map((id) => (
            <option key={id} value={id}>
              {id} (removed)
            </option>
          ))}
        </select>
      </div>
      <div className="field compact">
        <label htmlFor={`${ids}-action`}>Action</label>
        <select
          id={`${ids}-action`}
          value={filters.action}
          onChange={(event) => {
            apply({ action: event.target.value });
          }}
        >
          <option value="">All</option>
          {ACTIONS.map(([action, label]) => (
            <option key={action} value={action}>
              {label}
            </option>
          ))}
        </select>
      </div>
      <DateRangeFields
        idPrefix={ids}
        fromDate={filters.fromDate}
        toDate={filters.toDate}
        onChange={apply}
      />
      {active && (
        <button
          type="button"
          className="small ghost"
          onClick={() => {
            apply(NO_AUDIT_FILTERS);
          }}
        >
          Clear filters
        </button>
      )}
    </form>
  );
}
