// Maker-checker approvals end to end against real parts (docs/approvals.md): two desks in
// their own data folders, each with its own keychain service (a person's own keychain), the
// built-in simulator over HTTP, real SQLite files. The preparer exports a request, the
// approver's desk checks it, signs it with its own key, the signed file comes back and is
// imported, a second approver signs in turn on the preparer's machine, and only then does
// Submit send anything. An edit voids the approvals; altered files are refused.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deletePassword, findCredentials } from 'keytar';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDesk, type Desk } from '../../../electron/services/desk';
import { createKeytarStore } from '../../../electron/services/vault';
import type {
  ApprovalFile,
  ApprovalPolicy,
  ApprovalRequestView,
  ApproverKey,
  DraftApprovals,
} from '../../../shared/approvals';
import type { DraftBatch, DraftSummary } from '../../../shared/drafts';
import type { AuditEntry, DraftReview } from '../../../shared/ipc';
import { testAddress } from '../../support/addresses';
import { deskCalls } from '../../support/desk-calls';

const PREPARER_SERVICE = 'payout-desk-test-approvals-preparer';
const APPROVER_SERVICE = 'payout-desk-test-approvals-approver';
const dirs: string[] = [];
const dataDirs = new Map<string, string>();
let preparerDesk: Desk | undefined;
let approverDesk: Desk | undefined;
const here = deskCalls(() => preparerDesk);
const there = deskCalls(() => approverDesk);

async function start(service: string, simulator: boolean): Promise<Desk> {
  const dataDir = mkdtempSync(join(tmpdir(), 'payout-desk-approvals-'));
  dirs.push(dataDir);
  dataDirs.set(service, dataDir);
  return createDesk({
    dataDir,
    secretStore: createKeytarStore(service),
    simulator: simulator
      ? {
          seed: 'none',
          delays: { creationMs: 20, confirmationMs: 20, startMs: 20, completionMs: 20 },
        }
      : false,
    sync: { startOnOpen: false },
  });
}

let alice: ApproverKey;
let bob: ApproverKey;
let carol: ApproverKey;

beforeAll(async () => {
  preparerDesk = await start(PREPARER_SERVICE, true);
  approverDesk = await start(APPROVER_SERVICE, false);
  alice = await here.value<ApproverKey>('createApproverKey', { name: 'Alice' });
  carol = await here.value<ApproverKey>('createApproverKey', { name: 'Carol' });
  bob = await there.value<ApproverKey>('createApproverKey', { name: 'Bob' });
  await here.value<ApprovalPolicy>('setApprovalPolicy', {
    profileId: 'simulator',
    policy: {
      approvers: [alice, bob, carol].map(({ name, publicKey }) => ({ name, publicKey })),
      required: 2,
      thresholds: [{ currency: 'TRX', above: '2' }],
      firstPaymentNeedsApproval: false,
    },
  });
});

