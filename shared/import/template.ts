/**
 * The downloadable template (resources/payout-template.csv): the header the importer maps
 * without a mapping step, and three example rows. The example addresses are valid but belong
 * to nobody (their bytes spell "payout-desk-example"), and a row that still holds one is an
 * error, so a forgotten example line can never be paid.
 */
import { addressKey, keyOfCleanAddress } from './address-key';
import { TEMPLATE_CURRENCY_EXAMPLES } from './template-addresses';

export const TEMPLATE_HEADER = ['address', 'amount', 'currency', 'comment'] as const;

export const TEMPLATE_EXAMPLE_ROWS = [
  {
    address: 'TLDRTBTLv6uuxKc4iEMD2jLsU5QkRsjaXq',
    amount: '150.25',
    currency: 'USDT_TRX',
    comment: 'Example row: replace or delete',
  },
  {
    address: '0x7061796f75742d6465736b2d6578616D706C6532',
    amount: '0.05',
    currency: 'ETH',
    comment: 'Example row: replace or delete',
  },
  {
    address: 'bc1qwpshjmm4wskkgetndvkk27rpd4cxcefnwjffg0',
    amount: '0.0015',
    currency: 'BTC',
    comment: 'Example row: replace or delete',
  },
] as const;

// With the per-currency examples of the locale templates (template-variants.ts).
const EXAMPLE_KEYS = new Set<string>(
  [
    ...TEMPLATE_EXAMPLE_ROWS.map((row) => row.address),
    ...TEMPLATE_CURRENCY_EXAMPLES.map((example) => example.address),
  ].map((address) => addressKey(address)),
);

export function isTemplateExampleAddress(address: string): boolean {
  return EXAMPLE_KEYS.has(addressKey(address));
}

/** The same for an address already cleaned (a checked row's): not cleaned again per row. */
export function isTemplateExampleCleanAddress(cleaned: string): boolean {
  return EXAMPLE_KEYS.has(keyOfCleanAddress(cleaned));
}

/** The template file's exact text (CRLF, as spreadsheet programs write it). */
export function payoutTemplateCsv(): string {
  const lines = [
    TEMPLATE_HEADER.join(','),
    ...TEMPLATE_EXAMPLE_ROWS.map((row) =>
      [row.address, row.amount, row.currency, row.comment].join(','),
    ),
  ];
  return `${lines.join('\r\n')}\r\n`;
}
