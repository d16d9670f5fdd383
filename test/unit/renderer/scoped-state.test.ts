// The renderer's store on a real desk (payout-desk issue 11, part 6): result cards, messages
// and errors belong to the profile and the object they are about, are gone after a profile
// switch, and follow main's events. The store is the one the page builds (createDeskStore),
// with its event feed connected, and window.desk is a real desk (test/support/in-process-bridge).
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { startSimulator, type RunningSimulator } from '../../../electron/simulator';
import type { DeskBridge, DraftReview, DraftSummary, Profile } from '../../../shared/ipc';
import type { DraftBatch } from '../../../shared/drafts';
import { connectDeskEvents } from '../../../renderer/src/stores/desk-events';
import {
  selectNotice,
  selectPayoutResult,
  selectResultPayoutState,
} from '../../../renderer/src/stores/selectors';
import { draftObject, HISTORY_OBJECT } from '../../../renderer/src/stores/scope';
import { createDeskStore, type DeskStoreApi } from '../../../renderer/src/stores/store';
import { testAddress } from '../../support/addresses';
import { startInProcessDesk, type InProcessDesk } from '../../support/in-process-bridge';
import { reviewNewPayout } from './support/new-payout-form';

const FAST = { creationMs: 100, confirmationMs: 100, startMs: 150, completionMs: 250 };
const WAIT = { timeout: 15_000, interval: 100 };

let running: InProcessDesk;
let merchant: RunningSimulator;
let profileB: Profile;
let store: DeskStoreApi;
let disconnect: () => void;
let addressNo = 1;

function bridge(): DeskBridge {
  return running.bridge;
}

async function value<T>(
  result: Promise<{ ok: true; value: T } | { ok: false; error: { message: string } }>,
) {
  const answer = await result;
  if (!answer.ok) throw new Error(answer.error.message);
  return answer.value;
}

/** What the person does on New payout: fill, review (main previews), confirm. */
async function sendPayout(fields: { amount: string; executionDate?: string }): Promise<void> {
  const state = store.getState();
  state.startNewPayout();
  state.setPayoutField('currency', 'TRX');
  state.setPayoutField('depositAddress', testAddress('tron', 9_000 + addressNo++));
  state.setPayoutField('amount', fields.amount);
  state.setPayoutField('executionDate', fields.executionDate ?? '');
  expect(store.getState().reviewPayout()).toBe(true);
  await vi.waitFor(() => {
    expect(store.getState().payoutPreview?.status).toBe('ready');
  }, WAIT);
  await store.getState().confirmPayout();
  expect(store.getState().payoutResult?.state).toBe('done');
}

