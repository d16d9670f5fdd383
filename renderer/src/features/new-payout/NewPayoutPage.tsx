import { useShallow } from 'zustand/react/shallow';
import { selectActiveProfile } from '../../stores/selectors';
import { useDeskStore } from '../../stores/store';
import { ConfirmPayout } from './ConfirmPayout';
import { PayoutForm } from './PayoutForm';
import { PayoutResult } from './PayoutResult';

/** Send or schedule one payout: form -> confirmation -> result. */
export function NewPayoutPage() {
  const { step, profile } = useDeskStore(
    useShallow((state) => ({
      // A confirmation or a result is shown only on the profile it is about.
      step: state.payoutProfileId === state.activeProfileId ? state.payoutStep : 'form',
      profile: selectActiveProfile(state),
    })),
  );
  return (
    <section className="page narrow" aria-labelledby="new-payout-title">
      <header className="page-header">
        <h2 id="new-payout-title">New payout</h2>
        {profile && <p className="muted">From “{profile.name}”</p>}
      </header>
      {!profile ? (
        <p>Add a profile under Accounts first.</p>
      ) : step === 'form' ? (
        <PayoutForm />
      ) : step === 'confirm' ? (
        <ConfirmPayout />
      ) : (
        <PayoutResult />
      )}
    </section>
  );
}
