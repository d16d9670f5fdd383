/**
 * Reading an amount the way a spreadsheet wrote it, into an exact decimal string, without
 * ever guessing about money. Two steps, so a file's evident convention can be learnt before
 * any row is read: `scanAmount` finds the shape of a cell (and what its separators prove),
 * `readAmount` turns the shape into a value under a decimal-separator convention.
 *
 * Refused, never "fixed": scientific notation, currency signs or codes in the cell, negative
 * and zero amounts, and a value such as "1,000" that reads two ways when nothing decides.
 */
import { toDecimalString } from '../money';
import { stripZeroWidth } from './invisible';
import { joinAnd, NO_PROBLEMS, problem, quote } from './problems';
import type { DecimalSeparator, ImportProblem } from './types';

export type AmountScan =
  | { kind: 'unreadable'; text: string; problems: ImportProblem[] }
  | {
      kind: 'number';
      /** The cell as written, trimmed, without invisible characters. */
      text: string;
      /** Digits and separators only: sign, brackets and spaces around removed. */
      body: string;
      negative: boolean;
      /** The decimal separator the value's own form proves, if it proves one. */
      own: DecimalSeparator | null;
      /** Reads two ways ("1,000", "12.500") unless the file or a person decides. */
      ambiguous: boolean;
      warnings: ImportProblem[];
    };

/** How separators are read: chosen by a person, or learnt from the file. */
export type AmountConvention =
  | {
      source: 'chosen';
      separator: DecimalSeparator;
      /** Who chose, for messages. */
      subject: 'file' | 'draft';
      /**
       * A canonical decimal ("1.234", what the importer stores) keeps its meaning whatever
       * the separator, so stored amounts read back exactly. Used for draft rows.
       */
      canonicalFirst: boolean;
    }
  | { source: 'detected'; separator: DecimalSeparator | null };

export type AmountReading = {
  /** Exact decimal ("1234.5") when the cell could be read, else the cell as written. */
  amount: string;
  /** The amount when it is a payable value (a positive number); null otherwise. */
  value: string | null;
  problems: ImportProblem[];
};

const MAX_DIGITS = 60;
// No amount is longer; longer cells are refused before any pattern runs, since the patterns
// below backtrack quadratically on very long input.
const MAX_LENGTH = 100;
const DIGITS = /^\d*$/;
const NON_DIGITS = /\D/g;
const CANONICAL = /^\d+(\.\d+)?$/;
const SCIENTIFIC = /^(\d+(?:[.,]\d*)?|[.,]\d+)[eE]([+-]?\d+)$/;
const NUMBER_BODY =
  /^[\d.,'\u2019 \u00a0\u2007\u2009\u202f]*\d[\d.,'\u2019 \u00a0\u2007\u2009\u202f]*$/;
const AFFIXED =
  /^([^\d\s.,'\u2019()+\-\u2212]{1,12})?\s*([\d.,'\u2019\s]*\d[\d.,'\u2019\s]*)\s*([^\d\s.,'\u2019()+\-\u2212]{1,12})?$/u;
const CURRENCY_TOKEN =
  /^(?:[A-Za-z]{0,3}\p{Sc}|\p{Sc}[A-Za-z]{0,3}|[A-Za-z]{2,6}(?:[_-]?[A-Za-z0-9]{2,6})?)$/u;
const SPACES = ' \u00a0\u2007\u2009\u202f';
const MINUS_SIGNS = '-\u2212\u2013';

function other(separator: DecimalSeparator): DecimalSeparator {
  return separator === '.' ? ',' : '.';
}

function separatorWord(separator: DecimalSeparator): string {
  return separator === '.' ? 'a point' : 'a comma';
}

function unreadable(text: string, entry: ImportProblem, warnings: ImportProblem[]): AmountScan {
  return { kind: 'unreadable', text, problems: [...warnings, entry] };
}

/**
 * What the separators of a digits-and-separators body prove about the decimal separator.
 * Only a value that actually reads under that separator proves anything ("1.2.3" proves nothing).
 */
