/**
 * The one way an API handler refuses a request: an ApiError carrying a Calypso error code.
 * The server turns it into the documented body `{errorCode, message, traceId}` (section 7),
 * HTTP 400 for every refusal and 500 only for code 000.
 */
export type SimErrorCode = '000' | '001' | '002' | '003' | '004' | '011' | '012' | '015' | '016';

export class ApiError extends Error {
  readonly code: SimErrorCode;
  readonly status: number;

  constructor(code: SimErrorCode, message: string, status = code === '000' ? 500 : 400) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.status = status;
  }
}

export const INTERNAL_ERROR_MESSAGE = 'Internal server error';
