/**
 * SQLite side of approvals (schema 10, docs/approvals.md): the policy per profile, the
 * public halves of this desk's approver keys, approval requests and given approvals per
 * draft version. Nothing stored here is secret.
 */
import type { ApprovalPolicy, ApproverKey } from '../../../shared/approvals';
import type { CacheDatabase } from '../db';

export type StoredRequest = {
  draftId: string;
  fingerprint: string;
  preparerKey: string;
  preparerName: string;
  signature: string;
  policyId: string | null;
  createdAtMs: number;
};

export type StoredApproval = {
  draftId: string;
  fingerprint: string;
  publicKey: string;
  approverName: string;
  signature: string;
  addedAtMs: number;
};

type RequestRow = {
  draft_id: string;
  fingerprint: string;
  preparer_key: string;
  preparer_name: string;
  signature: string;
  policy_id: string | null;
  created_ms: number;
};

type ApprovalRow = {
  draft_id: string;
  fingerprint: string;
  public_key: string;
  approver_name: string;
  signature: string;
  added_ms: number;
};

function toApproval(row: ApprovalRow): StoredApproval {
  return {
    draftId: row.draft_id,
    fingerprint: row.fingerprint,
    publicKey: row.public_key,
    approverName: row.approver_name,
    signature: row.signature,
    addedAtMs: row.added_ms,
  };
}

export function createApprovalsRepo(db: CacheDatabase) {
  const { sqlite } = db;
  const selectPolicy = sqlite
    .prepare<[string], string>('SELECT policy_json FROM approval_policies WHERE profile_id = ?')
    .pluck();
  const upsertPolicy = sqlite.prepare<[string, string, number]>(
    `INSERT INTO approval_policies (profile_id, policy_json, updated_ms) VALUES (?, ?, ?)
     ON CONFLICT (profile_id) DO UPDATE SET policy_json = excluded.policy_json,
       updated_ms = excluded.updated_ms`,
  );
  const deletePolicy = sqlite.prepare<[string]>(
    'DELETE FROM approval_policies WHERE profile_id = ?',
  );
  const selectKeys = sqlite.prepare<[], { public_key: string; name: string; created_ms: number }>(
    'SELECT public_key, name, created_ms FROM approver_keys ORDER BY created_ms, name',
  );
  const insertKey = sqlite.prepare<[string, string, number]>(
    'INSERT INTO approver_keys (public_key, name, created_ms) VALUES (?, ?, ?)',
  );
  const selectRequest = sqlite.prepare<[string, string], RequestRow>(
    'SELECT * FROM approval_requests WHERE draft_id = ? AND fingerprint = ?',
  );
  const insertRequest = sqlite.prepare<
    [string, string, string, string, string, string | null, number]
  >(
    `INSERT OR IGNORE INTO approval_requests
       (draft_id, fingerprint, preparer_key, preparer_name, signature, policy_id, created_ms)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  const selectApprovals = sqlite.prepare<[string], ApprovalRow>(
    'SELECT * FROM draft_approvals WHERE draft_id = ? ORDER BY added_ms, public_key',
  );
  const insertApproval = sqlite.prepare<[string, string, string, string, string, number]>(
    `INSERT OR IGNORE INTO draft_approvals
       (draft_id, fingerprint, public_key, approver_name, signature, added_ms)
     VALUES (?, ?, ?, ?, ?, ?)`,
  );

  return {
    policy(profileId: string): ApprovalPolicy | null {
      const json = selectPolicy.get(profileId);
      return json === undefined ? null : (JSON.parse(json) as ApprovalPolicy);
    },
    savePolicy(profileId: string, policy: ApprovalPolicy | null, atMs: number): void {
      if (policy === null) deletePolicy.run(profileId);
      else upsertPolicy.run(profileId, JSON.stringify(policy), atMs);
    },
    keys(): ApproverKey[] {
      return selectKeys.all().map((row) => ({
        publicKey: row.public_key,
        name: row.name,
        createdAtMs: row.created_ms,
      }));
    },
    addKey(key: ApproverKey): void {
      insertKey.run(key.publicKey, key.name, key.createdAtMs);
    },
    request(draftId: string, fingerprint: string): StoredRequest | null {
      const row = selectRequest.get(draftId, fingerprint);
      if (!row) return null;
      return {
        draftId: row.draft_id,
        fingerprint: row.fingerprint,
        preparerKey: row.preparer_key,
        preparerName: row.preparer_name,
        signature: row.signature,
        policyId: row.policy_id,
        createdAtMs: row.created_ms,
      };
    },
    /** The first request of a version wins (it fixes the preparer); false when one existed. */
    addRequest(request: StoredRequest): boolean {
      return (
        insertRequest.run(
          request.draftId,
          request.fingerprint,
          request.preparerKey,
          request.preparerName,
          request.signature,
          request.policyId,
          request.createdAtMs,
        ).changes === 1
      );
    },
    /** Every approval of the draft, of every version. */
    approvals(draftId: string): StoredApproval[] {
      return selectApprovals.all(draftId).map(toApproval);
    },
    /** false when this key had already approved this version. */
    addApproval(approval: StoredApproval): boolean {
      return (
        insertApproval.run(
          approval.draftId,
          approval.fingerprint,
          approval.publicKey,
          approval.approverName,
          approval.signature,
          approval.addedAtMs,
        ).changes === 1
      );
    },
  };
}

export type ApprovalsRepo = ReturnType<typeof createApprovalsRepo>;
