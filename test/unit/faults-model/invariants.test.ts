// The model suite's invariants (test/faults/model/invariants.ts) on hand-made states: a
// consistent state passes, and each kind of broken state is reported with its intent.
import { describe, expect, it } from 'vitest';
import { checkInvariants, type Ledger } from '../../faults/model/invariants';
import type { DeskState, OutboxRow, SimState } from '../../faults/model/stores';

const A = '0xaaaa';
const B = '0xbbbb';

function outboxRow(requestId: string, kind: 'single' | 'mass', state = 'done'): OutboxRow {
  return {
    requestId,
    profileId: 'p1',
    kind,
    state,
    sourceId: null,
    resultId: null,
    payloadJson: '{}',
  };
}

/** One single payout (s1) and one draft (d1, one TRX batch m1 of two rows), all consistent. */
function consistent(): { ledger: Ledger; sim: SimState; desk: DeskState } {
  const rows = [
    { address: 'TR1', amount: '1.5', currency: 'TRX', comment: 'row 1' },
    { address: 'TR2', amount: '2', currency: 'TRX', comment: '' },
  ];
  const ledger: Ledger = {
    singles: [
      {
        requestId: 's1',
        profileId: 'p1',
        account: A,
        address: 'TS1',
        amount: '10.50',
        currency: 'USDT_TRX',
        answer: 'done',
      },
    ],
    drafts: new Map([['d1', { draftId: 'd1', reviewedRows: rows, account: A }]]),
    seenOutbox: new Map([
      ['s1', { ...outboxRow('s1', 'single'), expectedAccount: A }],
      ['m1', { ...outboxRow('m1', 'mass'), expectedAccount: A }],
    ]),
    seenBatches: new Map([['m1', { draftId: 'd1', batchNo: 1, requestId: 'm1', currency: 'TRX' }]]),
    confirmed: new Set(['s1', 'm1']),
    accounts: new Set([A, B]),
  };
  const sim: SimState = {
    payouts: [
      {
        id: '1001',
        kind: 'single',
        account: A,
        idempotencyKey: 's1',
        state: 'COMPLETED',
        depositAddress: 'TS1',
        amount: '10.5',
        currency: 'USDT_TRX',
      },
      {
        id: '1003',
        kind: 'mass',
        account: A,
        idempotencyKey: 'm1',
        state: 'COMPLETED',
        depositAddress: null,
        amount: null,
        currency: 'TRX',
      },
    ],
    withdrawals: [
      {
        id: '1002',
        parentId: '1001',
        account: A,
        state: 'COMPLETED',
        depositAddress: 'TS1',
        amount: '10.5',
        currency: 'USDT_TRX',
        comment: '',
      },
      {
        id: '1004',
        parentId: '1003',
        account: A,
        state: 'COMPLETED',
        depositAddress: 'TR1',
        amount: '1.50',
        currency: 'TRX',
        comment: 'row 1',
      },
      {
        id: '1005',
        parentId: '1003',
        account: A,
        state: 'COMPLETED',
        depositAddress: 'TR2',
        amount: '2',
        currency: 'TRX',
        comment: '',
      },
    ],
  };
  const desk: DeskState = {
    outbox: [outboxRow('s1', 'single'), outboxRow('m1', 'mass')],
    batches: [{ draftId: 'd1', batchNo: 1, requestId: 'm1', currency: 'TRX' }],
    drafts: [{ id: 'd1', profileId: 'p1', state: 'submitted' }],
  };
  return { ledger, sim, desk };
}

/** The element at `index`, which these hand-made states always have. */
function at<T>(items: readonly T[], index: number): T {
  const item = items[index];
  if (item === undefined) throw new Error(`no element ${index}`);
  return item;
}

function invariantsBroken(state: ReturnType<typeof consistent>): string[] {
  return checkInvariants(state.ledger, state.sim, state.desk).map(
    (violation) => `${violation.invariant}: ${violation.message}`,
  );
}

