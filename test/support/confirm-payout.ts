/**
 * A single payout as the confirmation dialog sends it: previewPayout first, then the
 * createPayout argument carrying the previewed payload's hash (main refuses any other).
 */
import type { DeskMethod, PayoutPreview } from '../../shared/ipc';

type Value = <T>(method: DeskMethod, argument?: unknown) => Promise<T>;

export async function confirmed<T extends object>(
  value: Value,
  request: T,
): Promise<T & { payloadHash: string }> {
  const preview = await value<PayoutPreview>('previewPayout', request);
  return { ...request, payloadHash: preview.payloadHash };
}
