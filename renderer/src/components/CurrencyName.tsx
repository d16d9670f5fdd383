import { currencyName, currencyNameWithCode } from '../../../shared/currency-names';

/**
 * A currency as a person reads it, "Tether (Tron)" (shared/currency-names.ts); the tooltip
 * adds the code files and the API use, and holds the whole name where a column cuts it.
 */
export function CurrencyName({ code }: { code: string }) {
  const name = currencyName(code);
  return (
    <span className="currency-name" title={name === code ? undefined : currencyNameWithCode(code)}>
      {name}
    </span>
  );
}
