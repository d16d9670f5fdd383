/**
 * Add or edit a merchant profile. The secret field is write-only: it starts empty, is never
 * filled from anything main returns, and an edit leaves the stored secret alone unless a
 * new one is typed. The Key is shown only masked (keyHint). An edit changes only the name,
 * the key and the secret: environment, base URL and account are fixed once a profile exists,
 * because payments are bound to them (docs/intents.md); another account is another profile.
 */
import { useId, useState, type SubmitEvent } from 'react';
import type { DeskArgument, DeskError, Profile, ProfileEnvironment } from '../../../../shared/ipc';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useDeskStore } from '../../stores/store';

type Props = { profile?: Profile; onDone: (profile: Profile) => void; onCancel: () => void };

/** What a person can add: the built-in simulator profile exists on its own. */
type Environment = Exclude<ProfileEnvironment, 'simulator'>;

export function ProfileForm({ profile, onDone, onCancel }: Props) {
  const addProfile = useDeskStore((state) => state.addProfile);
  const updateProfile = useDeskStore((state) => state.updateProfile);
  const ids = useId();
  const editing = profile !== undefined;
  const simulator = profile?.environment === 'simulator';
  const [name, setName] = useState(profile?.name ?? '');
  const [environment, setEnvironment] = useState<Environment>(
    profile?.environment === 'custom' ? 'custom' : 'production',
  );
  const [baseUrl, setBaseUrl] = useState(profile?.environment === 'custom' ? profile.baseUrl : '');
  const [account, setAccount] = useState(profile?.account ?? '');
  const [key, setKey] = useState('');
  const [secret, setSecret] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<DeskError | null>(null);

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    const result = profile
      ? await updateProfile(changesOf(profile))
      : await addProfile({
          name: name.trim(),
          environment,
          ...(environment === 'custom' ? { baseUrl: baseUrl.trim() } : {}),
          account: account.trim(),
          key: key.trim(),
          secret,
        });
    setBusy(false);
    if (result.ok) {
      setSecret('');
      onDone(result.value);
    } else {
      setError(result.error);
    }
  };

  function changesOf(current: Profile): DeskArgument<'updateProfile'> {
    const changes: DeskArgument<'updateProfile'> = { id: current.id };
    if (name.trim() !== current.name) changes.name = name.trim();
    if (simulator) return changes;
    if (key.trim() !== '') changes.key = key.trim();
    if (secret !== '') changes.secret = secret;
    return changes;
  }

  const showUrl = !editing && environment === 'custom';

  return (
    <form
      className="card profile-form"
      aria-label={editing ? `Edit ${profile.name}` : 'Add a profile'}
      onSubmit={(event) => {
        void submit(event);
      }}
    >
      <h3>{editing ? `Edit “${profile.name}”` : 'Add a profile'}</h3>
      <div className="field">
        <label htmlFor={`${ids}-name`}>Profile name</label>
        <input
          id={`${ids}-name`}
          value={name}
          required
          maxLength={100}
          onChange={(event) => {
            setName(event.target.value);
          }}
        />
      </div>
      {!editing && (
        <div className="field">
          <label htmlFor={`${ids}-environment`}>Environment</label>
          <select
            id={`${ids}-environment`}
            value={environment}
            onChange={(event) => {
              setEnvironment(event.target.value === 'custom' ? 'custom' : 'production');
            }}
          >
            <option value="production">Production (real funds)</option>
            <option value="custom">Custom URL</option>
          </select>
        </div>
      )}
      {showUrl && (
        <div className="field">
          <label htmlFor={`${ids}-url`}>Base URL</label>
          <input
            id={`${ids}-url`}
            type="url"
            value={baseUrl}
            required
            placeholder="https://…"
            onChange={(event) => {
              setBaseUrl(event.target.value);
            }}
          />
        </div>
      )}
      {editing && (
        <dl className="facts" data-testid="fixed-target">
          <div>
            <dt>Server</dt>
            <dd className="mono">{profile.baseUrl}</dd>
          </div>
          <div>
            <dt>Account</dt>
            <dd className="mono">{profile.account}</dd>
          </div>
          <p className="field-note">
            The server and the account of a profile cannot change: payments are bound to the account
            they were confirmed for. For another account, add another profile.
          </p>
        </dl>
      )}
      {!simulator && (
        <>
          {!editing && (
            <div className="field">
              <label htmlFor={`${ids}-account`}>Account</label>
              <input
                id={`${ids}-account`}
                value={account}
                required
                autoComplete="off"
                spellCheck={false}
                onChange={(event) => {
                  setAccount(event.target.value);
                }}
              />
            </div>
          )}
          <div className="field">
            <label htmlFor={`${ids}-key`}>API key</label>
            <input
              id={`${ids}-key`}
              value={key}
              required={!editing}
              autoComplete="off"
              spellCheck={false}
              placeholder={editing ? `Stored key ${profile.keyHint} — leave empty to keep` : ''}
              onChange={(event) => {
                setKey(event.target.value);
              }}
            />
          </div>
          <div className="field">
            <label htmlFor={`${ids}-secret`}>API secret</label>
            <input
              id={`${ids}-secret`}
              type="password"
              value={secret}
              required={!editing}
              autoComplete="new-password"
              spellCheck={false}
              placeholder={editing ? 'Leave empty to keep the stored secret' : ''}
              onChange={(event) => {
                setSecret(event.target.value);
              }}
            />
            <p className="field-note">
              Stored only in the system keychain. Payout Desk never shows it again.
            </p>
          </div>
        </>
      )}
      {error && <ErrorMessage error={error} />}
      <div className="actions">
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Checking with Calypso…' : editing ? 'Save changes' : 'Add profile'}
        </button>
        <button type="button" onClick={onCancel} disabled={busy}>
          Cancel
        </button>
      </div>
    </form>
  );
}
