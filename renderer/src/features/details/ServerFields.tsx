/** Every field the server sent, whatever its shape, as nested definition lists. */

function FieldValue({ value }: { value: unknown }) {
  if (value === null || value === undefined) return <span className="muted">null</span>;
  if (Array.isArray(value)) {
    if (value.length === 0) return <span className="muted">none</span>;
    return (
      <ol className="field-list">
        {(value as unknown[]).map((entry, index) => (
          // The server's order is the only identity these entries have.
          <li key={index}>
            <FieldValue value={entry} />
          </li>
        ))}
      </ol>
    );
  }
  if (typeof value === 'object') return <ServerFields value={value as Record<string, unknown>} />;
  if (typeof value === 'string') return <span className="mono">{value}</span>;
  if (typeof value === 'number' || typeof value === 'boolean') {
    return <span className="mono">{String(value)}</span>;
  }
  return <span className="mono">{JSON.stringify(value)}</span>;
}

export function ServerFields({ value }: { value: Record<string, unknown> }) {
  const entries = Object.entries(value);
  if (entries.length === 0) return <span className="muted">empty</span>;
  return (
    <dl className="server-fields">
      {entries.map(([key, entry]) => (
        <div key={key} className="server-field">
          <dt>{key}</dt>
          <dd>
            <FieldValue value={entry} />
          </dd>
        </div>
      ))}
    </dl>
  );
}
