/**
 * Payout files the desk reads itself (docs/import.md, "Files the desk reads"). The page sends
 * a file's bytes once; the desk reads it with the shared importer, against this account's
 * recent payments, and keeps the reading for a while, so that choosing another column or
 * separator reads it again without sending it again, and "Create draft" makes the draft from
 * what the desk read: no rows cross the boundary, and the draft's own rules find each row's
 * address checks already done (the importer's cache) instead of repeating them.
 */
import { randomUUID } from 'node:crypto';
import { FILE_READ_MAX_BYTES, type DeskArgument, type DeskResults } from '../../../shared/ipc';
import type { ColumnMappingInput, ImportOptions } from '../../../shared/import';
import {
  canCreateDraft,
  explicitMapping,
  mappingByNames,
  oversizedLines,
  oversizedLinesSentence,
} from '../../../shared/import/draft-from-reading';
import { readWithRecall, type RecalledReading } from '../../../shared/import/read-with-recall';
import { summarizeReading } from '../../../shared/import/reading-summary';
import type { ImportResult, ImportRow, RecentPayout } from '../../../shared/import/types';
import { sourceNameKey } from '../../../shared/import/source-name';
import type { PaidAddresses } from '../../../shared/address-risk';
import type { DraftRow, DraftSummary } from '../../../shared/drafts';
import { DeskFailure } from '../ipc/desk-failure';
import type { MassDrafts } from './mass-drafts';

/** Readings kept at once: the file on the import screen, and one or two chosen before it. */
const KEPT_READINGS = 4;
/** A reading nobody used for this long is dropped (its bytes are the file's size). */
const READING_TTL_MS = 30 * 60_000;

export const READING_GONE_MESSAGE =
  'This file is no longer open in the app (it was read more than 30 minutes ago, or the app restarted): choose it again.';

type Choices = DeskArgument<'readPayoutFile'>['choices'];

type Reading = {
  id: string;
  profileId: string;
  fileName: string;
  bytes: Uint8Array;
  current: RecalledReading;
  /** The mapping came from the file's header names alone (not chosen, not remembered). */
  detected: boolean;
  usedAtMs: number;
};

export type FileReadingsDeps = {
  massDrafts: Pick<MassDrafts, 'createChecked' | 'recallMapping' | 'rememberMapping'>;
  /** Payments a row would repeat (paid-or-being-paid.ts), as createDraft checks them. */
  recentPayouts: (profileId: string) => readonly RecentPayout[];
  /** What the account paid before, for the address risk verdicts the draft will show too. */
  paidAddresses: (profileId: string) => PaidAddresses;
  /** A remembered mapping that still fits the contract, or null. */
  validMapping: (stored: unknown) => ColumnMappingInput | null;
  now: () => number;
};

function optionsOf(
  choices: Choices,
  recentPayouts: readonly RecentPayout[],
  paidAddresses: PaidAddresses,
): ImportOptions {
  return {
    paidAddresses,
    ...(choices.mapping !== undefined ? { mapping: choices.mapping } : {}),
    ...(choices.currency !== undefined ? { currency: choices.currency } : {}),
    ...(choices.decimalSeparator !== undefined
      ? { decimalSeparator: choices.decimalSeparator }
      : {}),
    ...(choices.delimiter !== undefined ? { delimiter: choices.delimiter } : {}),
    ...(choices.sheet !== undefined ? { sheet: choices.sheet } : {}),
    recentPayouts,
  };
}

/** A row of the desk's reading as a draft stores it (problems without their severity). */
function storedRowOf(row: ImportRow, index: number): DraftRow {
  return {
    rowNo: index + 1,
    line: row.line,
    address: row.address,
    amount: row.amount,
    currency: row.currency,
    comment: row.comment,
    name: row.name,
    extra: row.extra,
    verdict: row.verdict,
    problems: row.problems.map(({ code, message }) => ({ code, message })),
  };
}

