// The approval policy evaluator (shared/approvals): M of N, thresholds per currency, what a
// signature is bound to, and who never counts. Real Ed25519 keys and signatures.
import { ed25519 } from '@noble/curves/ed25519.js';
import { bytesToHex } from '@noble/curves/utils.js';
import { describe, expect, it } from 'vitest';
import {
  approvalMessage,
  approvalsNeeded,
  checkApprovals,
  publicKeyProblem,
  requestMessage,
  unmetApprovalMessage,
  type ApprovalPlan,
  type ApprovalPolicy,
} from '../../../shared/approvals';

function person(name: string) {
  const secretKey = ed25519.utils.randomSecretKey();
  return { name, secretKey, publicKey: bytesToHex(ed25519.getPublicKey(secretKey)) };
}

const alice = person('Alice');
const bob = person('Bob');
const carol = person('Carol');
const mallory = person('Mallory');

const basePlan: ApprovalPlan = {
  target: { profileId: 'p1', baseUrl: 'https://calypso.example', account: 'acct-1' },
  draftId: 'draft-1',
  fingerprint: 'a'.repeat(64),
  totals: [{ currency: 'USDT_TRX', total: '1500' }],
  firstPaymentRows: 0,
};

function policy(patch: Partial<ApprovalPolicy> = {}): ApprovalPolicy {
  return {
    id: 'policy-1',
    approvers: [alice, bob, carol].map(({ name, publicKey }) => ({ name, publicKey })),
    required: 2,
    thresholds: [{ currency: 'USDT_TRX', above: '1000' }],
    firstPaymentNeedsApproval: false,
    updatedAtMs: 0,
    ...patch,
  };
}

function sign(signer: { publicKey: string; secretKey: Uint8Array }, plan = basePlan) {
  return {
    publicKey: signer.publicKey,
    signature: bytesToHex(ed25519.sign(approvalMessage(plan), signer.secretKey)),
  };
}

describe('approvalsNeeded', () => {
  it('asks nothing without a policy', () => {
    expect(approvalsNeeded(null, basePlan)).toEqual({ needed: false, reasons: [] });
  });

  it('compares the total with the threshold of its currency: at and below pass, above needs approval', () => {
    const at = { ...basePlan, totals: [{ currency: 'USDT_TRX', total: '1000' }] };
    const below = { ...basePlan, totals: [{ currency: 'USDT_TRX', total: '999.999999' }] };
    const above = { ...basePlan, totals: [{ currency: 'USDT_TRX', total: '1000.000001' }] };
    expect(approvalsNeeded(policy(), at).needed).toBe(false);
    expect(approvalsNeeded(policy(), below).needed).toBe(false);
    expect(approvalsNeeded(policy(), above)).toEqual({
      needed: true,
      reasons: ['The USDT_TRX total 1000.000001 is above the approval threshold of 1000 USDT_TRX.'],
    });
  });

  it('keeps each currency to its own threshold, exactly (no float rounding)', () => {
    const thresholds = [
      { currency: 'USDT_TRX', above: '1000' },
      { currency: 'BTC', above: '0.1' },
    ];
    const plan = {
      ...basePlan,
      totals: [
        { currency: 'USDT_TRX', total: '50' },
        // 0.1 + 0.2 as floats is 0.30000000000000004; as decimals the total is what it is.
        { currency: 'BTC', total: '0.10000000000000000001' },
      ],
    };
    expect(approvalsNeeded(policy({ thresholds }), plan).reasons).toEqual([
      'The BTC total 0.10000000000000000001 is above the approval threshold of 0.1 BTC.',
    ]);
  });

  it('needs approval for a currency the policy sets no threshold for', () => {
    const plan = { ...basePlan, totals: [{ currency: 'TRX', total: '1' }] };
    expect(approvalsNeeded(policy(), plan).needed).toBe(true);
  });

  it('needs approval for a first payment when the policy says so, whatever the total', () => {
    const small = {
      ...basePlan,
      totals: [{ currency: 'USDT_TRX', total: '1' }],
      firstPaymentRows: 2,
    };
    expect(approvalsNeeded(policy(), small).needed).toBe(false);
    expect(approvalsNeeded(policy({ firstPaymentNeedsApproval: true }), small)).toEqual({
      needed: true,
      reasons: [
        '2 rows pay an address this account never paid, and first payments always need approval.',
      ],
    });
  });
});

