/**
 * Shape checks on Calypso answers. The body is already parsed losslessly; these checks make
 * sure the fields the app relies on are there before a value is typed as a model, so a
 * surprising answer fails loudly here instead of deep inside sync or the UI.
 */
import type {
  Account,
  CalypsoErrorBody,
  MassPayout,
  Page,
  Payout,
  Withdrawal,
} from '../../../shared/calypso/types';

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Returns the name of the first missing or mistyped field, or undefined. */
function missingField(value: Json, fields: Record<string, 'string' | 'number' | 'array'>) {
  for (const [name, kind] of Object.entries(fields)) {
    const field = value[name];
    const ok = kind === 'array' ? Array.isArray(field) : typeof field === kind;
    if (!ok) return name;
  }
  return undefined;
}

export type Decoder<T> = (value: unknown) => T | string;

function decoder<T>(fields: Record<string, 'string' | 'number' | 'array'>): Decoder<T> {
  return (value) => {
    if (!isObject(value)) return 'the body is not a JSON object';
    const missing = missingField(value, fields);
    return missing === undefined ? (value as T) : `field "${missing}" is missing or mistyped`;
  };
}

export const decodePayout = decoder<Payout>({
  id: 'string',
  state: 'string',
  amount: 'string',
  currency: 'string',
});
export const decodeMassPayout = decoder<MassPayout>({
  id: 'string',
  state: 'string',
  currency: 'string',
});
export const decodeWithdrawal = decoder<Withdrawal>({
  id: 'string',
  state: 'string',
  amount: 'string',
});
export const decodeAccount = decoder<Account>({ account: 'string', balances: 'array' });

export function decodePage<T>(item: Decoder<T>): Decoder<Page<T>> {
  const page = decoder<Page<unknown>>({ result: 'array', totalElements: 'number' });
  return (value) => {
    const decoded = page(value);
    if (typeof decoded === 'string') return decoded;
    for (const [index, entry] of decoded.result.entries()) {
      const checked = item(entry);
      if (typeof checked === 'string') return `result[${index}]: ${checked}`;
    }
    return decoded as Page<T>;
  };
}

/** The documented error body, or undefined when the server sent something else. */
export function decodeErrorBody(value: unknown): CalypsoErrorBody | undefined {
  if (!isObject(value)) return undefined;
  const { errorCode, message, traceId } = value;
  if (typeof errorCode !== 'string' && typeof errorCode !== 'number') return undefined;
  return {
    errorCode: String(errorCode).padStart(3, '0'),
    message: typeof message === 'string' ? message : '',
    ...(typeof traceId === 'string' ? { traceId } : {}),
  };
}
