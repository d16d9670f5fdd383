// Found by review: two profiles of one Calypso account whose base URLs differ only in how
// the URL is spelt (scheme and host case) pay from one balance, but sameTarget compared the
// stored strings, so neither card said "Same Calypso account" and the repeat and unsettled
// checks (accountPayments, targetOf/sameTarget) did not look across them. Base URLs are now
// stored canonical and compared canonical (profiles/calypso-target.ts).
// Real parts: a second simulator over HTTP, SQLite, the keychain.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator } from '../../../electron/simulator';
import type { PayoutPreview, SubmittedPayout } from '../../../shared/ipc';
import { testAddress } from '../../support/addresses';
import { confirmed } from '../../support/confirm-payout';
import { addCustomProfile } from '../../support/custom-profile';
import { deskCalls } from '../../support/desk-calls';
import { openTestDesk, type TestDesk } from '../../support/test-desk';

let opened: TestDesk;
const { value } = deskCalls(() => opened.desk);

beforeAll(async () => {
  opened = await openTestDesk('same-account-url-spelling', { simulator: { seed: 'none' } });
});

afterAll(async () => {
  await opened.close();
});

describe('two profiles of one account, the base URL spelt two ways', () => {
  it('say they are the same account, and a payout unsettled on one is refused on the other', async () => {
    const calypso = await startSimulator({ seed: 'none' });
    try {
      const url = new URL(calypso.baseUrl);
      const shouted = `${url.protocol.toUpperCase()}//${url.host.toUpperCase()}${url.pathname.replace(/\/$/, '')}`;
      const a = await addCustomProfile(value, calypso, 'Payouts');
      // Calypso accepted the second spelling: the same server, the same account.
      const b = await addCustomProfile(value, calypso, 'Payouts (typed in capitals)', shouted);
      // Stored in one spelling (canonicalBaseUrl); spellings stored before that are matched
      // by sameTarget itself (test/unit/profiles/calypso-target.test.ts).
      expect(b.baseUrl).toBe(a.baseUrl);
      // The guard against paying twice looks across them.
      const payout = { depositAddress: testAddress('tron', 9_961), amount: '6', currency: 'TRX' };
      await calypso.close(); // unreachable: A's payout is stored, not sent
      const first = await confirmed(value, { ...payout, profileId: a.id, requestId: randomUUID() });
      expect(['not-sent', 'pending']).toContain(
        (await value<SubmittedPayout>('createPayout', first)).state,
      );
      const onB = await value<PayoutPreview>('previewPayout', {
        ...payout,
        profileId: b.id,
        requestId: randomUUID(),
      });
      expect(onB.risks.map((risk) => risk.code)).toContain('PAYOUT_NOT_SETTLED');
      expect(b.sameAccountAs).toEqual([a.id]);
    } finally {
      await calypso.close().catch(() => undefined);
    }
  });
});