function ownSeparator(body: string): { own: DecimalSeparator | null; ambiguous: boolean } {
  const firstDot = body.indexOf('.');
  const firstComma = body.indexOf(',');
  if (firstDot < 0 && firstComma < 0) return { own: null, ambiguous: false };
  const lastDot = body.lastIndexOf('.');
  const lastComma = body.lastIndexOf(',');
  if (firstDot >= 0 && firstComma >= 0) {
    // "1.234,56" / "1,234.56": the last one is the decimal separator, if it occurs once.
    const last: DecimalSeparator = lastDot > lastComma ? '.' : ',';
    return { own: splitBody(body, last) ? last : null, ambiguous: false };
  }
  const kind: DecimalSeparator = firstDot >= 0 ? '.' : ',';
  const first = kind === '.' ? firstDot : firstComma;
  const last = kind === '.' ? lastDot : lastComma;
  // Twice or more ("1,234,567") it can only group thousands, if the groups are right.
  if (first !== last) {
    return { own: splitBody(body, other(kind)) ? other(kind) : null, ambiguous: false };
  }
  const integerDigits = body.slice(0, first).replace(NON_DIGITS, '');
  const fraction = body.slice(first + 1);
  const couldGroup =
    fraction.length === 3 &&
    DIGITS.test(fraction) &&
    integerDigits.length >= 1 &&
    integerDigits.length <= 3 &&
    !integerDigits.startsWith('0');
  if (couldGroup) return { own: null, ambiguous: true };
  return { own: splitBody(body, kind) ? kind : null, ambiguous: false };
}

function groupClass(char: string, grouping: DecimalSeparator): string | null {
  if (char === grouping) return grouping;
  if (SPACES.includes(char)) return ' ';
  if (char === "'" || char === '\u2019') return "'";
  return null;
}

/** Integer digits of "1,234,567" / "1 234" / "1'234"; null when the groups are not 3 digits. */
function ungroup(integer: string, grouping: DecimalSeparator): string | null {
  let digits = '';
  let group = 0;
  let groups = 0;
  let used: string | null = null;
  for (const char of integer) {
    if (char >= '0' && char <= '9') {
      digits += char;
      group += 1;
      continue;
    }
    const kind = groupClass(char, grouping);
    if (kind === null || (used !== null && kind !== used)) return null;
    used = kind;
    if (groups === 0 ? group < 1 || group > 3 : group !== 3) return null;
    groups += 1;
    group = 0;
  }
  if (groups > 0 && group !== 3) return null;
  return digits;
}

type Parts = { integer: string; fraction: string };

/** Splits a body under one decimal separator; the other one may only group thousands. */
function splitBody(body: string, separator: DecimalSeparator): Parts | null {
  const at = body.indexOf(separator);
  if (at !== body.lastIndexOf(separator)) return null;
  const integerText = at < 0 ? body : body.slice(0, at);
  const fraction = at < 0 ? '' : body.slice(at + 1);
  if (!DIGITS.test(fraction)) return null;
  const integer = DIGITS.test(integerText) ? integerText : ungroup(integerText, other(separator));
  if (integer === null || (integer === '' && fraction === '')) return null;
  return { integer, fraction };
}

function canonical({ integer, fraction }: Parts): string {
  let start = 0;
  while (start < integer.length - 1 && integer.charAt(start) === '0') start += 1;
  const whole = integer === '' ? '0' : integer.slice(start);
  let end = fraction.length;
  while (end > 0 && fraction.charAt(end - 1) === '0') end -= 1;
  return end > 0 ? `${whole}.${fraction.slice(0, end)}` : whole;
}

/**
 * Spreadsheets keep 15 significant digits (programs using binary floats, 17) and fill the
 * rest with zeros: "1234567.89012345000", "12345678901234567000". Long zero-padded values
 * with few real digits ("1.000000000000000000") are plain formatting and pass.
 */
function roundedDigits({ integer, fraction }: Parts): number | null {
  if (integer.length + fraction.length < 16) return null;
  const digits = (integer + fraction).replace(/^0+/, '');
  const written = digits.length;
  const significant = digits.replace(/0+$/, '').length;
  const suspicious =
    written >= 16 && significant < written && significant >= 14 && significant <= 17;
  return suspicious ? significant : null;
}

