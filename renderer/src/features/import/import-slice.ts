/**
 * The import screen: the chosen file and how it was read (encoding, delimiter, decimal
 * separator, a workbook's sheet, column mapping, a verdict per row). A file of up to 8 MiB is read by the desk
 * itself, which keeps the reading: choosing a column, a currency or a decimal separator reads
 * it again there, and "Create draft" makes the draft of that reading without sending any row
 * (docs/import.md, "Files the desk reads"). A larger file is read in the import worker and
 * its rows are sent in pages. A mapping chosen by hand is remembered by main per header
 * layout and offered back before the next file with the same header is read.
 */
import type {
  ColumnMappingInput,
  ColumnRole,
  DecimalSeparator,
  Delimiter,
  ImportOptions,
} from '../../../../shared/import';
import {
  canCreateDraft,
  explicitMapping,
  IMPORT_ROLES,
  mappingByNames,
} from '../../../../shared/import/draft-from-reading';
import type { ImportHistory } from '../../../../shared/import/import-history';
import type { ReadingSummary } from '../../../../shared/import/reading-summary';
import {
  FILE_READ_MAX_BYTES,
  type DeskError,
  type DeskResult,
  type FileReading,
} from '../../../../shared/ipc';
import { draftsService } from '../../services/desk-service';
import { parseFile, type ParsedFile } from '../../workers/import-client';
import type { DraftSource } from '../../services/paged-draft';
import type { SliceCreator } from '../../stores/types';
import type { ProgressCount } from '../../../../shared/progress';

export type ImportStatus = 'idle' | 'reading' | 'ready' | 'failed';
/** Where the column mapping came from: the header's names, an earlier import, or a person. */
export type MappingSource = 'detected' | 'recalled' | 'recalled-source' | 'manual';

export type ImportChoices = {
  mapping?: ColumnMappingInput;
  currency?: string;
  decimalSeparator?: DecimalSeparator;
  /** The delimiter chosen over the detected one (a text file). */
  delimiter?: Delimiter;
  /** A workbook's sheet by name (docs/spreadsheets.md); the first visible one when unset. */
  sheet?: string;
};

export type ImportSlice = {
  importFileName: string | null;
  importFileSize: number;
  importStatus: ImportStatus;
  importFailure: string | null;
  importResult: ReadingSummary | null;
  importSignature: string | null;
  importMappingSource: MappingSource;
  importChoices: ImportChoices;
  importParseMs: number | null;
  /** Rows checked of the file's rows while the page's worker reads a large file; null else. */
  importProgress: ProgressCount | null;
  importDraftName: string;
  importCreating: boolean;
  importCreateError: DeskError | null;
  chooseImportFile: (file: File) => Promise<void>;
  setImportColumn: (role: ColumnRole, column: number | null) => Promise<void>;
  setImportCurrency: (currency: string | null) => Promise<void>;
  setImportDecimalSeparator: (separator: DecimalSeparator | null) => Promise<void>;
  setImportDelimiter: (delimiter: Delimiter | null) => Promise<void>;
  setImportSheet: (sheet: string) => Promise<void>;
  setImportDraftName: (name: string) => void;
  createDraftFromImport: () => Promise<boolean>;
  resetImport: () => void;
};

export { canCreateDraft, explicitMapping, IMPORT_ROLES };
export { oversizedLines } from '../../../../shared/import/draft-from-reading';

