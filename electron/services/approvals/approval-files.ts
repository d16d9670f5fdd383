/**
 * The two files of an approval round trip (docs/approvals.md, "Files"): the request a
 * preparer exports and the signed approval that comes back. Parsed here with sentences that
 * say what is wrong with the file, never a schema dump; what the signatures cover is
 * checked by the service.
 */
import { z } from 'zod';
import { DeskFailure } from '../ipc/desk-failure';

export const REQUEST_FORMAT = 'payout-desk/approval-request';
export const APPROVAL_FORMAT = 'payout-desk/approval';
export const FILE_VERSION = 1;

const hex64 = z.string().regex(/^[0-9a-f]{64}$/);
const hex128 = z.string().regex(/^[0-9a-f]{128}$/);
const text = (max: number) => z.string().max(max);
const target = z.object({ profileId: text(200), baseUrl: text(500), account: text(200) }).strict();
const person = z.object({ name: text(100), publicKey: hex64 }).strict();

const requestFile = z
  .object({
    format: z.literal(REQUEST_FORMAT),
    version: z.literal(FILE_VERSION),
    draft: z.object({ id: text(200), name: text(200) }).strict(),
    target: target.extend({ profileName: text(100) }).strict(),
    fingerprint: hex64,
    plan: z
      .array(
        z
          .object({
            currency: text(20),
            rows: z
              .array(
                z
                  .object({
                    rowNo: z.number().int().positive(),
                    address: text(200),
                    amount: z.string().regex(/^\d+(\.\d+)?$/),
                    comment: text(5000),
                  })
                  .strict(),
              )
              .min(1),
          })
          .strict(),
      )
      .min(1),
    /**
     * Rows held out of the plan for a test payment (docs/test-payments.md): the fingerprint
     * names them, so the approver's desk needs them to recompute it. Absent when none.
     */
    held: z
      .array(
        z
          .object({
            rowNo: z.number().int().positive(),
            currency: text(20),
            address: text(200),
            amount: z.string().regex(/^\d+(\.\d+)?$/),
            comment: text(5000),
          })
          .strict(),
      )
      .optional(),
    totals: z.array(
      z.object({ currency: text(20), total: text(80), rowCount: z.number() }).strict(),
    ),
    risks: z.array(
      z.object({ rowNo: z.number().int(), code: text(60), message: text(1000) }).strict(),
    ),
    policyId: text(200).nullable(),
    preparer: person,
    requestSignature: hex128,
    createdAtMs: z.number().int().nonnegative(),
  })
  .strict();

const approvalFile = z
  .object({
    format: z.literal(APPROVAL_FORMAT),
    version: z.literal(FILE_VERSION),
    draftId: text(200),
    target,
    fingerprint: hex64,
    approver: person,
    signature: hex128,
    signedAtMs: z.number().int().nonnegative(),
  })
  .strict();

export type RequestFile = z.infer<typeof requestFile>;
export type ApprovalFileContent = z.infer<typeof approvalFile>;

const WHAT = { request: 'approval request', approval: 'approval file' } as const;

function readJson(json: string, kind: keyof typeof WHAT): unknown {
  try {
    return JSON.parse(json) as unknown;
  } catch {
    throw new DeskFailure(
      'VALIDATION',
      `This is not a Payout Desk ${WHAT[kind]}: it is not JSON text. Choose the .json file Payout Desk saved.`,
    );
  }
}

function parseWith<T>(
  schema: z.ZodType<T>,
  value: unknown,
  kind: keyof typeof WHAT,
  format: string,
): T {
  const formatOf =
    typeof value === 'object' && value !== null
      ? (value as { format?: unknown }).format
      : undefined;
  if (formatOf !== format) {
    const other =
      formatOf === REQUEST_FORMAT
        ? ' It is an approval request: open it with "Open an approval request".'
        : formatOf === APPROVAL_FORMAT
          ? ' It is a signed approval: import it in the draft it approves.'
          : '';
    throw new DeskFailure('VALIDATION', `This is not a Payout Desk ${WHAT[kind]}.${other}`);
  }
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = issue?.path.map(String).join('.') ?? '';
  throw new DeskFailure(
    'VALIDATION',
    `This ${WHAT[kind]} is damaged or was edited by hand: its field "${field.slice(0, 80) || 'version'}" is missing or not what Payout Desk writes. Ask for the file again.`,
  );
}

export function parseRequestFile(json: string): RequestFile {
  return parseWith(requestFile, readJson(json, 'request'), 'request', REQUEST_FORMAT);
}

export function parseApprovalFile(json: string): ApprovalFileContent {
  return parseWith(approvalFile, readJson(json, 'approval'), 'approval', APPROVAL_FORMAT);
}

/** A file name from a draft name: letters, digits, dot, dash and underscore only. */
export function fileNameOf(prefix: string, draftName: string): string {
  return `${prefix}-${draftName.replace(/[^\w.-]+/g, '_').slice(0, 80)}.json`;
}
