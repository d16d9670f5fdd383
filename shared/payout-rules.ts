/**
 * The rules every recipient must pass before money moves. The importer, the single-payout
 * form, main (before signing) and the simulator all run these same functions.
 */
import { checkAddress } from './address';
import { amountCapOf, DEFAULT_AMOUNT_CAPS, MAX_SIGNIFICANT_DIGITS } from './amount-caps';
import {
  compareDecimals,
  isPlainDecimal,
  isPositiveDecimal,
  normalizeDecimal,
  significantDigits,
  type DecimalString,
} from './money';
import { findCurrency, NETWORKS, type Currency } from './networks';

export type RuleProblemCode =
  | 'CURRENCY_UNKNOWN'
  | 'AMOUNT_MISSING'
  | 'AMOUNT_NOT_A_NUMBER'
  | 'AMOUNT_NOT_POSITIVE'
  | 'AMOUNT_TOO_PRECISE'
  | 'AMOUNT_TOO_LARGE'
  | 'ADDRESS_EMPTY'
  | 'ADDRESS_FORMAT'
  | 'ADDRESS_CHECKSUM'
  | 'ADDRESS_WRONG_NETWORK'
  | 'ADDRESS_NOT_PAYABLE';

export type RuleProblem = { field: string; code: RuleProblemCode; message: string };

export function checkCurrency(code: string, field = 'currency'): Currency | RuleProblem {
  const found = findCurrency(code);
  if (found) return found;
  return {
    field,
    code: 'CURRENCY_UNKNOWN',
    message: `"${code}" is not a currency Calypso pays out.`,
  };
}

/**
 * decimalPlaces of the amount without its trailing zeros ("1.50" -> 1, "100" -> 0), by
 * index: the RegExp replace made a new string for every row of a file.
 */
function placesWithoutTrailingZeros(amount: string): number {
  let end = amount.length;
  while (end > 0 && amount.charCodeAt(end - 1) === 0x30) end -= 1;
  const dot = amount.indexOf('.');
  return dot < 0 || dot >= end ? 0 : end - dot - 1;
}

/**
 * `amount` must be a plain decimal string, above zero, within the currency's decimals and
 * below the sane ceiling of shared/amount-caps.ts (at most 30 significant digits and at most
 * the currency's cap).
 */
export function checkAmount(
  amount: string,
  currency: Currency,
  field = 'amount',
  caps: Readonly<Record<string, DecimalString>> = DEFAULT_AMOUNT_CAPS,
): RuleProblem[] {
  if (amount.trim() === '') {
    return [{ field, code: 'AMOUNT_MISSING', message: 'The amount is missing.' }];
  }
  if (!isPlainDecimal(amount)) {
    return [
      { field, code: 'AMOUNT_NOT_A_NUMBER', message: `"${amount}" is not a plain decimal number.` },
    ];
  }
  if (!isPositiveDecimal(amount)) {
    return [{ field, code: 'AMOUNT_NOT_POSITIVE', message: 'The amount must be more than zero.' }];
  }
  if (placesWithoutTrailingZeros(amount) > currency.decimals) {
    return [
      {
        field,
        code: 'AMOUNT_TOO_PRECISE',
        message: `${currency.code} allows at most ${currency.decimals} decimals; ${amount} has more.`,
      },
    ];
  }
  const digits = significantDigits(normalizeDecimal(amount));
  if (digits > MAX_SIGNIFICANT_DIGITS) {
    return [
      {
        field,
        code: 'AMOUNT_TOO_LARGE',
        message: `The amount has ${digits} significant digits; no payout amount has more than ${MAX_SIGNIFICANT_DIGITS}. Check the value.`,
      },
    ];
  }
  const cap = amountCapOf(currency.code, caps);
  if (compareDecimals(amount, cap) > 0) {
    return [
      {
        field,
        code: 'AMOUNT_TOO_LARGE',
        message: `${normalizeDecimal(amount)} ${currency.code} is more than the largest payout Payout Desk allows in ${currency.code} (${cap}). Check the value.`,
      },
    ];
  }
  return [];
}

export function checkDepositAddress(
  address: string,
  currency: Currency,
  field = 'depositAddress',
): RuleProblem[] {
  const result = checkAddress(address, currency.network);
  return result.ok ? [] : [{ field, code: result.code, message: result.message }];
}

/** All problems of one recipient; an empty list means it may be paid. */
export function checkRecipient(
  recipient: { depositAddress: string; amount: string; currency: string },
  fieldPrefix = '',
): RuleProblem[] {
  const currency = checkCurrency(recipient.currency, `${fieldPrefix}currency`);
  if ('field' in currency) return [currency];
  return [
    ...checkDepositAddress(recipient.depositAddress, currency, `${fieldPrefix}depositAddress`),
    ...checkAmount(recipient.amount, currency, `${fieldPrefix}amount`),
  ];
}

export function networkLabelOf(currency: Currency): string {
  return NETWORKS[currency.network].label;
}
