/**
 * Request signing (calypso-api.md section 2). Guards the one rule that matters: the Sign
 * header is the HMAC-SHA512 of exactly the bytes sent, keyed with the secret string as
 * given (not hex-decoded). The secret never leaves this function.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export function signBody(body: string | Uint8Array, secret: string): string {
  return createHmac('sha512', secret).update(body).digest('hex');
}

/** Constant-time comparison of a received Sign header with the expected one. */
export function verifySignature(body: string | Uint8Array, secret: string, sign: string): boolean {
  const expected = Buffer.from(signBody(body, secret), 'utf8');
  const received = Buffer.from(sign.toLowerCase(), 'utf8');
  return expected.length === received.length && timingSafeEqual(expected, received);
}