/** Lets the page draw what changed before the next piece of work runs. */
function nextTask(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

function without(choices: ImportChoices, key: keyof ImportChoices): ImportChoices {
  return Object.fromEntries(Object.entries(choices).filter(([name]) => name !== key));
}

function draftNameOf(fileName: string): string {
  const base = fileName.replace(/\.[^.]+$/, '').trim();
  return (base === '' ? 'Imported payouts' : base).slice(0, 200);
}

const IDLE: Pick<
  ImportSlice,
  | 'importFileName'
  | 'importFileSize'
  | 'importStatus'
  | 'importFailure'
  | 'importResult'
  | 'importSignature'
  | 'importMappingSource'
  | 'importChoices'
  | 'importParseMs'
  | 'importProgress'
  | 'importDraftName'
  | 'importCreating'
  | 'importCreateError'
> = {
  importFileName: null,
  importFileSize: 0,
  importStatus: 'idle',
  importFailure: null,
  importResult: null,
  importSignature: null,
  importMappingSource: 'detected',
  importChoices: {},
  importProgress: null,
  importParseMs: null,
  importDraftName: '',
  importCreating: false,
  importCreateError: null,
};

/** createDraft's argument for a file the page read, but its rows (asked from the worker). */
function sourceInput(
  state: Pick<ImportSlice, 'importFileName' | 'importSignature'>,
  result: ReadingSummary,
  profileId: string,
  name: string,
  remember: boolean,
): DraftSource {
  return {
    profileId,
    name,
    ...(state.importFileName !== null ? { sourceFile: state.importFileName } : {}),
    // A workbook has neither: its sheet's cells are not text with a delimiter.
    ...(result.fileKind === 'csv'
      ? { encoding: result.encoding, delimiter: result.delimiter, bom: result.bom }
      : {}),
    decimalSeparator: result.decimalSeparator ?? '.',
    ...(result.extraColumns.length > 0 ? { extraColumns: result.extraColumns } : {}),
    ...(remember && state.importSignature !== null
      ? {
          mapping: explicitMapping(result.mapping),
          headerSignature: state.importSignature,
          // And by names for the file's source, as the desk remembers a reading of its own.
          sourceMapping: mappingByNames(result),
        }
      : {}),
  };
}

export const createImportSlice: SliceCreator<ImportSlice> = (set, get) => {
  let file: File | null = null;
  /** The desk's reading of `file` (files it reads itself); null before, or in the worker. */
  let readingId: string | null = null;
  /** The account the desk read `file` for: its recent payments are in the verdicts. */
  let readingProfileId: string | null = null;
  /** Bumped by every read: an older read that answers late is ignored. */
  let generation = 0;
  /** A file read in the page's worker, which keeps its rows; null for a desk reading. */
  let pageReading: ParsedFile | null = null;

  /** The page's worker reading is dropped: its rows are freed in the worker. */
  function forgetPageReading(): void {
    pageReading?.forget();
    pageReading = null;
  }

  /**
   * The account's history for a file read in the page: with it the worker gives the
   * verdicts the draft will (first payments, look-alikes, repeats of recent payments), so
   * the screen's counts are the draft's. Without an account, or if main cannot answer, the
   * file is read without (the draft then adds those checks).
   */
  async function historyFor(profileId: string | null): Promise<ImportHistory | null> {
    if (profileId === null) return null;
    const answer = await draftsService.importHistory(profileId);
    return answer.ok ? answer.value : null;
  }

  async function recall(signature: string): Promise<ColumnMappingInput | null> {
    const answer = await draftsService.recallMapping(signature);
    return answer.ok ? answer.value.mapping : null;
  }

  /** The desk reads the file (sent once, then read again by its id), or answers why not. */
  async function readInDesk(
    chosen: File,
    profileId: string,
    choices: ImportChoices,
  ): Promise<FileReading> {
    let answer: DeskResult<FileReading> | null = null;
    if (readingId !== null && readingProfileId === profileId) {
      answer = await draftsService.rereadFile({ readingId, choices });
      // Gone (the app restarted, or 30 minutes passed): the file is sent again below.
      if (!answer.ok && answer.error.code === 'NOT_FOUND') answer = null;
    }
    if (answer === null) {
      answer = await draftsService.readFile(
        { profileId, fileName: chosen.name, choices, recall: choices.mapping === undefined },
        chosen,
      );
    }
    if (!answer.ok) throw new Error(answer.error.message);
    readingId = answer.value.readingId;
    readingProfileId = profileId;
    return answer.value;
  }

  async function read(choices: ImportChoices, source: MappingSource): Promise<void> {
    if (file === null) return;
    const chosen = file;
    const profileId = get().activeProfileId;
    generation += 1;
    const current = generation;
    set({
      importStatus: 'reading',
      importFailure: null,
      importChoices: choices,
      importProgress: null,
    });
    const onRows = (checked: number, total: number) => {
      if (current === generation) set({ importProgress: { done: checked, total } });
    };
    const options: ImportOptions = {
      ...(choices.mapping !== undefined ? { mapping: choices.mapping } : {}),
      ...(choices.currency !== undefined ? { currency: choices.currency } : {}),
      ...(choices.decimalSeparator !== undefined
        ? { decimalSeparator: choices.decimalSeparator }
        : {}),
      ...(choices.delimiter !== undefined ? { delimiter: choices.delimiter } : {}),
      ...(choices.sheet !== undefined ? { sheet: choices.sheet } : {}),
    };
    try {
      // Only the first read of a file asks for a remembered mapping.
      const parsed =
        profileId !== null && chosen.size <= FILE_READ_MAX_BYTES
          ? await readInDesk(chosen, profileId, choices)
          : await parseFile(
              chosen,
              options,
              choices.mapping === undefined ? recall : undefined,
              await historyFor(profileId),
              onRows,
              chosen.name,
            );
      if (current !== generation) {
        if ('rowsAt' in parsed) parsed.forget();
        return;
      }
      if ('rowsAt' in parsed) pageReading = parsed;
      else forgetPageReading();
      const recalled = parsed.recalled;
      set({
        importStatus: 'ready',
        importProgress: null,
        importResult: parsed.result,
        importSignature: parsed.signature,
        importParseMs: parsed.parseMs,
        importMappingSource:
          recalled === null
            ? source
            : parsed.recalledBy === 'source'
              ? 'recalled-source'
              : 'recalled',
        importChoices: recalled !== null ? { ...choices, mapping: recalled } : choices,
      });
    } catch (error) {
      if (current !== generation) return;
      set({
        importStatus: 'failed',
        importProgress: null,
        importResult: null,
        importFailure: error instanceof Error ? error.message : String(error),
      });
    }
  }

  return {
    ...IDLE,

    chooseImportFile: async (chosen) => {
      file = chosen;
      readingId = null;
      forgetPageReading();
      set({
        ...IDLE,
        importFileName: chosen.name,
        importFileSize: chosen.size,
        importDraftName: draftNameOf(chosen.name),
      });
      await read({}, 'detected');
    },

    setImportColumn: async (role, column) => {
      const { importResult: result, importChoices: choices } = get();
      if (result === null) return;
      const current = explicitMapping(result.mapping);
      const mapping: ColumnMappingInput = {};
      for (const other of IMPORT_ROLES) {
        const ref = current[other];
        // One column serves one role: the role that had it gives it up.
        if (other === role || ref === undefined || (column !== null && ref === column)) continue;
        mapping[other] = ref;
      }
      if (column !== null) mapping[role] = column;
      await read({ ...choices, mapping }, 'manual');
    },

    setImportCurrency: async (currency) => {
      const choices = without(get().importChoices, 'currency');
      await read(currency === null ? choices : { ...choices, currency }, get().importMappingSource);
    },

    setImportDecimalSeparator: async (separator) => {
      const choices = without(get().importChoices, 'decimalSeparator');
      await read(
        separator === null ? choices : { ...choices, decimalSeparator: separator },
        get().importMappingSource,
      );
    },

    setImportDelimiter: async (delimiter) => {
      // Other cells, other columns: the mapping is found again from the header read this way.
      const choices = without(without(get().importChoices, 'delimiter'), 'mapping');
      await read(delimiter === null ? choices : { ...choices, delimiter }, 'detected');
    },

    setImportSheet: async (sheet) => {
      // Another sheet has its own columns: the mapping is found again from its header.
      const choices = without(get().importChoices, 'mapping');
      await read({ ...choices, sheet }, 'detected');
    },

    setImportDraftName: (name) => {
      set({ importDraftName: name });
    },

    createDraftFromImport: async () => {
      const state = get();
      const result = state.importResult;
      const profileId = state.activeProfileId;
      if (
        result === null ||
        profileId === null ||
        state.importCreating ||
        state.importStatus !== 'ready' ||
        !canCreateDraft(result)
      ) {
        return false;
      }
      const name = state.importDraftName.trim() || draftNameOf(state.importFileName ?? '');
      // Remembered for the next file with this header, when a person chose (or confirmed) it.
      const remember = state.importMappingSource !== 'detected' && state.importSignature !== null;
      set({ importCreating: true, importCreateError: null });
      // The button's new state is drawn in its own task; serialising thousands of rows for
      // main is the next one (DESIGN.md: no UI-thread task over 50 ms).
      await nextTask();
      const created =
        readingId !== null && readingProfileId === profileId
          ? await draftsService.createFromReading({
              readingId,
              profileId,
              name,
              rememberMapping: remember,
            })
          : pageReading !== null
            ? await draftsService.createOfRows(
                sourceInput(state, result, profileId, name, remember),
                result.rowCount,
                pageReading.rowsAt,
              )
            : null;
      if (created === null) {
        set({ importCreating: false });
        return false;
      }
      if (!created.ok) {
        set({ importCreating: false, importCreateError: created.error });
        return false;
      }
      file = null;
      forgetPageReading();
      readingId = null;
      generation += 1;
      set({ ...IDLE });
      // Taking the import screen down and drawing the draft are two tasks, not one long one.
      await nextTask();
      get().showCreatedDraft(created.value);
      return true;
    },

    resetImport: () => {
      file = null;
      forgetPageReading();
      readingId = null;
      generation += 1;
      set({ ...IDLE });
    },
  };
};
