/**
 * The template per locale and spreadsheet convention (issue 11 part 9): column names in the
 * locale's words (the importer's header-names.ts knows them), `,` with a decimal point or
 * `;` with a decimal comma (what a spreadsheet set to a comma-decimal locale writes), and
 * one example row per supported currency (template-addresses.ts), so the file itself lists every currency code with
 * its network ("Tether (Tron)"). Every example row pays a template example address, which
 * the importer refuses (template.ts), so a forgotten example line can never be paid.
 */
import { currencyName } from '../currency-names';
import type { Currency } from '../networks';
import { CURRENCIES } from '../networks';
import { TEMPLATE_CURRENCY_EXAMPLES } from './template-addresses';

export type TemplateLocale = 'en' | 'de';
export type TemplateConvention = 'comma' | 'semicolon';

export type TemplateVariant = {
  id: `${TemplateLocale}-${TemplateConvention}`;
  locale: TemplateLocale;
  convention: TemplateConvention;
  /** What the import screen offers: "English (comma)", "Deutsch (semicolon, decimal comma)". */
  label: string;
  fileName: string;
};

const LOCALES: Record<
  TemplateLocale,
  { language: string; header: readonly [string, string, string, string]; comment: string }
> = {
  en: {
    language: 'English',
    header: ['address', 'amount', 'currency', 'comment'],
    comment: 'Example row: replace or delete',
  },
  de: {
    language: 'Deutsch',
    header: ['Adresse', 'Betrag', 'Währung', 'Kommentar'],
    comment: 'Beispielzeile: ersetzen oder löschen',
  },
};

const CONVENTION_WORDS: Record<TemplateConvention, string> = {
  comma: 'comma',
  semicolon: 'semicolon, decimal comma',
};

export const TEMPLATE_VARIANTS: readonly TemplateVariant[] = (['en', 'de'] as const).flatMap(
  (locale) =>
    (['comma', 'semicolon'] as const).map((convention) => ({
      id: `${locale}-${convention}` as const,
      locale,
      convention,
      label: `${LOCALES[locale].language} (${CONVENTION_WORDS[convention]})`,
      fileName: `payout-template-${locale}-${convention}.csv`,
    })),
);

/** A small amount within the currency's decimals, written with a point ("150.25"). */
function exampleAmount(currency: Currency): string {
  if (currency.code !== currency.nativeCoin) return '150.25';
  return currency.decimals <= 8 ? '0.0015' : '0.05';
}

/** A cell quoted when it holds the delimiter, a quote or a line break (RFC 4180). */
function cell(text: string, delimiter: string): string {
  return text.includes(delimiter) || /["\r\n]/.test(text)
    ? `"${text.replaceAll('"', '""')}"`
    : text;
}

/** The variant's exact file text (CRLF, as spreadsheet programs write it). */
export function templateCsv(variant: TemplateVariant): string {
  const words = LOCALES[variant.locale];
  const delimiter = variant.convention === 'comma' ? ',' : ';';
  const lines = [words.header.map((name) => cell(name, delimiter)).join(delimiter)];
  for (const [index, currency] of CURRENCIES.entries()) {
    const amount = exampleAmount(currency);
    const written = variant.convention === 'comma' ? amount : amount.replace('.', ',');
    const comment = `${words.comment} · ${currencyName(currency.code)}`;
    lines.push(
      [TEMPLATE_CURRENCY_EXAMPLES[index]?.address ?? '', written, currency.code, comment]
        .map((text) => cell(text, delimiter))
        .join(delimiter),
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}
