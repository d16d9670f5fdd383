/** Calypso error codes (calypso-api.md section 7), with the sentence the app shows for each. */
export const CALYPSO_ERROR_CODES = {
  '000': 'Calypso had an internal error. Try again later or contact Calypso support.',
  '001': 'Calypso refused the request as malformed or invalid.',
  '002': 'Calypso does not recognise this API key.',
  '003': 'The request signature is wrong: check the API secret.',
  '004': 'Calypso could not find the requested object.',
  '006': 'The invoice is in the wrong state for this operation.',
  '009': 'The currency fee ratio is out of range.',
  '010': 'The wallet does not belong to this company.',
  '011': 'Calypso refused the request timestamp: the computer clock is off.',
  '012': 'The payout is in a state that does not allow this operation.',
  '014': 'The hot wallet currency is invalid.',
  '015': 'The currency does not match the blockchain of the address.',
  '016': 'This idempotency key was already used, or the payout failed validation.',
} as const;

export type KnownCalypsoErrorCode = keyof typeof CALYPSO_ERROR_CODES;

export function describeCalypsoError(code: string): string {
  return code in CALYPSO_ERROR_CODES
    ? CALYPSO_ERROR_CODES[code as KnownCalypsoErrorCode]
    : `Calypso answered with error ${code}.`;
}
