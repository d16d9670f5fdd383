/**
 * Drafts made in pages, for files too large for one call (docs/import.md, "A draft in
 * pages"): startDraftImport announces the file and its row count, appendDraftImportRows
 * sends the rows in order, at most DRAFT_PAGE_ROWS at a time, and finishDraftImport makes
 * the draft. Each page is validated as it arrives, with the rules createDraft runs (a new
 * draft, not a retry); duplicates are about the whole draft, so they are found at finish,
 * over every staged row. Until then the rows wait in a TEMP table (draft-import-staging.ts):
 * the draft does not exist, so it cannot be seen, edited or submitted half-made, and an
 * import that a crash or restart interrupts leaves nothing behind. Resuming one is not
 * offered: the renderer's parse is gone with the window, and the file is still on disk.
 */
import { randomUUID } from 'node:crypto';
import type { DraftSummary } from '../../../shared/drafts';
import type { DeskArgument } from '../../../shared/ipc';
import {
  DRAFT_MAX_ROWS,
  duplicateProblems,
  tooManyRowsSentence,
  verdictOf,
  type RecentPayout,
} from '../../../shared/import';
import type { AuditLog, CacheDatabase, DraftImportStaging, DraftsRepo } from '../db';
import { DeskFailure } from '../ipc/desk-failure';
import type { PaidAddresses } from '../../../shared/address-risk';
import { validateStoredRow } from './draft-row-rules';
import { importedDraft, recordImport, requireKeptCellsFit } from './imported-draft';

/** An import nobody has added to for this long was abandoned (a closed window): dropped. */
const ABANDONED_AFTER_MS = 30 * 60_000;

export type DraftImportsDeps = {
  db: CacheDatabase;
  drafts: DraftsRepo;
  staging: DraftImportStaging;
  audit: AuditLog;
  recentPayouts: (profileId: string) => RecentPayout[];
  /** What the account paid before, for each row's address risk checks (draft-row-rules.ts). */
  paidAddresses: (profileId: string) => PaidAddresses;
  now: () => number;
  /** Rows a draft may hold; tests lower it. */
  maxRows?: number;
};

type Pending = {
  source: Omit<DeskArgument<'startDraftImport'>, 'totalRows'>;
  totalRows: number;
  received: number;
  lastMs: number;
};

const COUNT = new Intl.NumberFormat('en-US');

function noSuchImport(): DeskFailure {
  return new DeskFailure(
    'NOT_FOUND',
    'This import is no longer in progress (it was finished or cancelled, or the app restarted). Import the file again.',
  );
}

export function createDraftImports(deps: DraftImportsDeps) {
  const { drafts, staging, audit, now } = deps;
  const maxRows = deps.maxRows ?? DRAFT_MAX_ROWS;
  const pending = new Map<string, Pending>();

  function dropAbandoned(): void {
    const before = now() - ABANDONED_AFTER_MS;
    for (const [id, entry] of pending) {
      if (entry.lastMs < before) {
        pending.delete(id);
        staging.discard(id);
      }
    }
  }

  function requirePending(importId: string): Pending {
    const entry = pending.get(importId);
    if (!entry) throw noSuchImport();
    return entry;
  }

  /** The rules of a new draft's rows (mass-drafts.ts validateAll, without a retry's). */
  function validatePage(
    entry: Pending,
    page: DeskArgument<'appendDraftImportRows'>,
  ): Parameters<DraftImportStaging['stage']>[1] {
    const recent = deps.recentPayouts(entry.source.profileId);
    const paid = deps.paidAddresses(entry.source.profileId);
    return page.rows.map((row, index) =>
      validateStoredRow(
        { ...row, rowNo: page.firstRowNo + index },
        {
          decimalSeparator: entry.source.decimalSeparator,
          recentPayouts: recent,
          isRetry: false,
          paid,
        },
      ),
    );
  }

  /** Duplicate warnings over every staged row, written back before the rows move. */
  function flagStagedDuplicates(importId: string): void {
    const keys = staging.keys(importId);
    const found = duplicateProblems(keys);
    for (const [index, duplicate] of found) {
      const rowNo = keys[index]?.row_no;
      if (rowNo === undefined) continue;
      const problems = [
        ...staging.problemsOf(importId, rowNo),
        { code: duplicate.code, message: duplicate.message },
      ];
      staging.setProblems(importId, rowNo, verdictOf(problems), problems);
    }
  }

  return {
    start(input: DeskArgument<'startDraftImport'>): { importId: string } {
      dropAbandoned();
      if (input.totalRows > maxRows) {
        throw new DeskFailure('VALIDATION', tooManyRowsSentence(input.totalRows, maxRows), {
          reason: 'TOO_MANY_ROWS',
          rows: input.totalRows,
          limit: maxRows,
        });
      }
      const { totalRows, ...source } = input;
      const importId = randomUUID();
      pending.set(importId, { source, totalRows, received: 0, lastMs: now() });
      return { importId };
    },

    append(page: DeskArgument<'appendDraftImportRows'>) {
      const entry = requirePending(page.importId);
      const expected = entry.received + 1;
      if (page.firstRowNo !== expected) {
        throw new DeskFailure(
          'VALIDATION',
          `appendDraftImportRows: firstRowNo is ${COUNT.format(page.firstRowNo)}, but the next row of this import is row ${COUNT.format(expected)}. Send the pages in order.`,
        );
      }
      const after = entry.received + page.rows.length;
      if (after > entry.totalRows) {
        throw new DeskFailure(
          'VALIDATION',
          `appendDraftImportRows: this page would bring the import to ${COUNT.format(after)} rows, but it was started for ${COUNT.format(entry.totalRows)}.`,
        );
      }
      requireKeptCellsFit(entry.source.extraColumns ?? [], page.rows, page.firstRowNo);
      staging.stage(page.importId, validatePage(entry, page));
      entry.received = after;
      entry.lastMs = now();
      return { received: entry.received, totalRows: entry.totalRows };
    },

    finish({ importId }: DeskArgument<'finishDraftImport'>): DraftSummary {
      const entry = requirePending(importId);
      if (entry.received !== entry.totalRows) {
        throw new DeskFailure(
          'VALIDATION',
          `finishDraftImport: the import has ${COUNT.format(entry.received)} of its ${COUNT.format(entry.totalRows)} rows. Send the rest before finishing.`,
        );
      }
      const { source } = entry;
      const id = randomUUID();
      // One transaction: the draft appears with all its rows and warnings, or not at all.
      deps.db.sqlite
        .transaction(() => {
          flagStagedDuplicates(importId);
          const atMs = now();
          drafts.create(importedDraft(source, id, atMs), []);
          // The running counts and totals an edit keeps (docs/drafts.md) start from these.
          drafts.addTallies(id, staging.tally(importId));
          staging.moveInto(importId, id);
          staging.discard(importId);
          recordImport({ drafts, audit }, source, id, entry.totalRows, atMs);
        })
        .immediate();
      pending.delete(importId);
      const summary = drafts.summary(id);
      if (!summary) throw new DeskFailure('INTERNAL', 'The draft was made but cannot be read.');
      return summary;
    },

    cancel({ importId }: DeskArgument<'cancelDraftImport'>): { cancelled: boolean } {
      const known = pending.delete(importId);
      staging.discard(importId);
      return { cancelled: known };
    },
  };
}

export type DraftImports = ReturnType<typeof createDraftImports>;
