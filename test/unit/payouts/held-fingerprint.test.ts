// The fingerprint names rows held for a test payment (docs/test-payments.md): an approval
// bound to a plan is bound to what it holds back too, and a plan holding nothing hashes as
// it always did (approvals given before holds existed still count).
import { describe, expect, it } from 'vitest';
import {
  canonicalPlan,
  followUpFingerprint,
  planFingerprint,
  type HeldRow,
  type PlannedBatch,
} from '../../../electron/services/payouts/draft-fingerprint';

const target = { profileId: 'p', baseUrl: 'https://api.example', account: '0xabc' };
const batches: PlannedBatch[] = [
  { currency: 'TRX', rows: [{ address: 'A', amount: '1.50', comment: '' }] },
];
const heldRow: HeldRow = { currency: 'TRX', address: 'H', amount: '2.0', comment: 'h' };
const held: HeldRow[] = [heldRow];

describe('fingerprint of a plan with held rows', () => {
  it('keeps version 1 when nothing is held', () => {
    expect(canonicalPlan(target, batches, [])).toBe(canonicalPlan(target, batches));
    expect(planFingerprint(target, batches, [])).toBe(planFingerprint(target, batches));
  });

  it('names each held row in version 2, amounts canonical', () => {
    expect(canonicalPlan(target, batches, held)).toBe(
      '["payout-desk/draft-plan/2","p","https://api.example","0xabc",[["TRX",[["A","1.5",""]]]],[["TRX","H","2","h"]]]',
    );
  });

  it('changes with what is held: none, another row, another amount, another order', () => {
    const other: HeldRow = { currency: 'TRX', address: 'I', amount: '1', comment: '' };
    const variants = [
      planFingerprint(target, batches),
      planFingerprint(target, batches, held),
      planFingerprint(target, batches, [...held, other]),
      planFingerprint(target, batches, [other, ...held]),
      planFingerprint(target, batches, [{ ...heldRow, amount: '2.01' }]),
      planFingerprint(target, batches, [{ ...heldRow, currency: 'USDT_TRX' }]),
    ];
    expect(new Set(variants).size).toBe(variants.length);
  });

  it('gives a follow-up its own fingerprint, never a draft plan of the same batches', () => {
    const followUp = followUpFingerprint(target, 'd1', batches);
    expect(followUp).not.toBe(planFingerprint(target, batches));
    expect(followUp).not.toBe(followUpFingerprint(target, 'd2', batches));
    expect(followUp).toMatch(/^[0-9a-f]{64}$/);
  });
});
