import { describe, expect, it } from 'vitest';
import {
  canonicalPlan,
  planFingerprint,
  type PlannedBatch,
} from '../../../electron/services/payouts/draft-fingerprint';

const target = { profileId: 'p', baseUrl: 'https://api.example', account: '0xabc' };
const batches: PlannedBatch[] = [
  { currency: 'TRX', rows: [{ address: 'A', amount: '1.50', comment: '' }] },
  { currency: 'USDT', rows: [{ address: 'B', amount: '2', comment: 'x' }] },
];

describe('draft plan fingerprint', () => {
  it('is hex SHA-256 of the documented canonical JSON, amounts canonical', () => {
    expect(canonicalPlan(target, batches)).toBe(
      '["payout-desk/draft-plan/1","p","https://api.example","0xabc",[["TRX",[["A","1.5",""]]],["USDT",[["B","2","x"]]]]]',
    );
    expect(planFingerprint(target, batches)).toMatch(/^[0-9a-f]{64}$/);
    expect(planFingerprint(target, batches)).toBe(
      planFingerprint(target, [
        { currency: 'TRX', rows: [{ address: 'A', amount: '1.5', comment: '' }] },
        batches[1] as PlannedBatch,
      ]),
    );
  });

  it('changes with anything signed: account, URL, order, an address, an amount, a comment, the split', () => {
    const base = planFingerprint(target, batches);
    const variants = [
      planFingerprint({ ...target, account: '0xabd' }, batches),
      planFingerprint({ ...target, baseUrl: 'https://sandbox.example' }, batches),
      planFingerprint({ ...target, profileId: 'q' }, batches),
      planFingerprint(target, [...batches].reverse()),
      planFingerprint(target, [
        { currency: 'TRX', rows: [{ address: 'A', amount: '1.51', comment: '' }] },
        batches[1] as PlannedBatch,
      ]),
      planFingerprint(target, [
        { currency: 'TRX', rows: [{ address: 'A', amount: '1.5', comment: ' ' }] },
        batches[1] as PlannedBatch,
      ]),
      // Fields that would concatenate the same ("AB" + "" vs "A" + "B") stay apart.
      planFingerprint(target, [
        { currency: 'TRX', rows: [{ address: 'A","1.5', amount: '1.5', comment: '' }] },
        batches[1] as PlannedBatch,
      ]),
      planFingerprint(target, [
        { currency: 'TRX', rows: [...(batches[0]?.rows ?? []), ...(batches[1]?.rows ?? [])] },
      ]),
    ];
    expect(new Set([base, ...variants]).size).toBe(variants.length + 1);
  });
});
