/**
 * Maker-checker approvals, main's side (docs/approvals.md): the policy per profile, this
 * desk's approver keys (secret halves in the keychain, vault/approver-key.ts), the request
 * a preparer exports, an approver's signature made from the request alone, and the signed
 * approval imported back or given on this desk. Every refusal is a sentence naming what is
 * wrong and is audited, as are policy changes and approvals added.
 */
import { randomUUID } from 'node:crypto';
import {
  approvalMessage,
  publicKeyProblem,
  requestMessage,
  verifySignature,
  type ApprovalFile,
  type ApprovalPolicy,
  type ApprovalPolicyInput,
  type ApprovalRequestView,
  type ApprovalSubject,
  type ApproverKey,
  type DraftApprovals,
} from '../../../shared/approvals';
import type { DeskArgument } from '../../../shared/ipc';
import { normalizeDecimal, sumDecimals } from '../../../shared/money';
import type { AuditLog, CacheDatabase } from '../db';
import { DeskFailure } from '../ipc/desk-failure';
import { planFingerprint } from '../payouts/draft-fingerprint';
import {
  DRAFT_CHANGED_MESSAGE,
  DRAFT_CHANGED_REASON,
  type MassDrafts,
} from '../payouts/mass-drafts';
import type { ApproverKeyVault } from '../vault';
import { immediateWrite } from '../db/immediate-write';
import { coveredRows, evaluatePlan, type ApprovalGateDeps } from './approval-gate';
import {
  APPROVAL_FORMAT,
  FILE_VERSION,
  REQUEST_FORMAT,
  fileNameOf,
  parseApprovalFile,
  parseRequestFile,
  type ApprovalFileContent,
  type RequestFile,
} from './approval-files';

export const OTHER_VERSION_MESSAGE =
  'This approval was signed for a different version of the draft (it was edited after the request was made): it does not count. Export a new approval request for the draft as it is now.';

export type ApprovalsServiceDeps = ApprovalGateDeps & {
  db: CacheDatabase;
  keys: ApproverKeyVault;
  massDrafts: Pick<MassDrafts, 'currentPlan' | 'get'>;
  profileName: (profileId: string) => string;
  audit: AuditLog;
  now: () => number;
};

function short(publicKey: string): string {
  return `${publicKey.slice(0, 8)}…${publicKey.slice(-4)}`;
}

function invalid(message: string, details?: unknown): DeskFailure {
  return new DeskFailure('VALIDATION', message, details);
}

/** Totals per currency recomputed from a plan: what an approver is shown, never the file's. */
function totalsOfPlan(plan: RequestFile['plan']): ApprovalRequestView['totals'] {
  const totals = new Map<string, { total: string; rowCount: number }>();
  for (const batch of plan) {
    const entry = totals.get(batch.currency) ?? { total: '0', rowCount: 0 };
    totals.set(batch.currency, {
      total: sumDecimals([entry.total, ...batch.rows.map((row) => row.amount)]),
      rowCount: entry.rowCount + batch.rows.length,
    });
  }
  return [...totals].map(([currency, value]) => ({ currency, ...value }));
}

