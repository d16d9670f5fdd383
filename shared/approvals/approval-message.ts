/**
 * What an approver signs, and what a preparer signs on a request (docs/approvals.md,
 * "What is signed"). Each message starts with its own domain line, so a preparer's request
 * signature can never be presented as an approval, and neither can be a signature made by
 * the same key for anything else. The rest is the canonical JSON of strings only (one way
 * to write it): the draft's target (profile, server, account), the draft id and the
 * review fingerprint, so an approval of one draft, account or version is worthless on any
 * other, even on a draft with the very same rows.
 */
import { ed25519 } from '@noble/curves/ed25519.js';
import { hexToBytes } from '@noble/curves/utils.js';
import { utf8ToBytes } from '@noble/hashes/utils.js';

export const APPROVAL_DOMAIN = 'payout-desk approval v1\n';
export const REQUEST_DOMAIN = 'payout-desk approval request v1\n';

export type ApprovalSubject = {
  target: { profileId: string; baseUrl: string; account: string };
  draftId: string;
  fingerprint: string;
};

function canonical(subject: ApprovalSubject): string {
  const { target, draftId, fingerprint } = subject;
  return JSON.stringify([target.profileId, target.baseUrl, target.account, draftId, fingerprint]);
}

/** The bytes an approver signs: APPROVAL_DOMAIN then the subject. */
export function approvalMessage(subject: ApprovalSubject): Uint8Array {
  return utf8ToBytes(APPROVAL_DOMAIN + canonical(subject));
}

/** The bytes a preparer signs when making the request: REQUEST_DOMAIN then the subject. */
export function requestMessage(subject: ApprovalSubject): Uint8Array {
  return utf8ToBytes(REQUEST_DOMAIN + canonical(subject));
}

const HEX_KEY = /^[0-9a-f]{64}$/;
const HEX_SIGNATURE = /^[0-9a-f]{128}$/;

/**
 * Why this text is not a usable approver public key, or null when it is. A small-order
 * point (the all-zero key among them) is refused: with it a "signature" verifies for
 * every message under lenient rules, and no secret key has it.
 */
export function publicKeyProblem(publicKey: string): string | null {
  if (!HEX_KEY.test(publicKey)) return 'must be 64 lower-case hex characters (32 bytes)';
  try {
    if (ed25519.Point.fromBytes(hexToBytes(publicKey)).isSmallOrder()) {
      return 'is not an Ed25519 public key anyone can sign with (a small-order point)';
    }
  } catch {
    return 'is not a point of the Ed25519 curve';
  }
  return null;
}

/**
 * Strict RFC 8032 verification (zip215 off: no small-order keys, canonical encodings only).
 * Malformed hex is simply "does not verify".
 */
export function verifySignature(
  signature: string,
  message: Uint8Array,
  publicKey: string,
): boolean {
  if (!HEX_SIGNATURE.test(signature) || publicKeyProblem(publicKey) !== null) return false;
  try {
    return ed25519.verify(hexToBytes(signature), message, hexToBytes(publicKey), {
      zip215: false,
    });
  } catch {
    return false;
  }
}