function scientificValue(mantissa: string, exponent: string): string | null {
  // A huge exponent would expand into megabytes of zeros just to be shown.
  if (Math.abs(Number(exponent)) > 40) return null;
  return toDecimalString(`${mantissa.replace(',', '.')}e${exponent}`);
}

// Digits with at most one point, the way most exports write amounts: nothing to strip or
// refuse, so the cell skips straight to what its separator proves (the same scan as below).
const PLAIN_AMOUNT = /^\d+(?:\.\d+)?$/;

/**
 * ownSeparator of a plain amount (PLAIN_AMOUNT), without its slices: no point proves
 * nothing, a point before three digits after one to three others ("1.234", no leading zero)
 * could group thousands, and any other point is a decimal point.
 */
function plainSeparator(raw: string): { own: DecimalSeparator | null; ambiguous: boolean } {
  const dot = raw.indexOf('.');
  if (dot < 0) return { own: null, ambiguous: false };
  if (raw.length - dot - 1 === 3 && dot <= 3 && raw.charCodeAt(0) !== 0x30) {
    return { own: null, ambiguous: true };
  }
  return { own: '.', ambiguous: false };
}

/** The shape of one amount cell. Never throws. */
export function scanAmount(raw: string): AmountScan {
  if (raw.length <= MAX_LENGTH && PLAIN_AMOUNT.test(raw)) {
    const { own, ambiguous } = plainSeparator(raw);
    return {
      kind: 'number',
      text: raw,
      body: raw,
      negative: false,
      own,
      ambiguous,
      warnings: NO_PROBLEMS,
    };
  }
  const stripped = stripZeroWidth(raw);
  const text = stripped.text.trim();
  const warnings: ImportProblem[] = [];
  if (stripped.removed.length > 0) {
    warnings.push(
      problem(
        'AMOUNT_INVISIBLE_CHARACTERS',
        `Amount ${quote(text)} contained ${joinAnd(stripped.removed)} (invisible), which ${stripped.removed.length === 1 ? 'was' : 'were'} removed. Check the amount.`,
      ),
    );
  }
  if (text === '') {
    return unreadable(
      text,
      problem('AMOUNT_MISSING', 'The amount is empty. Enter how much to pay, or delete the row.'),
      warnings,
    );
  }

  if (text.length > MAX_LENGTH) {
    return unreadable(
      text,
      problem(
        'AMOUNT_NOT_A_NUMBER',
        `Amount ${quote(text)} is ${text.length} characters long, which is not an amount. Check that the right column is mapped to the amount.`,
      ),
      warnings,
    );
  }

  let body = text;
  let negative = false;
  if (body.startsWith('(') && body.endsWith(')')) {
    negative = true;
    body = body.slice(1, -1).trim();
  }
  if (MINUS_SIGNS.includes(body.charAt(0)) && body.length > 1) {
    negative = true;
    body = body.slice(1).trimStart();
  } else if (body.startsWith('+')) {
    body = body.slice(1).trimStart();
  }
  if (body.endsWith('-') && body.length > 1) {
    negative = true;
    body = body.slice(0, -1).trimEnd();
  }

  if (body.startsWith('#')) {
    return unreadable(
      text,
      problem(
        'AMOUNT_NOT_A_NUMBER',
        `Amount ${quote(text)} is a spreadsheet error, not a number. Fix the formula in the sheet and export again.`,
      ),
      warnings,
    );
  }
  const scientific = SCIENTIFIC.exec(body);
  if (scientific) {
    const value = scientificValue(scientific[1] ?? '0', scientific[2] ?? '0');
    return unreadable(
      text,
      problem(
        'AMOUNT_SCIENTIFIC',
        `Amount ${quote(text)} is in scientific notation${value === null ? '' : ` (${value})`}, so the spreadsheet may have rounded it. ` +
          'Format the amount column as a number with all its decimals and export again, or type the exact amount.',
      ),
      warnings,
    );
  }
  if (!NUMBER_BODY.test(body)) {
    const affixed = AFFIXED.exec(body);
    const affix = affixed?.[1] ?? affixed?.[3];
    if (affix !== undefined && CURRENCY_TOKEN.test(affix)) {
      return unreadable(
        text,
        problem(
          'AMOUNT_HAS_CURRENCY',
          `Amount ${quote(text)} contains ${quote(affix)} next to the number. Write only the number in the amount column; the currency goes in the currency column.`,
        ),
        warnings,
      );
    }
    return unreadable(
      text,
      problem(
        'AMOUNT_NOT_A_NUMBER',
        `Amount ${quote(text)} is not a number. Write the amount with digits and one decimal separator, for example 1250.50.`,
      ),
      warnings,
    );
  }
  const { own, ambiguous } = ownSeparator(body);
  return { kind: 'number', text, body, negative, own, ambiguous, warnings };
}