afterAll(async () => {
  await preparerDesk?.close();
  await approverDesk?.close();
  for (const service of [PREPARER_SERVICE, APPROVER_SERVICE]) {
    for (const { account } of await findCredentials(service)) {
      await deletePassword(service, account);
    }
  }
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function payouts(): number {
  const simulator = preparerDesk?.simulator;
  if (!simulator) throw new Error('no simulator');
  return simulator.countPayouts();
}

async function draftOf(name: string, amounts: string[], first = 12_400): Promise<DraftSummary> {
  return here.value<DraftSummary>('createDraft', {
    profileId: 'simulator',
    name,
    decimalSeparator: '.',
    rows: amounts.map((amount, index) => ({
      line: index + 2,
      address: testAddress('tron', first + index),
      amount,
      currency: 'TRX',
      comment: '',
    })),
  });
}

async function actions(): Promise<string[]> {
  const entries = await here.value<AuditEntry[]>('listAudit', { limit: 1000 });
  return entries.map((entry) => entry.action);
}

describe('an approval round trip between two desks', () => {
  it('refuses Submit until 2 of 3 approve the reviewed version, then sends it', async () => {
    const draft = await draftOf('Payroll needing approval', ['1.5', '1.5']);
    const review = await here.value<DraftReview>('reviewDraft', { draftId: draft.id });

    // Nothing approved yet: Submit refuses with a sentence and sends nothing.
    const refused = await here.failure('submitDraft', {
      draftId: draft.id,
      fingerprint: review.fingerprint,
    });
    expect(refused.code).toBe('VALIDATION');
    expect(refused.message).toContain('needs 2 of 3 approvals');
    expect(refused.message).toContain('The TRX total 3 is above the approval threshold of 2 TRX.');
    expect(payouts()).toBe(0);
    expect(await actions()).toContain('draft.submit-refused');

    // The preparer (Alice, on her desk) exports the request.
    const request = await here.value<ApprovalFile & { approvals: DraftApprovals }>(
      'exportApprovalRequest',
      { draftId: draft.id, fingerprint: review.fingerprint, preparerKey: alice.publicKey },
    );
    expect(request.approvals.preparer).toEqual({ name: 'Alice', publicKey: alice.publicKey });
    expect(request.json).not.toMatch(/secret/i);

    // Bob's desk opens it: the same plan, totals recomputed, the same fingerprint.
    const opened = await there.value<ApprovalRequestView>('openApprovalRequest', {
      json: request.json,
    });
    expect(opened.fingerprint).toBe(review.fingerprint);
    expect(opened.totals).toEqual([{ currency: 'TRX', total: '3', rowCount: 2 }]);
    expect(opened.plan[0]?.rows.map((row) => row.amount)).toEqual(['1.5', '1.5']);
    expect(opened.risks.map((risk) => risk.code)).toEqual([
      'ADDRESS_FIRST_PAYMENT',
      'ADDRESS_FIRST_PAYMENT',
    ]);

    const signed = await there.value<ApprovalFile>('signApprovalRequest', {
      json: request.json,
      approverKey: bob.publicKey,
    });
    const afterBob = await here.value<DraftApprovals>('importApproval', { json: signed.json });
    expect(afterBob.check.counted.map((approver) => approver.name)).toEqual(['Bob']);
    expect(afterBob.blocked).toContain('needs 2 of 3 approvals');
    // Importing the same file again counts it once.
    const again = await here.value<DraftApprovals>('importApproval', { json: signed.json });
    expect(again.check.counted).toHaveLength(1);

    // The preparer's own key never counts, even though the policy names Alice.
    const self = await here.failure('approveDraft', {
      draftId: draft.id,
      fingerprint: review.fingerprint,
      approverKey: alice.publicKey,
    });
    expect(self.message).toContain('a preparer never approves their own draft');
    expect(payouts()).toBe(0);

    // Carol signs in turn on the preparer's machine with her own key.
    const met = await here.value<DraftApprovals>('approveDraft', {
      draftId: draft.id,
      fingerprint: review.fingerprint,
      approverKey: carol.publicKey,
    });
    expect(met.check.met).toBe(true);
    expect(met.blocked).toBeNull();

    const batches = await here.value<DraftBatch[]>('submitDraft', {
      draftId: draft.id,
      fingerprint: review.fingerprint,
    });
    expect(batches.map((batch) => [batch.delivery, batch.total])).toEqual([['done', '3']]);
    expect(payouts()).toBe(1);
    const log = await actions();
    for (const action of [
      'approval.policy-changed',
      'approval.requested',
      'approval.added',
      'approval.refused',
      'draft.submitted',
    ]) {
      expect(log).toContain(action);
    }
  });

  it('voids the approvals when the draft is edited, and refuses the old approval file', async () => {
    const before = payouts();
    const draft = await draftOf('Edited after approval', ['2', '2']);
    const review = await here.value<DraftReview>('reviewDraft', { draftId: draft.id });
    const request = await here.value<ApprovalFile>('exportApprovalRequest', {
      draftId: draft.id,
      fingerprint: review.fingerprint,
      preparerKey: alice.publicKey,
    });
    const signed = await there.value<ApprovalFile>('signApprovalRequest', {
      json: request.json,
      approverKey: bob.publicKey,
    });
    await here.value('importApproval', { json: signed.json });
    await here.value('approveDraft', {
      draftId: draft.id,
      fingerprint: review.fingerprint,
      approverKey: carol.publicKey,
    });

    await here.value('updateDraftRow', { draftId: draft.id, rowNo: 2, amount: '20' });
    const edited = await here.value<DraftReview>('reviewDraft', { draftId: draft.id });
    expect(edited.fingerprint).not.toBe(review.fingerprint);
    const status = await here.value<DraftApprovals>('getDraftApprovals', { draftId: draft.id });
    expect(status.check.counted).toEqual([]);
    expect(status.voided.map((approver) => approver.name).sort()).toEqual(['Bob', 'Carol']);
    expect(status.preparer).toBeNull();

    const stale = await here.failure('importApproval', { json: signed.json });
    expect(stale.message).toBe(
      'This approval was signed for a different version of the draft (it was edited after the request was made): it does not count. Export a new approval request for the draft as it is now.',
    );
    const submit = await here.failure('submitDraft', {
      draftId: draft.id,
      fingerprint: edited.fingerprint,
    });
    expect(submit.message).toContain('needs 2 of 3 approvals');
    expect(payouts()).toBe(before);
  });

  it('refuses altered files with a sentence saying what is wrong', async () => {
    const draft = await draftOf('Tampered with', ['5']);
    const review = await here.value<DraftReview>('reviewDraft', { draftId: draft.id });
    const request = await here.value<ApprovalFile>('exportApprovalRequest', {
      draftId: draft.id,
      fingerprint: review.fingerprint,
      preparerKey: alice.publicKey,
    });

    // An amount changed in the request: the approver's desk will not show it as approvable.
    const altered = request.json.replace('"amount": "5"', '"amount": "50"');
    expect(altered).not.toBe(request.json);
    const openAltered = await there.failure('openApprovalRequest', { json: altered });
    expect(openAltered.message).toContain('do not match its fingerprint');
    const signAltered = await there.failure('signApprovalRequest', {
      json: altered,
      approverKey: bob.publicKey,
    });
    expect(signAltered.message).toContain('do not match its fingerprint');

    // A signature changed in the approval file.
    const signed = await there.value<ApprovalFile>('signApprovalRequest', {
      json: request.json,
      approverKey: bob.publicKey,
    });
    const content = JSON.parse(signed.json) as { signature: string };
    const flipped = `${content.signature.startsWith('0') ? '1' : '0'}${content.signature.slice(1)}`;
    const badSignature = await here.failure('importApproval', {
      json: signed.json.replace(content.signature, flipped),
    });
    expect(badSignature.message).toContain('The signature in this approval is not valid');

    // Not an approval file at all, and an approval request where an approval is expected.
    expect((await here.failure('importApproval', { json: 'hello' })).message).toContain(
      'not JSON text',
    );
    expect((await here.failure('importApproval', { json: request.json })).message).toContain(
      'It is an approval request',
    );
    expect(payouts()).toBe(1);
  });

  it('refuses a policy whose M is above N or whose key is not a usable Ed25519 key', async () => {
    const aboveN = await here.failure('setApprovalPolicy', {
      profileId: 'simulator',
      policy: {
        approvers: [{ name: 'Alice', publicKey: alice.publicKey }],
        required: 2,
        thresholds: [],
        firstPaymentNeedsApproval: true,
      },
    });
    expect(aboveN.message).toContain('M cannot be more than N');
    const zeroKey = await here.failure('setApprovalPolicy', {
      profileId: 'simulator',
      policy: {
        approvers: [{ name: 'Zero', publicKey: '0'.repeat(64) }],
        required: 1,
        thresholds: [],
        firstPaymentNeedsApproval: true,
      },
    });
    expect(zeroKey.message).toContain('Approver 1 (Zero): the public key is not an Ed25519');
    // The stored policy is unchanged.
    const policy = await here.value<ApprovalPolicy>('getApprovalPolicy', {
      profileId: 'simulator',
    });
    expect(policy.required).toBe(2);
  });

  it('refuses to let the preparer sign their own request on another desk', async () => {
    const draft = await draftOf('Self-signed', ['4']);
    const review = await here.value<DraftReview>('reviewDraft', { draftId: draft.id });
    const request = await here.value<ApprovalFile>('exportApprovalRequest', {
      draftId: draft.id,
      fingerprint: review.fingerprint,
      preparerKey: alice.publicKey,
    });
    const self = await here.failure('signApprovalRequest', {
      json: request.json,
      approverKey: alice.publicKey,
    });
    expect(self.message).toContain('a preparer never approves their own draft');
    // Carol cannot take over as the preparer of a version Alice asked approval for.
    const swapped = await here.failure('exportApprovalRequest', {
      draftId: draft.id,
      fingerprint: review.fingerprint,
      preparerKey: carol.publicKey,
    });
    expect(swapped.message).toContain('Alice already requested approval of this version');
  });

  it('asks approval for a first payment when the policy says so, and none below the threshold otherwise', async () => {
    const policy = (first: boolean) => ({
      profileId: 'simulator',
      policy: {
        approvers: [alice, bob, carol].map(({ name, publicKey }) => ({ name, publicKey })),
        required: 2,
        thresholds: [{ currency: 'TRX', above: '1000' }],
        firstPaymentNeedsApproval: first,
      },
    });
    await here.value('setApprovalPolicy', policy(true));
    // An address never paid from this account (the drafts above paid 12,400 and 12,401).
    const draft = await draftOf('Small but new', ['0.5'], 77_000);
    const review = await here.value<DraftReview>('reviewDraft', { draftId: draft.id });
    const refused = await here.failure('submitDraft', {
      draftId: draft.id,
      fingerprint: review.fingerprint,
    });
    expect(refused.message).toContain(
      '1 row pays an address this account never paid, and first payments always need approval.',
    );
    const before = payouts();
    expect(before).toBe(1);

    await here.value('setApprovalPolicy', policy(false));
    const batches = await here.value<DraftBatch[]>('submitDraft', {
      draftId: draft.id,
      fingerprint: review.fingerprint,
    });
    expect(batches.map((batch) => batch.delivery)).toEqual(['done']);
    expect(payouts()).toBe(before + 1);
  });

  it('keeps every approver secret key in the keychain only', async () => {
    const secrets: string[] = [];
    for (const service of [PREPARER_SERVICE, APPROVER_SERVICE]) {
      for (const { account, password } of await findCredentials(service)) {
        if (!account.startsWith('approver-key:')) continue;
        secrets.push((JSON.parse(password) as { secretKey: string }).secretKey);
      }
    }
    expect(secrets).toHaveLength(3);
    const keys = await here.value<ApproverKey[]>('listApproverKeys');
    const audit = await here.value<{ csv: string }>('exportAudit');
    const seen = [JSON.stringify(keys), audit.csv];
    for (const dir of dataDirs.values()) {
      for (const name of readdirSync(dir)) {
        if (name.endsWith('.sqlite') || name.endsWith('-wal')) {
          seen.push(readFileSync(join(dir, name)).toString('latin1'));
        }
      }
    }
    for (const secret of secrets) {
      for (const text of seen) expect(text.includes(secret)).toBe(false);
    }
  });

  it('binds an approval to the rows a test payment holds back (docs/test-payments.md)', async () => {
    await here.value('setApprovalPolicy', {
      profileId: 'simulator',
      policy: {
        approvers: [alice, bob, carol].map(({ name, publicKey }) => ({ name, publicKey })),
        required: 2,
        thresholds: [{ currency: 'TRX', above: '5' }],
        firstPaymentNeedsApproval: false,
      },
    });
    const draft = await draftOf('Held rows under approval', ['2', '3', '3'], 12_600);
    const held = testAddress('tron', 12_600);
    await here.value('startTestPayment', { draftId: draft.id, address: held });
    const review = await here.value<DraftReview>('reviewDraft', { draftId: draft.id });
    expect(review.testPayments.heldRows.map((row) => row.rowNo)).toEqual([1]);
    const request = await here.value<ApprovalFile>('exportApprovalRequest', {
      draftId: draft.id,
      fingerprint: review.fingerprint,
      preparerKey: alice.publicKey,
    });
    // The approver's desk recomputes the fingerprint with the held rows the file names.
    const opened = await there.value<ApprovalRequestView>('openApprovalRequest', {
      json: request.json,
    });
    expect(opened.fingerprint).toBe(review.fingerprint);
    // It covers the held row too: the totals count it, and it is listed.
    expect(opened.totals).toEqual([{ currency: 'TRX', total: '8', rowCount: 3 }]);
    expect(opened.held.map((row) => [row.rowNo, row.address, row.amount])).toEqual([
      [1, held, '2'],
    ]);
    const tampered = JSON.parse(request.json) as { held: { amount: string }[] };
    tampered.held = [];
    const refusedFile = await there.failure('openApprovalRequest', {
      json: JSON.stringify(tampered),
    });
    expect(refusedFile.message).toContain('do not match its fingerprint');
    const signed = await there.value<ApprovalFile>('signApprovalRequest', {
      json: request.json,
      approverKey: bob.publicKey,
    });
    await here.value('importApproval', { json: signed.json });
    const met = await here.value<DraftApprovals>('approveDraft', {
      draftId: draft.id,
      fingerprint: review.fingerprint,
      approverKey: carol.publicKey,
    });
    expect(met.check.met).toBe(true);

    // Holding one more address changes the plan: the approved version can no longer be sent.
    const before = payouts();
    await here.value('startTestPayment', {
      draftId: draft.id,
      address: testAddress('tron', 12_602),
    });
    const refused = await here.failure('submitDraft', {
      draftId: draft.id,
      fingerprint: review.fingerprint,
    });
    expect(refused.message).toContain('changed since you reviewed it');
    const now = await here.value<DraftApprovals>('getDraftApprovals', { draftId: draft.id });
    expect(now.fingerprint).not.toBe(review.fingerprint);
    expect(now.check.counted).toEqual([]);
    expect(now.voided.map((approver) => approver.name).sort()).toEqual(['Bob', 'Carol']);
    expect(payouts()).toBe(before + 1);
  });

  it('does not let held rows lower what needs approving', async () => {
    // 4 + 3 TRX is above the threshold of 5; holding the 4 leaves 3 planned, but the
    // approval also covers the held row, which a follow-up sends without another one.
    const draft = await draftOf('Held to dodge approval', ['4', '3'], 12_700);
    await here.value('startTestPayment', {
      draftId: draft.id,
      address: testAddress('tron', 12_700),
    });
    const review = await here.value<DraftReview>('reviewDraft', { draftId: draft.id });
    expect(review.totals).toEqual([{ currency: 'TRX', total: '3', rowCount: 1 }]);
    const before = payouts();
    const refused = await here.failure('submitDraft', {
      draftId: draft.id,
      fingerprint: review.fingerprint,
    });
    expect(refused.message).toContain('needs 2 of 3 approvals');
    expect(refused.message).toContain('The TRX total 7 is above the approval threshold of 5 TRX.');
    expect(payouts()).toBe(before);
  });
});
