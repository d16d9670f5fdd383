/**
 * Messages between the page and the import worker. The page posts the file's bytes (moved,
 * not copied); the worker reads the header first and asks the page for a remembered column
 * mapping of that header before it parses every row.
 */
import type { ColumnMappingInput, ImportOptions, ImportResult } from '../../../shared/import';
import type { ImportHistory } from '../../../shared/import/import-history';

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
    }
  | { type: 'recalled'; id: number; mapping: ColumnMappingInput | null };

export type ImportWorkerAnswer =
  | { type: 'signature'; id: number; signature: string }
  | {
      type: 'result';
      id: number;
      result: ImportResult;
      /** headerSignature of the file's header row; null when it has none. */
      signature: string | null;
      /** The remembered mapping that was applied, if any. */
      recalled: ColumnMappingInput | null;
      parseMs: number;
    }
  /** Rows checked so far of the file's rows, while it is read (the import's progress bar). */
  | { type: 'progress'; id: number; checked: number; total: number }
  | { type: 'failed'; id: number; message: string };