function separatorsProblem(text: string): ImportProblem {
  return problem(
    'AMOUNT_NOT_A_NUMBER',
    `Amount ${quote(text)} has separators in unexpected places. Write it without thousands separators, for example 1234567.89.`,
  );
}

function mismatchProblem(
  text: string,
  body: string,
  written: DecimalSeparator,
  chosen: DecimalSeparator,
  subject: 'file' | 'draft',
): ImportProblem {
  const parts = splitBody(body, written);
  const suggestion = parts ? ` Write ${canonical(parts).replace('.', chosen)}, or` : '';
  return problem(
    'AMOUNT_SEPARATOR_MISMATCH',
    `Amount ${quote(text)} has ${separatorWord(written)} as decimal separator, but this ${subject} is read with ${separatorWord(chosen)}.` +
      `${suggestion}${suggestion ? ' choose' : ' Choose'} ${separatorWord(written)} as the decimal separator.`,
  );
}

function ambiguousProblem(text: string, body: string): ImportProblem {
  const asGrouped = canonical({ integer: body.replace(NON_DIGITS, ''), fraction: '' });
  const asDecimal = canonical(
    splitBody(body, body.includes(',') ? ',' : '.') ?? { integer: '0', fraction: '' },
  );
  return problem(
    'AMOUNT_AMBIGUOUS',
    `Amount ${quote(text)} is ambiguous: it could be ${asGrouped} or ${asDecimal}. ` +
      `Write ${asGrouped} or ${asDecimal} without thousands separators, or choose the decimal separator for this file.`,
  );
}

/** A number scan that cannot be read: the cell as written, with the problem last. */
function failed(
  scan: { text: string; warnings: ImportProblem[] },
  entry: ImportProblem,
): AmountReading {
  return { amount: scan.text, value: null, problems: [...scan.warnings, entry] };
}

/**
 * The value of a body that is already what canonical(splitBody(body, separator)) makes of
 * it, found by its characters: digits with at most one point between digits (read as the
 * decimal point), no leading zero, no trailing zero after the point, fewer than 16 digits
 * (so neither the digit limit nor roundedDigits applies). Null for any other body, which
 * goes the long way. Nearly every amount of an export is one ("1250.5", "300").
 */
function canonicalPlainValue(body: string, separator: DecimalSeparator): string | null {
  const length = body.length;
  if (length === 0 || length > 16) return null;
  let dot = -1;
  for (let index = 0; index < length; index += 1) {
    const code = body.charCodeAt(index);
    if (code === 0x2e && dot < 0 && index > 0 && index < length - 1) dot = index;
    else if (code < 0x30 || code > 0x39) return null;
  }
  // Under a decimal comma, a point can only group thousands: the long way decides.
  if (dot >= 0 && separator !== '.') return null;
  if ((dot < 0 ? length : length - 1) >= 16) return null;
  if ((dot < 0 ? length : dot) > 1 && body.charCodeAt(0) === 0x30) return null;
  if (dot >= 0 && body.charCodeAt(length - 1) === 0x30) return null;
  return body;
}

