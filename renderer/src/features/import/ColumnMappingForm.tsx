import { useId } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { ColumnRole } from '../../../../shared/import';
import type { ReadingSummary } from '../../../../shared/import/reading-summary';
import { IMPORT_ROLES } from './import-slice';
import { useDeskStore } from '../../stores/store';
import { ROLE_LABELS } from './import-words';

/** Columns a headerless file offers: enough for every role, and one more. */
function columnChoices(result: ReadingSummary): { index: number; label: string }[] {
  if (result.hasHeader) {
    return result.headers.map((name, index) => ({
      index,
      label: name.trim() === '' ? `Column ${index + 1}` : `${name} (column ${index + 1})`,
    }));
  }
  const mapped = IMPORT_ROLES.map((role) => result.mapping[role] ?? -1);
  const width = Math.max(4, Math.max(...mapped) + 2);
  return Array.from({ length: width }, (_, index) => ({ index, label: `Column ${index + 1}` }));
}

const SOURCE_NOTES = {
  detected: 'Recognised from the column names. Change a column if it is wrong.',
  recalled: 'The mapping you chose for a file with these columns before.',
  'recalled-source':
    'The columns you chose for an earlier file of this name (its columns were found by name here). Check them.',
  manual: 'Your choice; it is remembered for the next file with these columns.',
} as const;

/** Which column holds what: detected, remembered, or chosen here (the file is read again). */
export function ColumnMappingForm({ result }: { result: ReadingSummary }) {
  const { source, reading, setColumn } = useDeskStore(
    useShallow((state) => ({
      source: state.importMappingSource,
      reading: state.importStatus === 'reading',
      setColumn: state.setImportColumn,
    })),
  );
  const ids = useId();
  const choices = columnChoices(result);
  return (
    <fieldset className="column-mapping" aria-describedby={`${ids}-note`}>
      <legend>Columns</legend>
      <div className="mapping-fields">
        {IMPORT_ROLES.map((role: ColumnRole) => {
          const column = result.mapping[role];
          return (
            <div className="field compact" key={role}>
              <label htmlFor={`${ids}-${role}`}>{ROLE_LABELS[role]} column</label>
              <select
                id={`${ids}-${role}`}
                value={column === null ? '' : String(column)}
                disabled={reading}
                onChange={(event) => {
                  const value = event.target.value;
                  void setColumn(role, value === '' ? null : Number(value));
                }}
              >
                <option value="">
                  {role === 'address' || role === 'amount' ? 'Choose a column…' : 'None'}
                </option>
                {choices.map((choice) => (
                  <option key={choice.index} value={choice.index}>
                    {choice.label}
                  </option>
                ))}
              </select>
            </div>
          );
        })}
      </div>
      <p className="field-note" id={`${ids}-note`} data-testid="mapping-source">
        {SOURCE_NOTES[source]}
      </p>
    </fieldset>
  );
}
