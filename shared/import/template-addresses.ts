/**
 * One example address per supported currency for the templates of template-variants.ts,
 * valid for the currency's network and belonging to nobody: the 20 bytes spell
 * "payout-desk-exampl" and the currency's two-digit place in networks.ts. Distinct per
 * currency, so a template's rows never look like duplicates of each other (two currencies
 * on one network would otherwise share an address); template.ts refuses every one of them.
 */
import { utf8 } from '@scure/base';
import { encodeAddress } from '../address';
import { CURRENCIES } from '../networks';

const PREFIX = 'payout-desk-exampl';

export const TEMPLATE_CURRENCY_EXAMPLES: readonly { code: string; address: string }[] =
  CURRENCIES.map((currency, index) => ({
    code: currency.code,
    address: encodeAddress(
      currency.network,
      // @scure/base's utf8.decode reads a string into its bytes.
      utf8.decode(`${PREFIX}${String(index).padStart(2, '0')}`),
    ),
  }));
