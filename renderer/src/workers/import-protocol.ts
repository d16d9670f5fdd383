/**
 * Messages between the page and the import worker. The page posts the file's bytes (moved,
 * not copied); the worker reads the header first and asks the page for a remembered column
 * mapping of that header before it parses every row. The worker keeps the rows of its latest
 * reading and answers with the summary the screen shows; "Create draft" then asks it for the
 * rows a page at a time, so the page never holds a million rows (docs/import.md, "Files the
 * page reads").
 */
import type { ColumnMappingInput, ImportOptions } from '../../../shared/import';
import type { ImportHistory } from '../../../shared/import/import-history';
import type { DeskArgument } from '../../../shared/ipc';
import type { ReadingSummary } from '../../../shared/import/reading-summary';

/** One row as createDraft and appendDraftImportRows take it (the IPC contract's own type). */
export type DraftRowInput = DeskArgument<'createDraft'>['rows'][number];

export type ImportWorkerRequest =
  | {
      type: 'parse';
      id: number;
      bytes: ArrayBuffer;
      options: ImportOptions;
      /** The account's history, read with as the desk reads (null without an account). */
      history: ImportHistory | null;
      /** Ask for a remembered mapping of this header before parsing (no mapping in options). */
      recall: boolean;
      /** The file's name: a mapping remembered for its source applies too (source-name.ts). */
      sourceName?: string;
    }
  | { type: 'recalled'; id: number; mapping: ColumnMappingInput | null }
  /** Rows `start` to `start + count` (0-based) of reading `id`, as draft rows. */
  | { type: 'rows'; id: number; ask: number; start: number; count: number }
  /** The reading is no longer needed (a draft was made of it, or another file was chosen). */
  | { type: 'forget'; id: number };

export type ImportWorkerAnswer =
  | { type: 'signature'; id: number; signature: string }
  | {
      type: 'result';
      id: number;
      summary: ReadingSummary;
      /** headerSignature of the file's header row; null when it has none. */
      signature: string | null;
      /** The remembered mapping that was applied, if any, and what it was remembered for. */
      recalled: ColumnMappingInput | null;
      recalledBy: 'header' | 'source' | null;
      parseMs: number;
    }
  | { type: 'rows'; id: number; ask: number; rows: DraftRowInput[] }
  /** Rows checked so far of the file's rows, while it is read (the import's progress bar). */
  | { type: 'progress'; id: number; checked: number; total: number }
  | { type: 'failed'; id: number; ask?: number; message: string };