export function createFileReadings(deps: FileReadingsDeps) {
  const readings = new Map<string, Reading>();

  /**
   * The mapping a person chose, by column names, for the next file of this source name
   * (read-with-recall.ts applies it only when every named column is there).
   */
  function rememberForSource(fileName: string, result: ImportResult): void {
    const key = sourceNameKey(fileName);
    const byName = mappingByNames(result);
    if (key !== null && Object.keys(byName).length > 0)
      deps.massDrafts.rememberMapping(key, byName);
  }

  function forgetOld(): void {
    const cutoff = deps.now() - READING_TTL_MS;
    for (const [id, reading] of readings) if (reading.usedAtMs < cutoff) readings.delete(id);
    // Oldest first: a Map iterates in insertion order, and every use re-inserts.
    while (readings.size > KEPT_READINGS) {
      const oldest = readings.keys().next().value;
      if (oldest === undefined) break;
      readings.delete(oldest);
    }
  }

  function keep(reading: Reading): void {
    reading.usedAtMs = deps.now();
    readings.delete(reading.id);
    readings.set(reading.id, reading);
    forgetOld();
  }

  function requireReading(readingId: string): Reading {
    forgetOld();
    const reading = readings.get(readingId);
    if (!reading) throw new DeskFailure('NOT_FOUND', READING_GONE_MESSAGE);
    return reading;
  }

  function answer(reading: Reading): DeskResults['readPayoutFile'] {
    const { result, ...rest } = reading.current;
    return { readingId: reading.id, ...rest, result: summarizeReading(result) };
  }

  return {
    async read(input: DeskArgument<'readPayoutFile'>): Promise<DeskResults['readPayoutFile']> {
      const bytes = new Uint8Array(Buffer.from(input.bytes, 'base64'));
      if (bytes.byteLength > FILE_READ_MAX_BYTES) {
        throw new DeskFailure(
          'VALIDATION',
          'This file is larger than 8 MiB: the app reads it in the page and sends it in pages.',
        );
      }
      const recall = input.recall
        ? (signature: string) => deps.validMapping(deps.massDrafts.recallMapping(signature))
        : undefined;
      const current = await readWithRecall(
        bytes,
        optionsOf(
          input.choices,
          deps.recentPayouts(input.profileId),
          deps.paidAddresses(input.profileId),
        ),
        recall,
        { sourceName: input.fileName },
      );
      const reading: Reading = {
        id: randomUUID(),
        profileId: input.profileId,
        fileName: input.fileName,
        bytes,
        current,
        detected: input.choices.mapping === undefined && current.recalled === null,
        usedAtMs: 0,
      };
      keep(reading);
      return answer(reading);
    },

    async reread(
      input: DeskArgument<'rereadPayoutFile'>,
    ): Promise<DeskResults['rereadPayoutFile']> {
      const reading = requireReading(input.readingId);
      reading.current = await readWithRecall(
        reading.bytes,
        optionsOf(
          input.choices,
          deps.recentPayouts(reading.profileId),
          deps.paidAddresses(reading.profileId),
        ),
      );
      reading.detected = input.choices.mapping === undefined;
      keep(reading);
      return answer(reading);
    },

    /**
     * The draft of a reading, through createDraft's own rules (every row validated again,
     * duplicates across the draft, one transaction with its audit entry). The reading is
     * dropped once its draft exists, so a second click cannot make a second draft of it.
     */
    createDraft(input: DeskArgument<'createDraftFromReading'>): DraftSummary {
      const reading = requireReading(input.readingId);
      if (reading.profileId !== input.profileId) {
        throw new DeskFailure(
          'VALIDATION',
          'This file was read for another account: choose it again for this one.',
        );
      }
      const { result, signature } = reading.current;
      if (result.rows.length === 0) {
        throw new DeskFailure(
          'VALIDATION',
          'No rows could be read: fix the file and choose it again.',
        );
      }
      const tooLong = oversizedLines(result);
      if (!canCreateDraft({ rowCount: result.rows.length, oversizedLines: tooLong })) {
        throw new DeskFailure('VALIDATION', oversizedLinesSentence(tooLong));
      }
      const remember = input.rememberMapping && signature !== null;
      const summary = deps.massDrafts.createChecked(
        {
          profileId: reading.profileId,
          name: input.name,
          sourceFile: reading.fileName,
          // A workbook has neither: its sheet's cells are not text with a delimiter.
          ...(result.fileKind === 'csv'
            ? { encoding: result.encoding, delimiter: result.delimiter, bom: result.bom }
            : {}),
          decimalSeparator: result.decimalSeparator ?? '.',
          ...(result.extraColumns.length > 0 ? { extraColumns: result.extraColumns } : {}),
          ...(remember
            ? { mapping: explicitMapping(result.mapping), headerSignature: signature }
            : {}),
        },
        result.rows.map(storedRowOf),
      );
      if (remember) rememberForSource(reading.fileName, result);
      readings.delete(reading.id);
      return summary;
    },
  };
}

export type FileReadings = ReturnType<typeof createFileReadings>;