/** The value of a scanned cell under a convention. Never throws. */
export function readAmount(scan: AmountScan, convention: AmountConvention): AmountReading {
  if (scan.kind === 'unreadable') {
    return { amount: scan.text, value: null, problems: scan.problems };
  }
  const { text, body, own } = scan;

  let separator: DecimalSeparator;
  if (convention.source === 'chosen') {
    separator = convention.canonicalFirst && CANONICAL.test(body) ? '.' : convention.separator;
  } else {
    if (scan.ambiguous && convention.separator === null) {
      return failed(scan, ambiguousProblem(text, body));
    }
    separator = scan.ambiguous ? (convention.separator ?? '.') : (own ?? '.');
  }
  // `parts` stays null for a body that is its own canonical value (most rows): no slices.
  let parts: Parts | null = null;
  let value = canonicalPlainValue(body, separator);
  if (value === null) {
    parts = splitBody(body, separator);
    if (!parts) {
      return failed(
        scan,
        convention.source === 'chosen' && own === other(convention.separator)
          ? mismatchProblem(text, body, own, convention.separator, convention.subject)
          : separatorsProblem(text),
      );
    }
    const digits = parts.integer.length + parts.fraction.length;
    if (digits > MAX_DIGITS) {
      return failed(
        scan,
        problem(
          'AMOUNT_NOT_A_NUMBER',
          `Amount ${quote(text)} has ${digits} digits, more than any payout can have. Check the value.`,
        ),
      );
    }
    value = canonical(parts);
  }
  // The scan's own warnings, copied only when a problem is added below.
  let problems = scan.warnings;
  if (value === '0') {
    return {
      amount: value,
      value: null,
      problems: [
        ...problems,
        problem(
          'AMOUNT_NOT_POSITIVE',
          `Amount ${quote(text)} is zero. Enter the amount to pay, or delete the row.`,
        ),
      ],
    };
  }
  if (scan.negative) {
    return {
      amount: `-${value}`,
      value: null,
      problems: [
        ...problems,
        problem(
          'AMOUNT_NOT_POSITIVE',
          `Amount ${quote(text)} is negative. A payout can only send money: enter a positive amount, or delete the row.`,
        ),
      ],
    };
  }
  if (
    convention.source === 'detected' &&
    own !== null &&
    convention.separator !== null &&
    own !== convention.separator
  ) {
    problems = [
      ...problems,
      problem(
        'AMOUNT_SEPARATOR_UNUSUAL',
        `Amount ${quote(text)} is written differently from most amounts in this file, which use ${separatorWord(convention.separator)} as decimal separator; it was read as ${value}. Check that this is right.`,
      ),
    ];
  }
  const significant = parts === null ? null : roundedDigits(parts);
  if (significant !== null) {
    problems = [
      ...problems,
      problem(
        'AMOUNT_PRECISION_LOST',
        `Amount ${quote(text)} ends in zeros after its first ${significant} digits, the mark of a number rounded by a spreadsheet (they keep 15 significant digits). ` +
          'Check the exact amount in the source; format the column as text before exporting.',
      ),
    ];
  }
  return { amount: value, value, problems };
}

export type SeparatorEvidence = {
  separator: DecimalSeparator | null;
  points: number;
  commas: number;
};

/** Amounts proving each separator so far; a streamed file tallies them one record at a time. */
export type SeparatorTally = { points: number; commas: number };

export function tallySeparator(tally: SeparatorTally, scan: AmountScan): void {
  if (scan.kind !== 'number') return;
  if (scan.own === '.') tally.points += 1;
  else if (scan.own === ',') tally.commas += 1;
}

/** The convention most amounts prove; null when none proves one or both sides tie. */
export function separatorOfTally({ points, commas }: SeparatorTally): SeparatorEvidence {
  const separator = points > commas ? '.' : commas > points ? ',' : null;
  return { separator, points, commas };
}

export function detectDecimalSeparator(scans: Iterable<AmountScan>): SeparatorEvidence {
  const tally: SeparatorTally = { points: 0, commas: 0 };
  for (const scan of scans) tallySeparator(tally, scan);
  return separatorOfTally(tally);
}
