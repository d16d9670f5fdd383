/**
 * Lossless JSON for the Calypso wire format. The API writes amounts as JSON numbers; an
 * 18-decimal ETH amount does not survive `JSON.parse`, so money fields are read as exact
 * decimal strings and written back as exact number literals.
 */
import { isLosslessNumber, LosslessNumber, parse, stringify } from 'lossless-json';
import { isPlainDecimal, toDecimalString } from '../money';

/** Every field of the documented models that carries an amount, fee or rate. */
export const MONEY_FIELDS: ReadonlySet<string> = new Set([
  'amount',
  'calypsoFee',
  'calypsoFeePercentage',
  'totalWithdrawalAmount',
  'totalCalypsoFee',
  'totalCalypsoFeePercentage',
  'baseAmount',
  'fee',
]);

/**
 * Parses a Calypso body. Money fields become canonical decimal strings; other numbers become
 * JS numbers when they are safe integers, and stay exact strings otherwise (so nothing the
 * server said is rounded). Throws SyntaxError on invalid JSON.
 */
export function parseCalypsoJson(text: string): unknown {
  return parse(text, (key, value) => {
    if (!isLosslessNumber(value)) return value;
    const literal = value.toString();
    if (MONEY_FIELDS.has(key)) return toDecimalString(literal);
    const asNumber = Number(literal);
    return Number.isSafeInteger(asNumber) && /^-?\d+$/.test(literal) ? asNumber : literal;
  });
}

/**
 * Serialises a request or response. A money field given as a decimal string is written as
 * the exact number literal; anything else is written as `JSON.stringify` would.
 */
export function stringifyCalypsoJson(value: unknown): string {
  const text = stringify(value, (key, field: unknown) =>
    MONEY_FIELDS.has(key) && typeof field === 'string' && isPlainDecimal(field)
      ? new LosslessNumber(toDecimalString(field))
      : field,
  );
  if (text === undefined) throw new TypeError('value cannot be serialised to JSON');
  return text;
}
