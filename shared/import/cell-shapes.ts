/**
 * Cheap guesses of what a cell holds, for telling a header row from a data row and for
 * mapping a file without a header. They decide nothing about validity: the rules do that.
 */
import { findCurrency } from '../networks';
import { cleanAddress } from './invisible';

const ADDRESS_SHAPE =
  /^(?:0x[0-9a-fA-F]{40}|T[1-9A-HJ-NP-Za-km-z]{33}|bc1[02-9ac-hj-np-z]{8,87}|BC1[02-9AC-HJ-NP-Z]{8,87}|[13DA9][1-9A-HJ-NP-Za-km-z]{25,34})$/;
const NUMBER_SHAPE = /^[-+(\u2212]?[\d\s.,'\u2019]*\d[\d\s.,'\u2019]*\)?-?$/;

// Longer cells are neither, and are not handed to patterns that backtrack on long input.
const MAX_LENGTH = 120;

export function looksLikeAddress(cell: string): boolean {
  return cell.length <= MAX_LENGTH && ADDRESS_SHAPE.test(cleanAddress(cell).address);
}

export function looksLikeAmount(cell: string): boolean {
  return cell.length <= MAX_LENGTH && NUMBER_SHAPE.test(cell.trim());
}

export function looksLikeCurrency(cell: string): boolean {
  return findCurrency(cell.trim().toUpperCase()) !== undefined;
}

/** A payout row: an address and, in another cell, a number. */
export function looksLikeData(cells: readonly string[]): boolean {
  const addressAt = cells.findIndex(looksLikeAddress);
  return (
    addressAt >= 0 && cells.some((cell, index) => index !== addressAt && looksLikeAmount(cell))
  );
}
