/**
 * The import screen: the chosen file and how it was read (encoding, delimiter, decimal
 * separator, column mapping, a verdict per row), all computed in the import worker. Choosing
 * a column, a currency or a decimal separator reads the file again with that choice. A
 * mapping chosen by hand is remembered by main per header layout and offered back before the
 * next file with the same header is read. "Create draft" hands the rows to main, which
 * validates each again and saves the draft.
 */
import type {
  ColumnMapping,
  ColumnMappingInput,
  ColumnRole,
  DecimalSeparator,
  ImportOptions,
  ImportResult,
} from '../../../../shared/import';
import type { DeskArgument, DeskError } from '../../../../shared/ipc';
import { draftsService } from '../../services/desk-service';
import { parseFile } from '../../workers/import-client';
import type { SliceCreator } from '../../stores/types';

export type ImportStatus = 'idle' | 'reading' | 'ready' | 'failed';
/** Where the column mapping came from: the header's names, an earlier import, or a person. */
export type MappingSource = 'detected' | 'recalled' | 'manual';

export type ImportChoices = {
  mapping?: ColumnMappingInput;
  currency?: string;
  decimalSeparator?: DecimalSeparator;
};

export type ImportSlice = {
  importFileName: string | null;
  importFileSize: number;
  importStatus: ImportStatus;
  importFailure: string | null;
  importResult: ImportResult | null;
  importSignature: string | null;
  importMappingSource: MappingSource;
  importChoices: ImportChoices;
  importParseMs: number | null;
  importDraftName: string;
  importCreating: boolean;
  importCreateError: DeskError | null;
  chooseImportFile: (file: File) => Promise<void>;
  setImportColumn: (role: ColumnRole, column: number | null) => Promise<void>;
  setImportCurrency: (currency: string | null) => Promise<void>;
  setImportDecimalSeparator: (separator: DecimalSeparator | null) => Promise<void>;
  setImportDraftName: (name: string) => void;
  createDraftFromImport: () => Promise<boolean>;
  resetImport: () => void;
};

export const IMPORT_ROLES: readonly ColumnRole[] = ['address', 'amount', 'currency', 'comment'];

/** Main stores cells of at most these lengths (shared/ipc createDraft). */
const CELL_LIMITS = { address: 500, amount: 500, currency: 40, comment: 500 } as const;

/** The mapping as explicit column indexes, without the roles the file has no column for. */
export function explicitMapping(mapping: ColumnMapping): ColumnMappingInput {
  const explicit: ColumnMappingInput = {};
  for (const role of IMPORT_ROLES) {
    const column = mapping[role];
    if (column !== null) explicit[role] = column;
  }
  return explicit;
}

/** File lines with a cell longer than main stores: the file must be fixed first. */
export function oversizedLines(result: ImportResult): number[] {
  const lines: number[] = [];
  for (const row of result.rows) {
    if (
      row.address.length > CELL_LIMITS.address ||
      row.amount.length > CELL_LIMITS.amount ||
      row.currency.length > CELL_LIMITS.currency ||
      row.comment.length > CELL_LIMITS.comment
    ) {
      lines.push(row.line);
    }
  }
  return lines;
}

/** A file-level problem with severity error leaves no rows to make a draft of. */
export function canCreateDraft(result: ImportResult | null): boolean {
  return result !== null && result.rows.length > 0 && oversizedLines(result).length === 0;
}

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
  importParseMs: null,
  importDraftName: '',
  importCreating: false,
  importCreateError: null,
};

export const createImportSlice: SliceCreator<ImportSlice> = (set, get) => {
  let file: File | null = null;
  /** Bumped by every read: an older read that answers late is ignored. */
  let generation = 0;

  async function recall(signature: string): Promise<ColumnMappingInput | null> {
    const answer = await draftsService.recallMapping(signature);
    return answer.ok ? answer.value.mapping : null;
  }

  async function read(choices: ImportChoices, source: MappingSource): Promise<void> {
    if (file === null) return;
    generation += 1;
    const current = generation;
    set({ importStatus: 'reading', importFailure: null, importChoices: choices });
    const options: ImportOptions = {
      ...(choices.mapping !== undefined ? { mapping: choices.mapping } : {}),
      ...(choices.currency !== undefined ? { currency: choices.currency } : {}),
      ...(choices.decimalSeparator !== undefined
        ? { decimalSeparator: choices.decimalSeparator }
        : {}),
    };
    try {
      // Only the first read of a file asks for a remembered mapping.
      const parsed = await parseFile(
        file,
        options,
        choices.mapping === undefined ? recall : undefined,
      );
      if (current !== generation) return;
      const recalled = parsed.recalled;
      set({
        importStatus: 'ready',
        importResult: parsed.result,
        importSignature: parsed.signature,
        importParseMs: parsed.parseMs,
        importMappingSource: recalled !== null ? 'recalled' : source,
        importChoices: recalled !== null ? { ...choices, mapping: recalled } : choices,
      });
    } catch (error) {
      if (current !== generation) return;
      set({
        importStatus: 'failed',
        importResult: null,
        importFailure: error instanceof Error ? error.message : String(error),
      });
    }
  }

  return {
    ...IDLE,

    chooseImportFile: async (chosen) => {
      file = chosen;
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
      const input: DeskArgument<'createDraft'> = {
        profileId,
        name,
        ...(state.importFileName !== null ? { sourceFile: state.importFileName } : {}),
        encoding: result.encoding,
        delimiter: result.delimiter,
        decimalSeparator: result.decimalSeparator ?? '.',
        ...(remember && state.importSignature !== null
          ? { mapping: explicitMapping(result.mapping), headerSignature: state.importSignature }
          : {}),
        rows: result.rows.map((row) => ({
          line: row.line,
          address: row.address,
          amount: row.amount,
          currency: row.currency,
          comment: row.comment,
        })),
      };
      set({ importCreating: true, importCreateError: null });
      // The button's new state is drawn in its own task; serialising thousands of rows for
      // main is the next one (DESIGN.md: no UI-thread task over 50 ms).
      await nextTask();
      const created = await draftsService.create(input);
      if (!created.ok) {
        set({ importCreating: false, importCreateError: created.error });
        return false;
      }
      file = null;
      generation += 1;
      set({ ...IDLE });
      // Taking the import screen down and drawing the draft are two tasks, not one long one.
      await nextTask();
      get().showCreatedDraft(created.value);
      return true;
    },

    resetImport: () => {
      file = null;
      generation += 1;
      set({ ...IDLE });
    },
  };
};
