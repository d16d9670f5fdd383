/**
 * The fingerprint of a draft's plan: what the person reviewed, bound to what is signed
 * (docs/intents.md, "Fingerprint"). Hex SHA-256 of the canonical JSON text of
 *
 *   ["payout-desk/draft-plan/1", profileId, baseUrl, account,
 *     [[currency, [[address, amount, comment], ...]], ...]]
 *
 * Arrays only, strings only: JSON.stringify writes such a value one way (no keys to order,
 * no number formatting, every string quoted and escaped), so two different plans can never
 * encode to the same text. Amounts are canonical decimals (what the payload carries), a
 * missing comment is "".
 *
 * A plan with rows held for a test payment (docs/test-payments.md) names them too, since
 * what is held is part of what the person reviewed and an approver signs: then the text is
 *
 *   ["payout-desk/draft-plan/2", profileId, baseUrl, account, batches,
 *     [[currency, address, amount, comment], ...]]
 *
 * in row order. A plan holding nothing keeps version 1, so its fingerprint (and every
 * approval given on it) is what it was before holds existed. The follow-up batches of the
 * released rows have their own text, "payout-desk/held-rows/1" with the draft id before the
 * batches, so that no follow-up can ever be mistaken for a draft's own plan.
 */
import { createHash } from 'node:crypto';
import { normalizeDecimal } from '../../../shared/money';

export const FINGERPRINT_VERSION = 'payout-desk/draft-plan/1';

export type PlanTarget = { profileId: string; baseUrl: string; account: string };

export type PlannedBatch = {
  currency: string;
  rows: readonly { address: string; amount: string; comment: string }[];
};

export const HELD_FINGERPRINT_VERSION = 'payout-desk/draft-plan/2';
export const FOLLOW_UP_FINGERPRINT_VERSION = 'payout-desk/held-rows/1';

/** A row left out of the plan for a test payment of its address. */
export type HeldRow = { currency: string; address: string; amount: string; comment: string };

function batchesText(batches: readonly PlannedBatch[]) {
  return batches.map((batch) => [
    batch.currency,
    batch.rows.map((row) => [row.address, normalizeDecimal(row.amount), row.comment]),
  ]);
}

export function canonicalPlan(
  target: PlanTarget,
  batches: readonly PlannedBatch[],
  held: readonly HeldRow[] = [],
): string {
  const head = [target.profileId, target.baseUrl, target.account, batchesText(batches)];
  if (held.length === 0) return JSON.stringify([FINGERPRINT_VERSION, ...head]);
  return JSON.stringify([
    HELD_FINGERPRINT_VERSION,
    ...head,
    held.map((row) => [row.currency, row.address, normalizeDecimal(row.amount), row.comment]),
  ]);
}

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

export function planFingerprint(
  target: PlanTarget,
  batches: readonly PlannedBatch[],
  held: readonly HeldRow[] = [],
): string {
  return sha256(canonicalPlan(target, batches, held));
}

/** The fingerprint of a follow-up send of a draft's released rows. */
export function followUpFingerprint(
  target: PlanTarget,
  draftId: string,
  batches: readonly PlannedBatch[],
): string {
  return sha256(
    JSON.stringify([
      FOLLOW_UP_FINGERPRINT_VERSION,
      draftId,
      target.profileId,
      target.baseUrl,
      target.account,
      batchesText(batches),
    ]),
  );
}
