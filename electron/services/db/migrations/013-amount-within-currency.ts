/**
 * Schema 13: the history sorted by amount sorts within each currency (1 BTC is not "less"
 * than 10 USDT). The amount index is rebuilt led by the currency, so that order, with or
 * without a currency filter, is still read from the index alone; the table keeps as many
 * indexes as before, so a sync's upsert pays for none more.
 */
import type { Migration } from './migration';

const SQL = `
DROP INDEX payouts_by_amount;
CREATE INDEX payouts_by_amount ON payouts (profile_ref, currency, amount_sort);
`;

export const migration013: Migration = {
  version: 13,
  name: 'amount-within-currency',
  up: (sqlite) => {
    sqlite.exec(SQL);
  },
};