/** `<input type="datetime-local">` text for a moment `ms` from now, local time. */
function localInputIn(ms: number): string {
  const date = new Date(Date.now() + ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(
    date.getHours(),
  )}:${pad(date.getMinutes())}`;
}

/** A submitted draft of the simulator profile, made from outside the page (another window). */
async function submittedDraft(name: string): Promise<DraftSummary> {
  const rows = [1, 2].map((n) => ({
    line: n + 1,
    address: testAddress('tron', 20_000 + addressNo++),
    amount: `${n}.5`,
    currency: 'TRX',
    comment: '',
  }));
  const draft = await value(
    bridge().createDraft({ profileId: 'simulator', name, decimalSeparator: '.', rows }),
  );
  const review: DraftReview = await value(bridge().reviewDraft({ draftId: draft.id }));
  const batches: DraftBatch[] = await value(
    bridge().submitDraft({ draftId: draft.id, fingerprint: review.fingerprint }),
  );
  expect(batches.length).toBeGreaterThan(0);
  return draft;
}

beforeAll(async () => {
  running = await startInProcessDesk({ delays: FAST });
  (globalThis as { window?: unknown }).window = { desk: running.bridge };
  merchant = await startSimulator({ delays: FAST });
  store = createDeskStore();
  store.setState({ browserOnline: true });
  disconnect = connectDeskEvents(store);
  await store.getState().initialize();
  const added = await store.getState().addProfile({
    name: 'Merchant B',
    environment: 'custom',
    baseUrl: merchant.baseUrl,
    account: merchant.merchant.account,
    key: merchant.merchant.key,
    secret: merchant.merchant.secret,
  });
  if (!added.ok) throw new Error(added.error.message);
  profileB = added.value;
});

afterAll(async () => {
  disconnect();
  await bridge().removeProfile({ profileId: profileB.id });
  await running.close();
  await merchant.close();
});

beforeEach(() => {
  store.getState().selectProfile('simulator');
  store.getState().navigate('new-payout');
});

describe('a result card belongs to the profile it was sent from', () => {
  it('after switching profile, New payout shows no card of the other profile', async () => {
    await sendPayout({ amount: '3' });
    expect(selectPayoutResult(store.getState())?.state).toBe('done');

    store.getState().selectProfile(profileB.id);

    expect(selectPayoutResult(store.getState())).toBeNull();
    expect(store.getState().payoutResult).toBeNull();
    expect(store.getState().payoutStep).toBe('form');
    // Coming back does not bring A's card back either: it was about that moment.
    store.getState().selectProfile('simulator');
    expect(selectPayoutResult(store.getState())).toBeNull();
  });

  it('an answer that arrives after the switch does not land on the new profile', async () => {
    const state = store.getState();
    state.startNewPayout();
    state.setPayoutField('currency', 'TRX');
    state.setPayoutField('depositAddress', testAddress('tron', 9_500));
    state.setPayoutField('amount', '4');
    expect(store.getState().reviewPayout()).toBe(true);
    await vi.waitFor(() => {
      expect(store.getState().payoutPreview?.status).toBe('ready');
    }, WAIT);
    const sending = store.getState().confirmPayout();
    store.getState().selectProfile(profileB.id);
    await sending;
    expect(selectPayoutResult(store.getState())).toBeNull();
    expect(store.getState().payoutError).toBeNull();
  });
});

describe('a result card follows its payout', () => {
  it('a scheduled payout cancelled from its details: its card says cancelled', async () => {
    await sendPayout({ amount: '5', executionDate: localInputIn(86_400_000) });
    const result = store.getState().payoutResult;
    if (result?.state !== 'done') throw new Error('no payout');
    expect(selectResultPayoutState(store.getState())).toBe('CONFIRMED');

    store.getState().openDetails({ kind: result.item.kind, id: result.item.id });
    await vi.waitFor(() => {
      expect(store.getState().details?.item.id).toBe(result.item.id);
    }, WAIT);
    expect(await store.getState().cancelPayout('Scheduled by mistake')).toBe(true);

    expect(selectResultPayoutState(store.getState())).toBe('CANCELED');
  });

  it('a payout sent now moves on its card as main reports it (payoutsChanged)', async () => {
    await sendPayout({ amount: '6' });
    await vi.waitFor(async () => {
      await store.getState().syncNow('simulator');
      expect(selectResultPayoutState(store.getState())).toBe('COMPLETED');
    }, WAIT);
  });
});

describe('messages belong to the object they are about', () => {
  it('"rows exported" of one draft is not shown on another draft or another profile', async () => {
    const first = await submittedDraft('Payroll A');
    const second = await submittedDraft('Payroll B');
    store.getState().navigate('drafts');
    store.getState().openDraft(first.id);
    await vi.waitFor(() => {
      expect(store.getState().draft?.id).toBe(first.id);
    }, WAIT);
    const exported = await store.getState().exportReconciliation('csv');
    expect(exported?.ok).toBe(true);
    expect(selectNotice(store.getState(), draftObject(first.id), 'export')?.text).toMatch(
      /^2 rows exported to /,
    );

    store.getState().openDraft(second.id);
    expect(selectNotice(store.getState(), draftObject(second.id), 'export')).toBeNull();

    store.getState().openDraft(first.id);
    expect(selectNotice(store.getState(), draftObject(first.id), 'export')?.text).toMatch(
      /rows exported/,
    );
    store.getState().selectProfile(profileB.id);
    expect(selectNotice(store.getState(), draftObject(first.id), 'export')).toBeNull();
  });

  it('the history export message is the profile’s own', async () => {
    store.getState().navigate('history');
    await vi.waitFor(() => {
      expect(store.getState().historyTotal).not.toBeNull();
    }, WAIT);
    const exported = await store.getState().exportHistory();
    expect(exported?.ok).toBe(true);
    expect(selectNotice(store.getState(), HISTORY_OBJECT, 'export')?.text).toMatch(
      /rows exported to /,
    );
    store.getState().selectProfile(profileB.id);
    expect(selectNotice(store.getState(), HISTORY_OBJECT, 'export')).toBeNull();
  });
});

describe('an error goes once what it was about is fixed', () => {
  it('refused credentials: fixing the secret clears the refusal and the sync error', async () => {
    // Calypso support rotated the secret: same server, account and key, a new secret.
    const port = merchant.port;
    const { account, key } = merchant.merchant;
    await merchant.close();
    merchant = await startSimulator({ port, delays: FAST });
    const secret = merchant.addMerchant({ account, key }).secret;

    store.getState().selectProfile(profileB.id);
    await store.getState().checkConnection(profileB.id);
    const refused = store.getState().connectionChecks[profileB.id];
    expect(refused?.status === 'failed' && refused.error.code).toBe('AUTH_REJECTED');
    await store.getState().syncNow(profileB.id);
    expect(store.getState().syncStatuses[profileB.id]?.lastError?.code).toBe('AUTH_REJECTED');

    const updated = await store.getState().updateProfile({ id: profileB.id, secret });
    expect(updated.ok).toBe(true);

    expect(store.getState().connectionChecks[profileB.id]?.status).not.toBe('failed');
    await vi.waitFor(() => {
      expect(store.getState().syncStatuses[profileB.id]?.lastError ?? null).toBeNull();
    }, WAIT);
  });
});

describe('a payout whose outcome is not known', () => {
  it('is the same request when reviewed again after another payout on another profile', async () => {
    const port = merchant.port;
    await merchant.close(); // Merchant B's Calypso unreachable: its payout is not sent
    try {
      store.getState().selectProfile(profileB.id);
      store.getState().navigate('new-payout');
      const to = testAddress('tron', 9_700);
      const first = await reviewNewPayout(store, { to, amount: '8' });
      await store.getState().confirmPayout();
      expect(store.getState().payoutResult?.state).toBe('not-sent');

      // Another payout on the other profile replaces the form's request...
      store.getState().selectProfile('simulator');
      store.getState().navigate('new-payout');
      await sendPayout({ amount: '2' });
      // ...and the same payout on B again is B's first request, never a second payout.
      store.getState().selectProfile(profileB.id);
      store.getState().navigate('new-payout');
      expect(await reviewNewPayout(store, { to, amount: '8' })).toBe(first);
    } finally {
      merchant = await startSimulator({ port, delays: FAST });
    }
  });
});