describe('model suite invariants', () => {
  it('pass on a consistent state (amounts compared exactly, not as text)', () => {
    expect(invariantsBroken(consistent())).toEqual([]);
  });

  it('report a second payout of one intent on another account', () => {
    const state = consistent();
    state.sim.payouts.push({ ...at(state.sim.payouts, 0), id: '1010', account: B });
    state.sim.withdrawals.push({
      ...at(state.sim.withdrawals, 0),
      id: '1011',
      parentId: '1010',
      account: B,
    });
    const broken = invariantsBroken(state);
    expect(broken).toContainEqual(
      expect.stringMatching(/^one payout per intent: intent s1 has 2 payouts/),
    );
    expect(broken).toContainEqual(
      expect.stringMatching(/^one payout per intent: recipient TS1 was paid 2 times/),
    );
    expect(broken).toContainEqual(
      expect.stringMatching(
        /^payout on the confirmed account: intent s1: single payout 1010 was created on 0xbbbb, confirmed for 0xaaaa/,
      ),
    );
  });

  it('report a recipient paid again by a second intent (a retry), but not a failed one', () => {
    const withRetry = (state: string) => {
      const again = consistent();
      again.ledger.singles.push({
        requestId: 'r1',
        profileId: 'p1',
        account: A,
        address: 'TR1',
        amount: '1.5',
        currency: 'TRX',
        answer: 'done',
      });
      again.ledger.confirmed.add('r1');
      again.desk.outbox.push(outboxRow('r1', 'single'));
      again.sim.payouts.push({
        id: '1020',
        kind: 'single',
        account: A,
        idempotencyKey: 'r1',
        state,
        depositAddress: 'TR1',
        amount: '1.5',
        currency: 'TRX',
      });
      again.sim.withdrawals.push({
        id: '1021',
        parentId: '1020',
        account: A,
        state,
        depositAddress: 'TR1',
        amount: '1.5',
        currency: 'TRX',
        comment: '',
      });
      return invariantsBroken(again);
    };
    expect(withRetry('FAILED')).toEqual([]);
    expect(withRetry('COMPLETED')).toEqual([
      expect.stringMatching(/recipient TR1 was paid 2 times: withdrawals 1004 .*1021/),
    ]);
  });

  it('report a signed draft that differs from the review, and one never reviewed', () => {
    const edited = consistent();
    edited.sim.withdrawals[2] = { ...at(edited.sim.withdrawals, 2), amount: '20' };
    expect(invariantsBroken(edited)).toContainEqual(
      expect.stringMatching(
        /^signed payload = reviewed: draft d1 TRX: mass payout 1003 signed 2 rows/,
      ),
    );
    const unreviewed = consistent();
    unreviewed.ledger.drafts.set('d1', { draftId: 'd1', reviewedRows: null, account: A });
    expect(invariantsBroken(unreviewed)).toContainEqual(
      expect.stringMatching(
        /draft d1: mass payouts 1003 were created although the draft was never reviewed/,
      ),
    );
    const single = consistent();
    single.sim.payouts[0] = { ...at(single.sim.payouts, 0), amount: '10.51' };
    expect(invariantsBroken(single)).toContainEqual(
      expect.stringMatching(/^signed payload = reviewed: single intent s1: payout 1001 pays 10.51/),
    );
  });

  it('report a rejected entry whose payout exists, and a lost entry', () => {
    const state = consistent();
    state.desk.outbox[0] = { ...at(state.desk.outbox, 0), state: 'rejected' };
    state.desk.outbox.pop();
    const broken = invariantsBroken(state);
    expect(broken).toContainEqual(
      expect.stringMatching(
        /^no rejected entry whose payout exists: intent s1 was stored rejected \(at the end\) but the simulator has single payout 1001/,
      ),
    );
    expect(broken).toContainEqual(
      expect.stringMatching(
        /^no outbox entry lost: intent m1 \(mass, last seen done\) has no outbox row at the end; the simulator has mass payout 1003/,
      ),
    );
  });

  it('report a payout no intent of the model accounts for', () => {
    const state = consistent();
    state.sim.payouts.push({ ...at(state.sim.payouts, 0), id: '1030', idempotencyKey: 'stray' });
    expect(invariantsBroken(state)).toContainEqual(
      expect.stringMatching(/single payout 1030 on 0xaaaa \(key stray\) matches no intent/),
    );
  });
});
