import { useDeskStore } from '../stores/store';
import { selectActiveProfile } from '../stores/selectors';
import { environmentLabel } from '../lib/environment';

/** Always says which money is at stake: the simulator is loudly marked as not real. */
export function EnvironmentBanner() {
  const profile = useDeskStore(selectActiveProfile);
  if (!profile) return null;
  if (profile.environment === 'simulator') {
    return (
      <div className="banner banner-simulator" role="note" aria-label="Environment">
        <strong>Simulator — not real money.</strong> Payouts in “{profile.name}” move no funds; they
        follow the documented states on the built-in simulator.
      </div>
    );
  }
  return (
    <div
      className={`banner ${profile.environment === 'production' ? 'banner-production' : 'banner-custom'}`}
      role="note"
      aria-label="Environment"
    >
      <strong>{profile.name}</strong> · {environmentLabel(profile)}
    </div>
  );
}
