/** The application shell: sidebar (profile switcher + navigation) and the main area. */
import { useShallow } from 'zustand/react/shallow';
import { EnvironmentBanner } from '../components/EnvironmentBanner';
import { ErrorMessage } from '../components/ErrorMessage';
import { OfflineBanner } from '../components/OfflineBanner';
import { StartupNoticeBanner } from '../components/StartupNoticeBanner';
import { Toasts } from '../components/Toasts';
import { AccountsPage } from '../features/accounts/AccountsPage';
import { AddressBookPage } from '../features/address-book/AddressBookPage';
import { AuditPage } from '../features/audit/AuditPage';
import { ProfileSwitcher } from '../features/accounts/ProfileSwitcher';
import { PayoutDetailsPanel } from '../features/details/PayoutDetailsPanel';
import { DraftsPage } from '../features/drafts/DraftsPage';
import { HistoryPage } from '../features/history/HistoryPage';
import { ImportPage } from '../features/import/ImportPage';
import { NewPayoutPage } from '../features/new-payout/NewPayoutPage';
import type { View } from '../stores/navigation-slice';
import { useDeskStore } from '../stores/store';
import { useAppLifecycle } from './use-app-lifecycle';

const NAV: readonly { view: View; label: string }[] = [
  { view: 'history', label: 'History' },
  { view: 'new-payout', label: 'New payout' },
  { view: 'import', label: 'Import file' },
  { view: 'drafts', label: 'Drafts' },
  { view: 'address-book', label: 'Address book' },
  { view: 'accounts', label: 'Accounts' },
  { view: 'audit', label: 'Audit log' },
];

export function App() {
  useAppLifecycle();
  const { view, navigate, profilesLoaded, profilesError } = useDeskStore(
    useShallow((state) => ({
      view: state.view,
      navigate: state.navigate,
      profilesLoaded: state.profilesLoaded,
      profilesError: state.profilesError,
    })),
  );

  return (
    <div className="app">
      <aside className="sidebar">
        <h1 className="app-name">Payout Desk</h1>
        <ProfileSwitcher />
        <nav aria-label="Main">
          <ul>
            {NAV.map((entry) => (
              <li key={entry.view}>
                <button
                  type="button"
                  className="nav-link"
                  aria-current={view === entry.view ? 'page' : undefined}
                  onClick={() => {
                    navigate(entry.view);
                  }}
                >
                  {entry.label}
                </button>
              </li>
            ))}
          </ul>
        </nav>
      </aside>
      <div className="main-column">
        <EnvironmentBanner />
        <OfflineBanner />
        <StartupNoticeBanner />
        <main className="main">
          {profilesError && view !== 'accounts' && <ErrorMessage error={profilesError} />}
          {!profilesLoaded ? (
            <p className="muted">Opening the history…</p>
          ) : view === 'history' ? (
            <HistoryPage />
          ) : view === 'new-payout' ? (
            <NewPayoutPage />
          ) : view === 'import' ? (
            <ImportPage />
          ) : view === 'drafts' ? (
            <DraftsPage />
          ) : view === 'address-book' ? (
            <AddressBookPage />
          ) : view === 'audit' ? (
            <AuditPage />
          ) : (
            <AccountsPage />
          )}
        </main>
      </div>
      <PayoutDetailsPanel />
      <Toasts />
    </div>
  );
}
