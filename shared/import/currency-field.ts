/**
 * The currency cell: a Calypso code whatever its case ("usdt_trx" is USDT_TRX). An unknown
 * one is an error that lists the codes, with a "did you mean" for the usual other spellings
 * (USDT-TRC20, DOGE...). Never silently mapped: a wrong guess would pay on another chain.
 */
import { currencyCodeNamed } from '../currency-names';
import { CURRENCIES, type Currency } from '../networks';
import { checkCurrency } from '../payout-rules';
import { stripZeroWidth } from './invisible';
import { problem, quote } from './problems';
import type { ImportProblem } from './types';

const NOT_ALPHANUMERIC = /[^A-Z0-9]/g;

const SPELLINGS = new Map<string, string>([
  ...CURRENCIES.map((entry) => [entry.code.replace(NOT_ALPHANUMERIC, ''), entry.code] as const),
  ['USDTTRC20', 'USDT_TRX'],
  ['TRC20USDT', 'USDT_TRX'],
  ['USDTTRON', 'USDT_TRX'],
  ['USDTERC20', 'USDT'],
  ['ERC20USDT', 'USDT'],
  ['USDCERC20', 'USDC'],
  ['USDTPOLYGON', 'USDT_MATIC'],
  ['USDTPOL', 'USDT_MATIC'],
  ['DOGE', 'XDG'],
  ['DOGECOIN', 'XDG'],
  ['BITCOIN', 'BTC'],
  ['XBT', 'BTC'],
  ['ETHER', 'ETH'],
  ['ETHEREUM', 'ETH'],
  ['TRON', 'TRX'],
  ['POL', 'MATIC'],
  ['POLYGON', 'MATIC'],
  ['BUSDBEP20', 'BUSD'],
  ['BUSDERC20', 'BUSD_ETH'],
]);

const CODES = CURRENCIES.map((entry) => entry.code).join(', ');

function unknownMessage(text: string, lead: (quoted: string) => string): string {
  const suggestion = SPELLINGS.get(text.toUpperCase().replace(NOT_ALPHANUMERIC, ''));
  const didYouMean = suggestion ? ` Did you mean ${currencyCodeNamed(suggestion)}?` : '';
  return `${lead(quote(text))} is not one Calypso pays out.${didYouMean} Use one of: ${CODES}.`;
}

export type CurrencyCell = { currency: Currency | null; text: string; problems: ImportProblem[] };

/** `fallback` (the currency chosen for the whole file) fills an empty cell. */
export function readCurrencyCell(raw: string, fallback: Currency | null): CurrencyCell {
  const text = stripZeroWidth(raw).text.trim();
  if (text === '') {
    if (fallback) return { currency: fallback, text: fallback.code, problems: [] };
    return {
      currency: null,
      text,
      problems: [
        problem(
          'CURRENCY_MISSING',
          'The currency is empty. Enter a currency code such as USDT_TRX, or choose one currency for the whole file.',
        ),
      ],
    };
  }
  const found = checkCurrency(text.toUpperCase());
  if ('field' in found) {
    return {
      currency: null,
      text,
      problems: [
        problem(
          'CURRENCY_UNKNOWN',
          unknownMessage(text, (quoted) => `Currency ${quoted}`),
        ),
      ],
    };
  }
  return { currency: found, text: found.code, problems: [] };
}

/** The currency a person chose for the whole file, or the problem with it. */
export function readChosenCurrency(code: string): Currency | ImportProblem {
  const found = checkCurrency(code.trim().toUpperCase());
  if (!('field' in found)) return found;
  return problem(
    'CURRENCY_UNKNOWN',
    unknownMessage(code, (quoted) => `The currency chosen for this file, ${quoted},`),
  );
}
