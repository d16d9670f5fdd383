/**
 * Every rule for one row once its amount has been read: currency, address for that
 * currency's network, amount within the currency's decimals (shared/payout-rules.ts, the
 * same check main runs before signing), comment length, a repeat of a recent payment, and,
 * when the account's paid addresses are given, the address risks (shared/address-risk:
 * first payment, look-alike, other network, token contract). The importer and the draft
 * grid both come through here.
 */
import { addressRiskProblems, type PaidAddresses } from '../address-risk';
import { decimalPlaces } from '../money';
import { currencyCodeNamed } from '../currency-names';
import type { Currency } from '../networks';
import { checkAmount } from '../payout-rules';
import { checkAddressCell, type AddressCache } from './address-field';
import type { AmountReading } from './amount';
import { readCurrencyCell, type CurrencyCell } from './currency-field';
import { NO_PROBLEMS, problem, quote } from './problems';
import { findRecentPayout } from './recent-payouts';
import { isTemplateExampleCleanAddress } from './template';
import type { ImportProblem, RecentPayout } from './types';

/** Draft rows are stored through shared/ipc.ts, whose row text is limited to 500 characters. */
export const COMMENT_MAX_LENGTH = 500;

export type RowRulesContext = {
  fallbackCurrency: Currency | null;
  addressCache: AddressCache;
  /** Currency cells by their text: a file has thousands of rows but a handful of codes. */
  currencyCache?: Map<string, CurrencyCell>;
  recentPayouts?: readonly RecentPayout[];
  /** What this account paid before; without it (the page's worker) no risk is checked. */
  paidAddresses?: PaidAddresses;
};

function currencyCellOf(raw: string, context: RowRulesContext): CurrencyCell {
  const cache = context.currencyCache;
  if (!cache) return readCurrencyCell(raw, context.fallbackCurrency);
  let cell = cache.get(raw);
  if (!cell) {
    cell = readCurrencyCell(raw, context.fallbackCurrency);
    cache.set(raw, cell);
  }
  return cell;
}

export type CheckedRow = {
  address: string;
  amount: string;
  currency: string;
  comment: string;
  /** The recipient's name, trimmed; empty when the row has none. */
  name: string;
  problems: ImportProblem[];
};

function amountRuleProblems(
  reading: AmountReading,
  currency: Currency | null,
  written: string,
): ImportProblem[] {
  if (reading.value === null || currency === null) return reading.problems;
  const rules = checkAmount(reading.value, currency);
  if (rules.length === 0) return reading.problems;
  const ruled = rules.map((rule) =>
    rule.code === 'AMOUNT_TOO_PRECISE'
      ? problem(
          'AMOUNT_TOO_PRECISE',
          `Amount ${quote(written.trim())} has ${decimalPlaces(reading.value ?? '')} decimals, but ${currencyCodeNamed(currency.code)} allows at most ${currency.decimals}. Round it to ${currency.decimals} decimals.`,
        )
      : problem(rule.code, rule.message),
  );
  return [...reading.problems, ...ruled];
}

// A row starts with the shared NO_PROBLEMS; its first problem starts a list of its own.
function withProblem(problems: ImportProblem[], entry: ImportProblem): ImportProblem[] {
  if (problems === NO_PROBLEMS) return [entry];
  problems.push(entry);
  return problems;
}

export function checkRow(
  cells: { address: string; amount: string; currency: string; comment: string; name?: string },
  reading: AmountReading,
  context: RowRulesContext,
): CheckedRow {
  return checkRowCells(
    cells.address,
    cells.amount,
    cells.currency,
    cells.comment,
    cells.name ?? '',
    reading,
    context,
  );
}

/** checkRow with the cells one by one: the importer's rows need no object to carry them. */
export function checkRowCells(
  rawAddress: string,
  rawAmount: string,
  rawCurrency: string,
  rawComment: string,
  rawName: string,
  reading: AmountReading,
  context: RowRulesContext,
): CheckedRow {
  const currencyCell = currencyCellOf(rawCurrency, context);
  const { currency } = currencyCell;
  const addressCell = checkAddressCell(rawAddress, currency, context.addressCache);
  const comment = rawComment.trim();
  const name = rawName.trim();
  let problems = NO_PROBLEMS;
  for (const entry of currencyCell.problems) problems = withProblem(problems, entry);
  for (const entry of addressCell.problems) problems = withProblem(problems, entry);
  if (isTemplateExampleCleanAddress(addressCell.address)) {
    problems = withProblem(
      problems,
      problem(
        'ADDRESS_TEMPLATE_EXAMPLE',
        "This is an example address from the Payout Desk template, not a recipient's. Replace it with the recipient's address, or delete the row.",
      ),
    );
  }
  for (const entry of amountRuleProblems(reading, currency, rawAmount)) {
    problems = withProblem(problems, entry);
  }
  if (comment.length > COMMENT_MAX_LENGTH) {
    problems = withProblem(
      problems,
      problem(
        'COMMENT_TOO_LONG',
        `The comment is ${comment.length} characters long; at most ${COMMENT_MAX_LENGTH} fit. Shorten it.`,
      ),
    );
  }
  if (currency && reading.value !== null && addressCell.address !== '') {
    const paid = findRecentPayout(
      context.recentPayouts,
      addressCell.address,
      currency.code,
      reading.value,
    );
    if (paid) {
      problems = withProblem(
        problems,
        problem(
          'DUPLICATE_RECENT_PAYOUT',
          `This recipient was already paid ${reading.value} ${currency.code} in the last 30 days, or is being paid now (same address and amount). Delete this row if it is the same payment.`,
        ),
      );
    }
  }
  // Risks are about a valid address of a known currency: an address or currency error
  // already says what to fix. (Spaces or invisible characters removed are warnings: the
  // cleaned address is what is checked, and paid.)
  if (
    context.paidAddresses !== undefined &&
    currency !== null &&
    !problems.some(
      (entry) =>
        entry.severity === 'error' &&
        (entry.code.startsWith('ADDRESS_') || entry.code.startsWith('CURRENCY_')),
    )
  ) {
    for (const entry of addressRiskProblems(
      { address: addressCell.address, network: currency.network, name },
      context.paidAddresses,
    )) {
      problems = withProblem(problems, entry);
    }
  }
  return {
    address: addressCell.address,
    amount: reading.amount,
    currency: currencyCell.text,
    comment,
    name,
    problems,
  };
}
