/**
 * Amounts as a person reads them: the integer part grouped in their locale ("1,234,567.5" in
 * English, "1.234.567,5" in German), every decimal digit kept exactly as sent. Never through
 * Number: the integer part is grouped as a BigInt (Intl formats a BigInt exactly) and the
 * fraction is the string's own digits, so "0.000000000000000001" and 30-digit totals stay
 * exact (issue 11, part 5). Anything that is not a plain decimal ("—", "unknown") is shown
 * as it is. The one helper for every amount on screen; inputs keep the typed text.
 */

const PLAIN_AMOUNT = /^([+-]?)(\d+)(?:\.(\d+))?$/;

type LocaleFormat = { group: Intl.NumberFormat; decimal: string };

const formats = new Map<string, LocaleFormat>();

function formatFor(locale: string | undefined): LocaleFormat {
  const key = locale ?? '';
  let format = formats.get(key);
  if (!format) {
    // Latin digits always: the fraction is the string's own digits, and both parts must match.
    const options: Intl.NumberFormatOptions = { useGrouping: true, numberingSystem: 'latn' };
    const group = new Intl.NumberFormat(locale, options);
    const decimal =
      new Intl.NumberFormat(locale, options)
        .formatToParts(1.5)
        .find((part) => part.type === 'decimal')?.value ?? '.';
    format = { group, decimal };
    formats.set(key, format);
  }
  return format;
}

/** `amount` (a decimal string, e.g. "1234567.891", "-3", "+4.25") for display in `locale`. */
export function formatAmount(amount: string, locale?: string): string {
  const match = PLAIN_AMOUNT.exec(amount);
  if (!match) return amount;
  const [, sign = '', integer = '0', fraction] = match;
  const { group, decimal } = formatFor(locale);
  const grouped = group.format(BigInt(integer));
  return `${sign}${grouped}${fraction === undefined ? '' : `${decimal}${fraction}`}`;
}

/** formatAmount for a value that may be missing: an em dash then. */
export function formatOptionalAmount(amount: string | null | undefined, locale?: string): string {
  return amount === null || amount === undefined ? '—' : formatAmount(amount, locale);
}
