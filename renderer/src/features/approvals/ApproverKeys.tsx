/**
 * This desk's approver keys (docs/approvals.md): each person creates their own, named; the
 * secret half stays in the system keychain and only the public key is shown, to be copied
 * into an account's approval policy.
 */
import { useEffect, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { CopyButton } from '../../components/CopyButton';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useDeskStore } from '../../stores/store';
import './approvals.css';

export function ApproverKeys() {
  const { keys, error, busy, load, create } = useDeskStore(
    useShallow((state) => ({
      keys: state.approverKeys,
      error: state.approverKeysError,
      busy: state.approvalBusy,
      load: state.loadApproverKeys,
      create: state.createApproverKey,
    })),
  );
  const [name, setName] = useState('');
  useEffect(() => {
    void load();
  }, [load]);

  return (
    <section className="card approver-keys" aria-labelledby="approver-keys-title">
      <h3 id="approver-keys-title">Approver keys on this desk</h3>
      <p className="field-note">
        An approver key signs approvals of drafts. Its secret half stays in this computer&apos;s
        system keychain; give your public key to whoever edits an account&apos;s approval policy.
      </p>
      {keys.length === 0 ? (
        <p className="muted">No approver key on this desk yet.</p>
      ) : (
        <ul className="approver-key-list" aria-label="Approver keys">
          {keys.map((key) => (
            <li key={key.publicKey} data-testid="approver-key">
              <strong>{key.name}</strong> <code className="mono">{key.publicKey}</code>{' '}
              <CopyButton text={key.publicKey} label={`Copy ${key.name}'s public key`} />
            </li>
          ))}
        </ul>
      )}
      <form
        className="inline-form"
        onSubmit={(event) => {
          event.preventDefault();
          void create(name.trim()).then((created) => {
            if (created) setName('');
          });
        }}
      >
        <label>
          Your name
          <input
            value={name}
            maxLength={100}
            onChange={(event) => {
              setName(event.target.value);
            }}
          />
        </label>
        <button type="submit" disabled={busy || name.trim() === ''}>
          Create my approver key
        </button>
      </form>
      {error && <ErrorMessage error={error} />}
    </section>
  );
}
