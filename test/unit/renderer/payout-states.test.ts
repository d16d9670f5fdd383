// The latest payout states the window has heard of (payout-states-slice.ts): by profile and
// payout, fed by payoutsChanged, and a final state never undone by an older answer.
import { describe, expect, it } from 'vitest';
import { payoutStateKey } from '../../../renderer/src/stores/payout-states-slice';
import { createDeskStore } from '../../../renderer/src/stores/store';

describe('payout states', () => {
  it('are kept per profile: the same payout id of another profile is another payout', () => {
    const store = createDeskStore();
    store.getState().notePayoutStates('a', [{ kind: 'single', id: '7', state: 'CONFIRMED' }]);
    store.getState().notePayoutStates('b', [{ kind: 'single', id: '7', state: 'COMPLETED' }]);
    const { payoutStates } = store.getState();
    expect(payoutStates[payoutStateKey('a', 'single', '7')]).toBe('CONFIRMED');
    expect(payoutStates[payoutStateKey('b', 'single', '7')]).toBe('COMPLETED');
    expect(payoutStates[payoutStateKey('a', 'mass', '7')]).toBeUndefined();
  });

  it('follow payoutsChanged events', () => {
    const store = createDeskStore();
    store.getState().applyPayoutChanges({
      profileId: 'a',
      newCount: 0,
      changes: [
        {
          kind: 'mass',
          id: '9',
          state: 'IN_PROGRESS',
          previousState: 'CONFIRMED',
          sentFromApp: true,
        },
      ],
    });
    expect(store.getState().payoutStates[payoutStateKey('a', 'mass', '9')]).toBe('IN_PROGRESS');
  });

  it('a final state is not replaced by an answer read before it', () => {
    const store = createDeskStore();
    const note = store.getState().notePayoutStates;
    note('a', [{ kind: 'single', id: '1', state: 'CANCELED' }]);
    note('a', [{ kind: 'single', id: '1', state: 'CONFIRMED' }]);
    expect(store.getState().payoutStates[payoutStateKey('a', 'single', '1')]).toBe('CANCELED');
  });
});
