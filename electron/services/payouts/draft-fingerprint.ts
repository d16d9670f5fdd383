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
 */
import { createHash } from 'node:crypto';
import { normalizeDecimal } from '../../../shared/money';

export const FINGERPRINT_VERSION = 'payout-desk/draft-plan/1';

export type PlanTarget = { profileId: string; baseUrl: string; account: string };

export type PlannedBatch = {
  currency: string;
  rows: readonly { address: string; amount: string; comment: string }[];
};

export function canonicalPlan(target: PlanTarget, batches: readonly PlannedBatch[]): string {
  return JSON.stringify([
    FINGERPRINT_VERSION,
    target.profileId,
    target.baseUrl,
    target.account,
    batches.map((batch) => [
      batch.currency,
      batch.rows.map((row) => [row.address, normalizeDecimal(row.amount), row.comment]),
    ]),
  ]);
}

export function planFingerprint(target: PlanTarget, batches: readonly PlannedBatch[]): string {
  return createHash('sha256').update(canonicalPlan(target, batches), 'utf8').digest('hex');
}
