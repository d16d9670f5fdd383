// One request id confirmed on one profile, then sent again with the same payload for another
// profile (a hostile or broken client): the stored intent was taken for one changed outside
// Payout Desk, marked "not sent, cancel it and confirm again" although it is sound and will
// be sent (or the other profile's caller was answered with this profile's payout). It is a
// request id used for a different payout. Real parts: two simulators over HTTP, SQLite, keychain.
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '../../../electron/simulator';
import type { Profile, SubmittedPayout } from '../../../shared/ipc';
import { testAddress } from '../../support/addresses';
import { confirmed } from '../../support/confirm-payout';
import { deskCalls } from '../../support/desk-calls';
import { openTestDesk, type TestDesk } from '../../support/test-desk';

let opened: TestDesk;
const desk = () => opened.desk;
const { call, value } = deskCalls(desk);
let other: RunningSimulator;

beforeAll(async () => {
  other = await startSimulator({ seed: 'none' });
  opened = await openTestDesk('request-id-profile', {
    simulator: {
      seed: 'none',
      delays: { creationMs: 50, confirmationMs: 50, startMs: 50, completionMs: 50 },
    },
  });
});

afterAll(async () => {
  await opened.close();
  await other.close();
});

describe('a request id confirmed on one profile', () => {
  it('is refused for another profile, and the stored intent is left as it is', async () => {
    const second = await value<Profile>('addProfile', {
      name: 'Other merchant',
      environment: 'custom',
      baseUrl: other.baseUrl,
      account: other.merchant.account,
      key: other.merchant.key,
      secret: other.merchant.secret,
    });
    const request = {
      profileId: 'simulator',
      requestId: randomUUID(),
      depositAddress: testAddress('tron', 9_901),
      amount: '6',
      currency: 'TRX',
    };
    const hashed = await confirmed(value, request);
    // Calypso unreachable: the intent is stored, not sent.
    await desk().simulator?.close();
    expect((await value<SubmittedPayout>('createPayout', hashed)).state).toBe('not-sent');

    const elsewhere = await call('createPayout', { ...hashed, profileId: second.id });
    expect(elsewhere.ok).toBe(false);
    if (!elsewhere.ok) {
      expect(elsewhere.error.code).toBe('VALIDATION');
      expect(elsewhere.error.message).toMatch(/already used for a different payout/);
    }
    const sqlite = new Database(join(opened.dir, 'payout-desk.sqlite'), { readonly: true });
    try {
      const row = sqlite
        .prepare('SELECT profile_id, state, error_code FROM outbox WHERE request_id = ?')
        .get(request.requestId);
      // Sound, and still going to be sent: not marked as changed outside Payout Desk.
      // (pending while the sync pass that createPayout started tries it again)
      expect(row).toMatchObject({ profile_id: 'simulator', error_code: null });
      expect(['not-sent', 'pending']).toContain((row as { state: string }).state);
    } finally {
      sqlite.close();
    }
  });
});
