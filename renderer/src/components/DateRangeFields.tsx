/**
 * The From and To date fields every filter bar has (history, audit log): dates as the input
 * gives them ("2026-12-01", or '' for none); the caller turns them into a query.
 */
export function DateRangeFields({
  idPrefix,
  fromDate,
  toDate,
  onChange,
}: {
  idPrefix: string;
  fromDate: string;
  toDate: string;
  onChange: (change: { fromDate: string } | { toDate: string }) => void;
}) {
  return (
    <>
      <div className="field compact">
        <label htmlFor={`${idPrefix}-from`}>From</label>
        <input
          id={`${idPrefix}-from`}
          type="date"
          value={fromDate}
          onChange={(event) => {
            onChange({ fromDate: event.target.value });
          }}
        />
      </div>
      <div className="field compact">
        <label htmlFor={`${idPrefix}-to`}>To</label>
        <input
          id={`${idPrefix}-to`}
          type="date"
          value={toDate}
          onChange={(event) => {
            onChange({ toDate: event.target.value });
          }}
        />
      </div>
    </>
  );
}
