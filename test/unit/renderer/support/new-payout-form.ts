/**
 * What a person does on New payout, on the page's store: a new form, the fields typed, Review
 * (main previews the exact request). Answers the request id the confirmation carries.
 */
import { expect, vi } from 'vitest';
import type { DeskStoreApi } from '../../../../renderer/src/stores/store';

export async function reviewNewPayout(
  store: DeskStoreApi,
  fields: { to: string; amount: string; currency?: string },
): Promise<string> {
  const state = store.getState();
  state.startNewPayout();
  state.setPayoutField('currency', fields.currency ?? 'TRX');
  state.setPayoutField('depositAddress', fields.to);
  state.setPayoutField('amount', fields.amount);
  expect(store.getState().reviewPayout()).toBe(true);
  await vi.waitFor(
    () => {
      expect(store.getState().payoutPreview?.status).toBe('ready');
    },
    { timeout: 15_000, interval: 100 },
  );
  return store.getState().payoutRequest?.requestId ?? '';
}
