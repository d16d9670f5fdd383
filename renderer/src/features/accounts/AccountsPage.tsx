import { useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { DeskError, Profile } from '../../../../shared/ipc';
import { ErrorMessage } from '../../components/ErrorMessage';
import { ApprovalPolicyEditor } from '../approvals/ApprovalPolicyEditor';
import { ApprovalRequestSigner } from '../approvals/ApprovalRequestSigner';
import { ApproverKeys } from '../approvals/ApproverKeys';
import { environmentLabel } from '../../lib/environment';
import { formatDateTime } from '../../lib/format';
import { useDeskStore } from '../../stores/store';
import { ConnectionStatus } from './ConnectionStatus';
import { ProfileForm } from './ProfileForm';

type Editing = { mode: 'add' } | { mode: 'edit'; profileId: string } | null;

/** Every merchant profile: switch, check, add, edit, remove. */
export function AccountsPage() {
  const { profiles, profilesError, selectProfile, navigate } = useDeskStore(
    useShallow((state) => ({
      profiles: state.profiles,
      profilesError: state.profilesError,
      selectProfile: state.selectProfile,
      navigate: state.navigate,
    })),
  );
  const [editing, setEditing] = useState<Editing>(null);

  return (
    <section className="page" aria-labelledby="accounts-title">
      <header className="page-header">
        <h2 id="accounts-title">Accounts</h2>
        {editing === null && (
          <button
            type="button"
            className="primary"
            onClick={() => {
              setEditing({ mode: 'add' });
            }}
          >
            Add a profile
          </button>
        )}
      </header>
      {profilesError && <ErrorMessage error={profilesError} />}
      {editing?.mode === 'add' && (
        <ProfileForm
          onCancel={() => {
            setEditing(null);
          }}
          onDone={(profile) => {
            setEditing(null);
            selectProfile(profile.id);
            navigate('history');
          }}
        />
      )}
      <ul className="profile-list" aria-label="Profiles">
        {profiles.map((profile) =>
          editing?.mode === 'edit' && editing.profileId === profile.id ? (
            <li key={profile.id}>
              <ProfileForm
                profile={profile}
                onCancel={() => {
                  setEditing(null);
                }}
                onDone={() => {
                  setEditing(null);
                }}
              />
            </li>
          ) : (
            <li key={profile.id}>
              <ProfileCard
                profile={profile}
                onEdit={() => {
                  setEditing({ mode: 'edit', profileId: profile.id });
                }}
              />
            </li>
          ),
        )}
      </ul>
      <ApproverKeys />
      <ApprovalRequestSigner />
    </section>
  );
}

function ProfileCard({ profile, onEdit }: { profile: Profile; onEdit: () => void }) {
  const { active, check, selectProfile, checkConnection, removeProfile, profiles } = useDeskStore(
    useShallow((state) => ({
      active: state.activeProfileId === profile.id,
      profiles: state.profiles,
      check: state.connectionChecks[profile.id],
      selectProfile: state.selectProfile,
      checkConnection: state.checkConnection,
      removeProfile: state.removeProfile,
    })),
  );
  const [confirmRemove, setConfirmRemove] = useState(false);
  const [removeError, setRemoveError] = useState<DeskError | null>(null);
  const simulator = profile.environment === 'simulator';
  const sameAccount = profiles
    .filter((other) => profile.sameAccountAs.includes(other.id))
    .map((other) => other.name);

  return (
    <article
      className={`card profile-card environment-${profile.environment}`}
      aria-label={profile.name}
    >
      <header className="profile-card-header">
        <h3>{profile.name}</h3>
        <span className={`environment-tag environment-${profile.environment}`}>
          {environmentLabel(profile)}
        </span>
        {active && <span className="active-tag">Active</span>}
      </header>
      <dl className="profile-facts">
        <div>
          <dt>Account</dt>
          <dd className="mono">{profile.account}</dd>
        </div>
        <div>
          <dt>API key</dt>
          <dd className="mono">{profile.keyHint || '—'}</dd>
        </div>
        <div>
          <dt>API secret</dt>
          <dd>
            {simulator
              ? 'Built in'
              : profile.hasSecret
                ? 'Stored in the system keychain'
                : 'Not stored — edit the profile to enter it'}
          </dd>
        </div>
        <div>
          <dt>Server</dt>
          <dd className="mono">{profile.baseUrl}</dd>
        </div>
        <div>
          <dt>Last synced</dt>
          <dd>
            {profile.lastSyncedAtMs === null ? 'Never' : formatDateTime(profile.lastSyncedAtMs)}
          </dd>
        </div>
      </dl>
      {sameAccount.length > 0 && (
        <p className="muted" data-testid="same-account">
          Same Calypso account as {sameAccount.map((name) => `“${name}”`).join(', ')}: they pay from
          one balance, and Payout Desk checks repeated and unsettled payouts across them.
        </p>
      )}
      <div className="actions">
        {!active && (
          <button
            type="button"
            onClick={() => {
              selectProfile(profile.id);
            }}
          >
            Use this profile
          </button>
        )}
        <button
          type="button"
          disabled={check?.status === 'checking'}
          onClick={() => {
            void checkConnection(profile.id);
          }}
        >
          Check connection
        </button>
        <button type="button" onClick={onEdit}>
          Edit
        </button>
        {!simulator && !confirmRemove && (
          <button
            type="button"
            className="danger"
            onClick={() => {
              setConfirmRemove(true);
            }}
          >
            Remove
          </button>
        )}
      </div>
      {confirmRemove && (
        <div className="confirm-inline" role="group" aria-label="Confirm removal">
          <p>
            Remove “{profile.name}”? Its secret is deleted from the keychain. Nothing changes on
            Calypso.
          </p>
          <button
            type="button"
            className="danger"
            onClick={() => {
              void removeProfile(profile.id).then((result) => {
                if (!result.ok) setRemoveError(result.error);
                setConfirmRemove(false);
              });
            }}
          >
            Remove profile
          </button>
          <button
            type="button"
            onClick={() => {
              setConfirmRemove(false);
            }}
          >
            Keep it
          </button>
        </div>
      )}
      {removeError && <ErrorMessage error={removeError} />}
      {check && <ConnectionStatus check={check} />}
      {active && <ApprovalPolicyEditor profileId={profile.id} />}
    </article>
  );
}
