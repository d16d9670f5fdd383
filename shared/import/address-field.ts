/**
 * The address cell of a row: cleaned of spaces and invisible characters (with a warning,
 * since the checksum still guards the cleaned value), then checked for the currency's
 * network with shared/address.ts. Results are cached per address family, because checksums
 * (keccak, double SHA-256) are the most expensive part of validating a file.
 */
import { checkAddress, type AddressCheck } from '../address';
import { currencyCodeNamed, currencyCodeWithAsset } from '../currency-names';
import { CURRENCIES, NETWORKS, type Currency, type NetworkId } from '../networks';
import { cleanAddress } from './invisible';
import { joinAnd, joinOr, NO_PROBLEMS, problem, quote } from './problems';
import type { ImportProblem } from './types';

/** Per address family (evm, tron...), address -> check result; at most `max` per family. */
export type AddressCache = { families: Map<string, Map<string, AddressCheck>>; max: number };

const INNER_SPACE = /[ \t]/;

// A cache kept by the caller between calls (the draft grid) must not grow without end.
const MAX_CACHED = 200_000;

export function createAddressCache(max = MAX_CACHED): AddressCache {
  return { families: new Map(), max };
}

/**
 * Shared by every import and draft validation in this process (worker or main): the same
 * file is read again after each mapping or separator choice, and a draft is revalidated on
 * every edit, so checksums computed once are not computed again. The result of a check
 * depends only on the address and its family, so sharing cannot change a verdict.
 */
export const sharedAddressCache: AddressCache = createAddressCache();

const EXPECTED: Readonly<Record<(typeof NETWORKS)[NetworkId]['addressKind'], string>> = {
  evm: '0x followed by 40 hexadecimal characters',
  bitcoin: 'bc1…, 1… or 3…',
  tron: 'T followed by 33 letters and digits',
  dogecoin: 'D…, A… or 9…',
};

function lookLabel(network: NetworkId): string {
  return NETWORKS[network].addressKind === 'evm'
    ? 'an Ethereum-style (0x…)'
    : `a ${NETWORKS[network].label}`;
}

/** The same asset on the network the address belongs to ("USDT" on Tron is USDT_TRX). */
function sameAssetThere(currency: Currency, network: NetworkId): string[] {
  const kind = NETWORKS[network].addressKind;
  const asset = currency.code.split('_')[0];
  return CURRENCIES.filter(
    (entry) =>
      NETWORKS[entry.network].addressKind === kind &&
      entry.network !== currency.network &&
      entry.code.split('_')[0] === asset,
  ).map((entry) => currencyCodeNamed(entry.code));
}

function checkCached(address: string, currency: Currency, cache: AddressCache): AddressCheck {
  // The result depends only on the address family, so ETH, BNB and MATIC rows share entries.
  const kind = NETWORKS[currency.network].addressKind;
  let family = cache.families.get(kind);
  if (!family) {
    family = new Map();
    cache.families.set(kind, family);
  }
  const cached = family.get(address);
  if (cached) return cached;
  if (family.size >= cache.max) family.clear();
  const result = checkAddress(address, currency.network);
  family.set(address, result);
  return result;
}

/** The problem of a checked address; null for a valid one (nearly every row). */
function networkProblem(
  address: string,
  currency: Currency,
  result: AddressCheck,
): ImportProblem | null {
  if (result.ok) return null;
  const label = NETWORKS[currency.network].label;
  const shown = quote(address);
  switch (result.code) {
    case 'ADDRESS_EMPTY':
      return problem(
        'ADDRESS_EMPTY',
        `The address is empty. Enter the recipient's ${label} address, or delete the row if it is a total or a note.`,
      );
    case 'ADDRESS_NOT_PAYABLE':
      return problem('ADDRESS_NOT_PAYABLE', `Address ${shown}: ${result.message}`);
    case 'ADDRESS_CHECKSUM':
      return problem(
        'ADDRESS_CHECKSUM',
        `Address ${shown} fails the ${label} checksum: a character was probably mistyped or changed. Copy the address again from the recipient.`,
      );
    case 'ADDRESS_WRONG_NETWORK': {
      const looks = result.looksLike ?? currency.network;
      const alternatives = sameAssetThere(currency, looks);
      const switchHint =
        alternatives.length > 0
          ? `, or change the currency to ${joinOr(alternatives)} if they should be paid there`
          : '';
      return problem(
        'ADDRESS_WRONG_NETWORK',
        `Address ${shown} looks like ${lookLabel(looks)} address, but ${currencyCodeWithAsset(currency.code)} is paid on ${label}. Use the recipient's ${label} address${switchHint}.`,
      );
    }
    case 'ADDRESS_FORMAT':
      return problem(
        'ADDRESS_FORMAT',
        `Address ${shown} is not a valid ${label} address (expected ${EXPECTED[NETWORKS[currency.network].addressKind]}). Check that the whole address was copied.`,
      );
  }
}

export type AddressCell = { address: string; problems: ImportProblem[] };

/** `currency` null: the currency is unknown, so only emptiness and cleaning are reported. */
export function checkAddressCell(
  raw: string,
  currency: Currency | null,
  cache: AddressCache,
): AddressCell {
  const cleaned = cleanAddress(raw);
  const { address } = cleaned;
  if (address === '') {
    const where = currency ? `${NETWORKS[currency.network].label} ` : '';
    return {
      address,
      problems: [
        problem(
          'ADDRESS_EMPTY',
          `The address is empty. Enter the recipient's ${where}address, or delete the row if it is a total or a note.`,
        ),
      ],
    };
  }
  if (cleaned.invisible.length === 0 && !cleaned.spaces) {
    const found = currency
      ? networkProblem(address, currency, checkCached(address, currency, cache))
      : null;
    return { address, problems: found ? [found] : NO_PROBLEMS };
  }
  const problems: ImportProblem[] = [];
  if (cleaned.invisible.length > 0) {
    const many = cleaned.invisible.length > 1;
    problems.push(
      problem(
        'ADDRESS_INVISIBLE_CHARACTERS',
        `Address ${quote(address)} contained ${joinAnd(cleaned.invisible)}, which cannot be seen; ${many ? 'they were' : 'it was'} removed before checking the address.`,
      ),
    );
  }
  if (cleaned.spaces) {
    const inside = INNER_SPACE.test(raw.trim());
    problems.push(
      problem(
        'ADDRESS_SPACES',
        `Address ${quote(address)} had spaces ${inside ? 'inside' : 'around'} it; they were removed before checking the address.`,
      ),
    );
  }
  if (currency) {
    const found = networkProblem(address, currency, checkCached(address, currency, cache));
    if (found) problems.push(found);
  }
  return { address, problems };
}
