/**
 * Which of this desk's approver keys acts (signing a request, or asking as the preparer):
 * one select wherever an approval is given or requested.
 */
export function ApproverKeySelect({
  label,
  keys,
  value,
  onChange,
}: {
  label: string;
  keys: readonly { publicKey: string; name: string }[];
  value: string;
  onChange: (publicKey: string) => void;
}) {
  return (
    <label>
      {label}
      <select
        aria-label={label}
        value={value}
        onChange={(event) => {
          onChange(event.target.value);
        }}
      >
        {keys.map((key) => (
          <option key={key.publicKey} value={key.publicKey}>
            {key.name}
          </option>
        ))}
      </select>
    </label>
  );
}
