// The New payout form reuses the request id of a payout whose outcome is not known, so the
// same payout confirmed again is that payout asked again (never a second one). Found by a
// review: the reuse outlived the outcome. A payout the sync pass settled was answered as the
// old one when the person meant to pay again (no repeat warning, nothing new paid), and one
// Calypso refused was refused again forever after the cause was fixed. The page's store on a
// real desk (test/support/in-process-bridge), its built-in simulator over HTTP.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { connectDeskEvents } from '../../../renderer/src/stores/desk-events';
import { createDeskStore, type DeskStoreApi } from '../../../renderer/src/stores/store';
import { testAddress } from '../../support/addresses';
import { startInProcessDesk, type InProcessDesk } from '../../support/in-process-bridge';
import { reviewNewPayout } from './support/new-payout-form';

const FAST = { creationMs: 100, confirmationMs: 100, startMs: 150, completionMs: 250 };
const WAIT = { timeout: 15_000, interval: 100 };
let running: InProcessDesk;
let store: DeskStoreApi;
let disconnect: () => void;

beforeAll(async () => {
  running = await startInProcessDesk({ delays: FAST });
  (globalThis as { window?: unknown }).window = { desk: running.bridge };
  store = createDeskStore();
  store.setState({ browserOnline: true });
  disconnect = connectDeskEvents(store);
  await store.getState().initialize();
  store.getState().selectProfile('simulator');
  store.getState().navigate('new-payout');
});

afterAll(async () => {
  disconnect();
  await running.close();
});

function simulator() {
  const sim = running.desk.simulator;
  if (!sim) throw new Error('the desk has no built-in simulator');
  return sim;
}

const review = (to: string, amount: string) => reviewNewPayout(store, { to, amount });

/** Confirms with Calypso's answers dropped: the outcome is not known. */
async function confirmUnanswered(): Promise<void> {
  simulator().setFaults({ failNext: 50 });
  try {
    await store.getState().confirmPayout();
  } finally {
    simulator().setFaults({ failNext: 0 });
  }
  expect(['pending', 'not-sent']).toContain(store.getState().payoutResult?.state);
}

describe('the request id of a payout whose outcome was not known', () => {
  it('is not reused once a sync found the payout: paying the same again is a new payout', async () => {
    const to = testAddress('tron', 31_001);
    const first = await review(to, '4');
    const base = simulator().countPayouts();
    await confirmUnanswered();
    await running.bridge.syncNow({ profileId: 'simulator' });
    await vi.waitFor(() => {
      expect(simulator().countPayouts()).toBe(base + 1);
    }, WAIT);
    await running.bridge.syncNow({ profileId: 'simulator' });
    // The window learns it was made (the payoutsChanged event it follows).
    await vi.waitFor(() => {
      expect(store.getState().pendingRequests.map((entry) => entry.requestId)).not.toContain(first);
    }, WAIT);

    const again = await review(to, '4');
    expect(again).not.toBe(first);
    const preview = store.getState().payoutPreview;
    const risks = preview?.status === 'ready' ? preview.preview.risks.map((risk) => risk.code) : [];
    expect(risks).toContain('DUPLICATE_RECENT_PAYOUT');
  });

  it('is not reused once Calypso refused it: fixed and entered again, it is sent', async () => {
    const to = testAddress('tron', 31_002);
    const first = await review(to, '5');
    await confirmUnanswered();
    simulator().setBalance('TRX', '0');
    await store.getState().recheckPayout();
    expect(store.getState().payoutError?.code).toBe('CALYPSO_REJECTED');
    simulator().setBalance('TRX', '1000000');

    const again = await review(to, '5');
    expect(again).not.toBe(first);
    await store.getState().confirmPayout();
    expect(store.getState().payoutResult?.state).toBe('done');
  });
});