export function createApprovalsService(deps: ApprovalsServiceDeps) {
  const { repo, keys, audit, now } = deps;

  const write = <T>(body: () => T): T => immediateWrite(deps.db, body);

  /** The policy as the person wrote it, checked for what a schema cannot see. */
  function checkedPolicy(input: ApprovalPolicyInput): ApprovalPolicyInput {
    const seenKeys = new Map<string, string>();
    const seenNames = new Set<string>();
    input.approvers.forEach((approver, index) => {
      const which = `Approver ${index + 1} (${approver.name})`;
      const problem = publicKeyProblem(approver.publicKey);
      if (problem !== null) throw invalid(`${which}: the public key ${problem}.`);
      const twin = seenKeys.get(approver.publicKey);
      if (twin !== undefined) {
        throw invalid(
          `${which} has the same public key as ${twin}: each approver needs a key of their own.`,
        );
      }
      if (seenNames.has(approver.name.toLowerCase())) {
        throw invalid(
          `${which}: two approvers are named "${approver.name}"; give each a name of their own.`,
        );
      }
      seenKeys.set(approver.publicKey, approver.name);
      seenNames.add(approver.name.toLowerCase());
    });
    if (input.required > input.approvers.length) {
      throw invalid(
        `The policy asks for ${input.required} approvals but lists ${input.approvers.length} approver${input.approvers.length === 1 ? '' : 's'}: M cannot be more than N.`,
      );
    }
    const currencies = new Set<string>();
    for (const threshold of input.thresholds) {
      if (currencies.has(threshold.currency)) {
        throw invalid(`The policy sets two thresholds for ${threshold.currency}: keep one.`);
      }
      currencies.add(threshold.currency);
    }
    return {
      ...input,
      thresholds: input.thresholds.map((entry) => ({
        ...entry,
        above: normalizeDecimal(entry.above),
      })),
    };
  }

  /** A key of this desk: listed and held by the keychain. */
  async function requireLocalKey(publicKey: string): Promise<ApproverKey> {
    const key = repo.keys().find((entry) => entry.publicKey === publicKey);
    if (!key || !(await keys.has(publicKey))) {
      throw invalid(
        `This desk holds no approver key ${short(publicKey)}: create your approver key here first, or sign on the desk that holds it.`,
      );
    }
    return key;
  }

  async function signWith(publicKey: string, message: Uint8Array): Promise<string> {
    const signature = await keys.sign(publicKey, message);
    if (signature === null) {
      throw invalid(`The keychain no longer holds the approver key ${short(publicKey)}.`);
    }
    return signature;
  }

  function currentPlanOf(draftId: string, fingerprint: string) {
    const plan = deps.massDrafts.currentPlan(draftId);
    if (plan.fingerprint !== fingerprint) {
      throw new DeskFailure('VALIDATION', DRAFT_CHANGED_MESSAGE, { reason: DRAFT_CHANGED_REASON });
    }
    return plan;
  }

  function refuse(
    profileId: string | null,
    detail: { draftId: string; fingerprint: string; publicKey: string; reason: string },
    message: string,
  ): DeskFailure {
    audit.append({
      atMs: now(),
      profileId,
      action: 'approval.refused',
      detail: { ...detail, message },
    });
    return invalid(message, { reason: detail.reason });
  }

  function status(draftId: string): DraftApprovals {
    const summary = deps.massDrafts.get(draftId);
    const stored = repo.approvals(draftId);
    const policy = repo.policy(summary.profileId);
    const names = new Map((policy?.approvers ?? []).map((entry) => [entry.publicKey, entry.name]));
    const nameOf = (publicKey: string, fallback: string) => names.get(publicKey) ?? fallback;
    // No policy: nothing to approve, and no need to plan the draft again (a large draft's
    // review already did); the page shows no approvals then.
    if (summary.state !== 'editing' || policy === null) {
      return {
        draftId,
        fingerprint: null,
        policyId: policy?.id ?? null,
        check: {
          needed: false,
          reasons: [],
          required: 0,
          approverCount: policy?.approvers.length ?? 0,
          counted: [],
          notCounted: [],
          met: true,
        },
        preparer: null,
        voided: [],
        blocked: null,
      };
    }
    const plan = deps.massDrafts.currentPlan(draftId);
    const evaluated = evaluatePlan(deps, plan);
    return {
      draftId,
      fingerprint: plan.fingerprint,
      policyId: evaluated.policyId,
      check: evaluated.check,
      preparer: evaluated.preparer,
      voided: stored
        .filter((approval) => approval.fingerprint !== plan.fingerprint)
        .map((approval) => ({
          name: nameOf(approval.publicKey, approval.approverName),
          publicKey: approval.publicKey,
        })),
      blocked: evaluated.blocked,
    };
  }

  /**
   * What an approver's desk checks before showing a request: the plan hashes to the
   * fingerprint it names, and the preparer's key signed that fingerprint. Totals are
   * recomputed from the plan, so what is shown is what is signed.
   */
  function openRequest(json: string): {
    file: RequestFile;
    view: ApprovalRequestView;
    subject: ApprovalSubject;
  } {
    const file = parseRequestFile(json);
    const target = {
      profileId: file.target.profileId,
      baseUrl: file.target.baseUrl,
      account: file.target.account,
    };
    const recomputed = planFingerprint(
      target,
      file.plan.map((batch) => ({ currency: batch.currency, rows: batch.rows })),
      file.held ?? [],
    );
    if (recomputed !== file.fingerprint) {
      throw invalid(
        'The payments in this approval request do not match its fingerprint: the file was changed after it was exported. Do not approve it; ask the preparer for a new request.',
      );
    }
    const subject: ApprovalSubject = {
      target,
      draftId: file.draft.id,
      fingerprint: file.fingerprint,
    };
    if (!verifySignature(file.requestSignature, requestMessage(subject), file.preparer.publicKey)) {
      throw invalid(
        "The preparer's signature on this approval request is not valid: the file was changed after it was exported. Do not approve it; ask the preparer for a new request.",
      );
    }
    const held = file.held ?? [];
    // What the approval covers: the batches and the held rows (docs/test-payments.md).
    const totals = totalsOfPlan([
      ...file.plan,
      ...held.map((row) => ({ currency: row.currency, rows: [row] })),
    ]);
    return {
      file,
      subject,
      view: {
        draftId: file.draft.id,
        draftName: file.draft.name,
        target: { ...target, profileName: file.target.profileName },
        fingerprint: file.fingerprint,
        plan: file.plan,
        held,
        totals,
        risks: file.risks,
        policyId: file.policyId,
        preparer: file.preparer,
        createdAtMs: file.createdAtMs,
      },
    };
  }

  /** Stores a verified approval of the current version and audits it; refuses the rest. */
  function addApproval(
    draftId: string,
    fingerprint: string,
    publicKey: string,
    signature: string,
    via: 'file' | 'this desk',
  ): DraftApprovals {
    const summary = deps.massDrafts.get(draftId);
    const detail = { draftId, fingerprint, publicKey };
    const result = write(() => {
      const plan = deps.massDrafts.currentPlan(draftId);
      if (plan.fingerprint !== fingerprint)
        return { refused: 'other-version', message: OTHER_VERSION_MESSAGE } as const;
      const request = repo.request(draftId, fingerprint);
      if (request === null) {
        return {
          refused: 'no-request',
          message:
            'No approval was requested for this version of the draft on this desk: export an approval request first.',
        } as const;
      }
      const policy = repo.policy(summary.profileId);
      const approver = policy?.approvers.find((entry) => entry.publicKey === publicKey);
      if (!approver) {
        return {
          refused: 'not-in-policy',
          message: `The key ${short(publicKey)} is not one of this account's approvers: add it to the approval policy first, or ask one of the approvers.`,
        } as const;
      }
      if (publicKey === request.preparerKey) {
        return {
          refused: 'preparer',
          message: `${approver.name} prepared this draft (their key made the approval request): a preparer never approves their own draft.`,
        } as const;
      }
      if (
        !verifySignature(
          signature,
          approvalMessage({ target: plan.target, draftId, fingerprint }),
          publicKey,
        )
      ) {
        return {
          refused: 'bad-signature',
          message: `The signature in this approval is not valid for ${approver.name}'s key: the file was changed after it was signed. Ask ${approver.name} to sign again.`,
        } as const;
      }
      const added = repo.addApproval({
        draftId,
        fingerprint,
        publicKey,
        approverName: approver.name,
        signature,
        addedAtMs: now(),
      });
      if (added) {
        audit.append({
          atMs: now(),
          profileId: summary.profileId,
          action: 'approval.added',
          detail: { ...detail, approver: approver.name, via },
        });
      }
      return { refused: null } as const;
    });
    if (result.refused !== null) {
      throw refuse(summary.profileId, { ...detail, reason: result.refused }, result.message);
    }
    return status(draftId);
  }

  return {
    policy: (profileId: string) => repo.policy(profileId),

    setPolicy(profileId: string, input: ApprovalPolicyInput | null): ApprovalPolicy | null {
      const checked = input === null ? null : checkedPolicy(input);
      return write(() => {
        const atMs = now();
        const policy: ApprovalPolicy | null =
          checked === null ? null : { ...checked, id: randomUUID(), updatedAtMs: atMs };
        repo.savePolicy(profileId, policy, atMs);
        audit.append({
          atMs,
          profileId,
          action: 'approval.policy-changed',
          detail: policy === null ? { policy: null } : { policy },
        });
        return policy;
      });
    },

    listKeys: () => repo.keys(),

    async createKey(name: string): Promise<ApproverKey> {
      if (repo.keys().some((key) => key.name.toLowerCase() === name.toLowerCase())) {
        throw invalid(
          `This desk already holds an approver key named "${name}": choose another name.`,
        );
      }
      const publicKey = await keys.create();
      const key: ApproverKey = { name, publicKey, createdAtMs: now() };
      write(() => {
        repo.addKey(key);
        audit.append({
          atMs: key.createdAtMs,
          profileId: null,
          action: 'approval.key-created',
          detail: { name, publicKey },
        });
      });
      return key;
    },

    status,

    async exportRequest(
      input: DeskArgument<'exportApprovalRequest'>,
    ): Promise<ApprovalFile & { approvals: DraftApprovals }> {
      const preparer = await requireLocalKey(input.preparerKey);
      const plan = currentPlanOf(input.draftId, input.fingerprint);
      if (plan.planned.length === 0) {
        throw invalid('Every row of this draft has an error: there is nothing to approve.');
      }
      const subject: ApprovalSubject = {
        target: plan.target,
        draftId: input.draftId,
        fingerprint: plan.fingerprint,
      };
      const existing = repo.request(input.draftId, plan.fingerprint);
      if (existing !== null && existing.preparerKey !== preparer.publicKey) {
        throw invalid(
          `${existing.preparerName} already requested approval of this version of the draft and is its preparer: export the request with their key.`,
        );
      }
      const signature =
        existing?.signature ?? (await signWith(preparer.publicKey, requestMessage(subject)));
      const policy = repo.policy(plan.summary.profileId);
      const createdAtMs = existing?.createdAtMs ?? now();
      write(() => {
        currentPlanOf(input.draftId, input.fingerprint);
        if (
          repo.addRequest({
            draftId: input.draftId,
            fingerprint: plan.fingerprint,
            preparerKey: preparer.publicKey,
            preparerName: preparer.name,
            signature,
            policyId: policy?.id ?? null,
            createdAtMs,
          })
        ) {
          audit.append({
            atMs: createdAtMs,
            profileId: plan.summary.profileId,
            action: 'approval.requested',
            detail: {
              draftId: input.draftId,
              fingerprint: plan.fingerprint,
              preparer: preparer.name,
              publicKey: preparer.publicKey,
              policyId: policy?.id ?? null,
            },
          });
        }
      });
      const file: RequestFile = {
        format: REQUEST_FORMAT,
        version: FILE_VERSION,
        draft: { id: plan.summary.id, name: plan.summary.name },
        target: { ...plan.target, profileName: deps.profileName(plan.summary.profileId) },
        fingerprint: plan.fingerprint,
        plan: plan.planned.map((batch) => ({
          currency: batch.currency,
          rows: batch.rows.map((row) => ({
            rowNo: row.rowNo,
            address: row.address,
            amount: normalizeDecimal(row.amount),
            comment: row.comment,
          })),
        })),
        // Held rows are part of what the fingerprint covers (docs/test-payments.md).
        ...(plan.held.length > 0
          ? {
              held: plan.held.map((row) => ({
                rowNo: row.rowNo,
                currency: row.currency,
                address: row.address,
                amount: normalizeDecimal(row.amount),
                comment: row.comment,
              })),
            }
          : {}),
        totals: plan.totals,
        risks: deps.risksOf(plan.summary.profileId, coveredRows(plan)),
        policyId: policy?.id ?? null,
        preparer: { name: preparer.name, publicKey: preparer.publicKey },
        requestSignature: signature,
        createdAtMs,
      };
      return {
        fileName: fileNameOf('approval-request', plan.summary.name),
        json: `${JSON.stringify(file, null, 2)}\n`,
        approvals: status(input.draftId),
      };
    },

    openRequest: (json: string): ApprovalRequestView => openRequest(json).view,

    async signRequest(input: DeskArgument<'signApprovalRequest'>): Promise<ApprovalFile> {
      const { file, subject } = openRequest(input.json);
      const approver = await requireLocalKey(input.approverKey);
      if (approver.publicKey === file.preparer.publicKey) {
        const message = `${approver.name}, you prepared this draft (your key made the request): a preparer never approves their own draft.`;
        throw refuse(
          null,
          { ...subject, publicKey: approver.publicKey, reason: 'preparer' },
          message,
        );
      }
      const signature = await signWith(approver.publicKey, approvalMessage(subject));
      const signedAtMs = now();
      audit.append({
        atMs: signedAtMs,
        profileId: null,
        action: 'approval.signed',
        detail: {
          draftId: subject.draftId,
          fingerprint: subject.fingerprint,
          target: subject.target,
          approver: approver.name,
          publicKey: approver.publicKey,
        },
      });
      const approval: ApprovalFileContent = {
        format: APPROVAL_FORMAT,
        version: FILE_VERSION,
        draftId: subject.draftId,
        target: subject.target,
        fingerprint: subject.fingerprint,
        approver: { name: approver.name, publicKey: approver.publicKey },
        signature,
        signedAtMs,
      };
      return {
        fileName: fileNameOf(`approval-${approver.name}`, file.draft.name),
        json: `${JSON.stringify(approval, null, 2)}\n`,
      };
    },

    importApproval(json: string): DraftApprovals {
      const file = parseApprovalFile(json);
      const summary = deps.massDrafts.get(file.draftId);
      const detail = {
        draftId: file.draftId,
        fingerprint: file.fingerprint,
        publicKey: file.approver.publicKey,
      };
      if (summary.state !== 'editing') {
        throw refuse(
          summary.profileId,
          { ...detail, reason: 'submitted' },
          'This draft was already submitted: an approval can no longer change it.',
        );
      }
      const target = deps.massDrafts.currentPlan(file.draftId).target;
      if (
        target.profileId !== file.target.profileId ||
        target.baseUrl !== file.target.baseUrl ||
        target.account !== file.target.account
      ) {
        throw refuse(
          summary.profileId,
          { ...detail, reason: 'other-account' },
          `This approval was signed for account ${file.target.account} at ${file.target.baseUrl}, not for this draft's account: it does not count.`,
        );
      }
      return addApproval(
        file.draftId,
        file.fingerprint,
        file.approver.publicKey,
        file.signature,
        'file',
      );
    },

    async approveHere(input: DeskArgument<'approveDraft'>): Promise<DraftApprovals> {
      const approver = await requireLocalKey(input.approverKey);
      const plan = currentPlanOf(input.draftId, input.fingerprint);
      const request = repo.request(input.draftId, plan.fingerprint);
      const subject: ApprovalSubject = {
        target: plan.target,
        draftId: input.draftId,
        fingerprint: plan.fingerprint,
      };
      if (request?.preparerKey === approver.publicKey) {
        throw refuse(
          plan.summary.profileId,
          { ...subject, publicKey: approver.publicKey, reason: 'preparer' },
          `${approver.name}, you prepared this draft (your key made the approval request): a preparer never approves their own draft.`,
        );
      }
      const signature = await signWith(approver.publicKey, approvalMessage(subject));
      return addApproval(
        input.draftId,
        plan.fingerprint,
        approver.publicKey,
        signature,
        'this desk',
      );
    },
  };
}

export type ApprovalsService = ReturnType<typeof createApprovalsService>;
