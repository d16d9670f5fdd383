// A single payout whose outcome is not settled (not sent yet, or no answer from Calypso),
// then the same payout entered again under a new request id: after a profile switch the
// form had forgotten the first request, so confirming again made a second intent and,
// once both were sent, paid the recipient twice. Main now refuses a second instruction
// for the same recipient, currency and amount while the first is unsettled, and warns of a
// repeat of a payment made in the last 30 days (docs/intents.md, "The same payout again").
// Real parts: the built-in simulator over HTTP, SQLite, the keychain.
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator } from '../../../electron/simulator';
import type { DraftRow, DraftSummary } from '../../../shared/drafts';
import type { PayoutPreview, Profile, SubmittedPayout } from '../../../shared/ipc';
import { testAddress } from '../../support/addresses';
import { confirmed } from '../../support/confirm-payout';
import { addCustomProfile } from '../../support/custom-profile';
import { deskCalls } from '../../support/desk-calls';
import { openTestDesk, type TestDesk } from '../../support/test-desk';

let opened: TestDesk;
const { call, value } = deskCalls(() => opened.desk);

function intentsTo(address: string): { request_id: string; state: string }[] {
  const sqlite = new Database(join(opened.dir, 'payout-desk.sqlite'), { readonly: true });
  try {
    return sqlite
      .prepare(
        `SELECT request_id, state FROM outbox
          WHERE json_extract(payload_json, '$.depositAddress') = ? ORDER BY created_ms`,
      )
      .all(address) as { request_id: string; state: string }[];
  } finally {
    sqlite.close();
  }
}

beforeAll(async () => {
  opened = await openTestDesk('same-payout-unsettled', {
    simulator: {
      seed: 'none',
      delays: { creationMs: 50, confirmationMs: 50, startMs: 50, completionMs: 50 },
    },
  });
});

afterAll(async () => {
  await opened.close();
});

describe('the same single payout entered again', () => {
  it('is a warning when the first one was paid, not a block', async () => {
    const to = testAddress('tron', 9_951);
    const first = { profileId: 'simulator', depositAddress: to, amount: '7', currency: 'TRX' };
    const sent = await value<SubmittedPayout>(
      'createPayout',
      await confirmed(value, { ...first, requestId: randomUUID() }),
    );
    expect(sent.state).toBe('done');
    const again = await value<PayoutPreview>('previewPayout', {
      ...first,
      requestId: randomUUID(),
    });
    expect(again.risks.map((risk) => risk.code)).toContain('DUPLICATE_RECENT_PAYOUT');
    expect(again.risks.find((risk) => risk.code === 'DUPLICATE_RECENT_PAYOUT')?.severity).toBe(
      'warning',
    );
  });

  it('is refused while the first is unsettled, and allowed once it is cancelled', async () => {
    const to = testAddress('tron', 9_952);
    const payout = { profileId: 'simulator', depositAddress: to, amount: '6', currency: 'TRX' };
    const firstId = randomUUID();
    const first = await confirmed(value, { ...payout, requestId: firstId });
    // Calypso unreachable: the intent is stored, not sent; the next sync pass would send it.
    await opened.desk.simulator?.close();
    expect((await value<SubmittedPayout>('createPayout', first)).state).toBe('not-sent');

    const secondId = randomUUID();
    const preview = await value<PayoutPreview>('previewPayout', { ...payout, requestId: secondId });
    const block = preview.risks.find((risk) => risk.code === 'PAYOUT_NOT_SETTLED');
    expect(block?.severity).toBe('error');
    expect(block?.message).toMatch(
      /^A payout of 6 TRX to this address from this account is not settled yet/,
    );
    const second = await call('createPayout', {
      ...payout,
      requestId: secondId,
      payloadHash: preview.payloadHash,
    });
    expect(second.ok).toBe(false);
    if (!second.ok) {
      expect(second.error.code).toBe('VALIDATION');
      expect(second.error.message).toMatch(/not settled yet.*Nothing was sent\.$/);
    }
    expect(intentsTo(to).map((row) => row.request_id)).toEqual([firstId]);

    // "Check again" on the first request is the same instruction: never refused by this rule.
    const checked = await call('createPayout', first);
    expect(checked.ok).toBe(true);
    // Another amount to the same address is another payout.
    const other = await value<PayoutPreview>('previewPayout', {
      ...payout,
      amount: '6.5',
      requestId: randomUUID(),
    });
    expect(other.risks.map((risk) => risk.code)).not.toContain('PAYOUT_NOT_SETTLED');

    // Cancelled while not sent: nothing can be paid by it, so the same payout may be sent.
    await value('cancelIntent', { requestId: firstId });
    const afterCancel = await value<PayoutPreview>('previewPayout', {
      ...payout,
      requestId: secondId,
    });
    expect(afterCancel.risks.map((risk) => risk.code)).not.toContain('PAYOUT_NOT_SETTLED');
  });
});

describe('the same payout from another profile of the same Calypso account', () => {
  it('is refused too: both profiles pay from one balance', async () => {
    const calypso = await startSimulator({ seed: 'none' });
    try {
      const a = await addCustomProfile(value, calypso, 'Payouts');
      const b = await addCustomProfile(value, calypso, 'Payouts, second window');
      // Each says which other profile shares its account (the accounts page shows it).
      expect(a.sameAccountAs).toEqual([]);
      expect(b.sameAccountAs).toEqual([a.id]);
      const listed = await value<Profile[]>('listProfiles');
      expect(listed.find((profile) => profile.id === a.id)?.sameAccountAs).toEqual([b.id]);
      expect(listed.find((profile) => profile.id === 'simulator')?.sameAccountAs).toEqual([]);
      const payout = { depositAddress: testAddress('tron', 9_953), amount: '6', currency: 'TRX' };
      await calypso.close(); // unreachable: A's payout is stored, not sent
      const first = await confirmed(value, {
        ...payout,
        profileId: a.id,
        requestId: randomUUID(),
      });
      // Not sent, or pending while a sync pass retries it: unsettled either way.
      expect(['not-sent', 'pending']).toContain(
        (await value<SubmittedPayout>('createPayout', first)).state,
      );
      const onB = await value<PayoutPreview>('previewPayout', {
        ...payout,
        profileId: b.id,
        requestId: randomUUID(),
      });
      expect(onB.risks.map((risk) => risk.code)).toContain('PAYOUT_NOT_SETTLED');
      const refused = await call('createPayout', {
        ...payout,
        profileId: b.id,
        requestId: onB.requestId,
        payloadHash: onB.payloadHash,
      });
      expect(refused.ok).toBe(false);
      expect(intentsTo(payout.depositAddress)).toHaveLength(1);
      // A draft row on B repeating A's payment is flagged as the account's, like B's own.
      const draft = await value<DraftSummary>('createDraft', {
        profileId: b.id,
        name: 'Same account, other profile',
        decimalSeparator: '.',
        rows: [
          { line: 2, address: payout.depositAddress, amount: '6', currency: 'TRX', comment: '' },
        ],
      });
      const rows = await value<{ rows: DraftRow[] }>('getDraftRows', { draftId: draft.id });
      expect(rows.rows[0]?.problems.map((problem) => problem.code)).toContain(
        'DUPLICATE_RECENT_PAYOUT',
      );
    } finally {
      await calypso.close().catch(() => undefined);
    }
  });
});