describe('checkApprovals', () => {
  it('is met with M valid approvals of N, not with fewer', () => {
    const one = checkApprovals(policy(), basePlan, [sign(alice)], null);
    expect(one).toMatchObject({ needed: true, required: 2, approverCount: 3, met: false });
    expect(unmetApprovalMessage(one)).toContain('needs 2 of 3 approvals');
    const two = checkApprovals(policy(), basePlan, [sign(alice), sign(carol)], null);
    expect(two.met).toBe(true);
    expect(two.counted.map((approver) => approver.name)).toEqual(['Alice', 'Carol']);
    expect(unmetApprovalMessage(two)).toBeNull();
  });

  it('does not count a signature of another fingerprint (the draft was edited, or the file altered)', () => {
    const edited = { ...basePlan, fingerprint: 'b'.repeat(64) };
    const check = checkApprovals(policy(), edited, [sign(alice), sign(bob)], null);
    expect(check.met).toBe(false);
    expect(check.counted).toEqual([]);
    expect(check.notCounted.map((entry) => entry.reason)).toEqual([
      'bad-signature',
      'bad-signature',
    ]);
  });

  it('does not count a signature whose bytes were changed', () => {
    const good = sign(alice);
    const flipped = `${good.signature.slice(0, -1)}${good.signature.endsWith('0') ? '1' : '0'}`;
    const check = checkApprovals(
      policy({ required: 1 }),
      basePlan,
      [{ ...good, signature: flipped }],
      null,
    );
    expect(check.met).toBe(false);
    expect(check.notCounted[0]?.reason).toBe('bad-signature');
  });

  it('does not count an approval of the same plan on another draft or another account', () => {
    const otherDraft = checkApprovals(
      policy({ required: 1 }),
      basePlan,
      [sign(alice, { ...basePlan, draftId: 'draft-2' })],
      null,
    );
    const otherAccount = checkApprovals(
      policy({ required: 1 }),
      basePlan,
      [sign(alice, { ...basePlan, target: { ...basePlan.target, account: 'acct-2' } })],
      null,
    );
    expect(otherDraft.met).toBe(false);
    expect(otherAccount.met).toBe(false);
  });

  it('does not take a preparer request signature as an approval (separate domains)', () => {
    const requestSignature = bytesToHex(ed25519.sign(requestMessage(basePlan), alice.secretKey));
    const check = checkApprovals(
      policy({ required: 1 }),
      basePlan,
      [{ publicKey: alice.publicKey, signature: requestSignature }],
      null,
    );
    expect(check.met).toBe(false);
  });

  it('does not count a valid signature by a key the policy does not name', () => {
    const check = checkApprovals(policy(), basePlan, [sign(alice), sign(mallory)], null);
    expect(check.met).toBe(false);
    expect(check.notCounted).toMatchObject([{ reason: 'not-in-policy', name: null }]);
  });

  it('counts two signatures by one key once', () => {
    const check = checkApprovals(policy(), basePlan, [sign(alice), sign(alice)], null);
    expect(check.counted).toHaveLength(1);
    expect(check.met).toBe(false);
    expect(check.notCounted).toMatchObject([{ reason: 'duplicate', name: 'Alice' }]);
  });

  it("never counts the preparer's own approval, even when the policy names the preparer", () => {
    const check = checkApprovals(policy(), basePlan, [sign(alice), sign(bob)], alice.publicKey);
    expect(check.met).toBe(false);
    expect(check.counted.map((approver) => approver.name)).toEqual(['Bob']);
    expect(check.notCounted).toMatchObject([{ reason: 'preparer', name: 'Alice' }]);
  });

  it('is met without approvals when the plan needs none', () => {
    const small = { ...basePlan, totals: [{ currency: 'USDT_TRX', total: '10' }] };
    expect(checkApprovals(policy(), small, [], null)).toMatchObject({
      needed: false,
      met: true,
      required: 0,
    });
  });
});

describe('publicKeyProblem', () => {
  it('accepts a real key and refuses malformed, off-curve and small-order ones', () => {
    expect(publicKeyProblem(alice.publicKey)).toBeNull();
    expect(publicKeyProblem('abc')).toContain('64 lower-case hex');
    expect(publicKeyProblem('f'.repeat(64))).toContain('not a point');
    expect(publicKeyProblem('0'.repeat(64))).toContain('small-order');
  });
});
