/**
 * Drafts of mass payouts: the list of the active profile's drafts, and the open draft's rows
 * as a sparse cache of pages around what the grid shows (a 10,000-row draft costs what the
 * screen shows). Every edit goes to main at once; main answers with the row's new verdict and
 * the draft's counts, so what the grid shows is always what is saved.
 */
import type { DraftRow, DraftSummary, RowVerdict } from '../../../../shared/drafts';
import type { DeskArgument, DeskError, DeskResult } from '../../../../shared/ipc';
import { draftsService } from '../../services/desk-service';
import type { SliceCreator } from '../../stores/types';

export const DRAFT_ROWS_PAGE_SIZE = 200;
/** Pages kept beyond the visible ones; farther pages are dropped and re-read if needed. */
const KEEP_PAGES_AROUND = 4;
/** After an edit: other rows' duplicate warnings may have moved. */
const AFTER_EDIT_REFRESH_MS = 400;

export type VerdictFilter = 'all' | RowVerdict;

export type DraftRowPatch = Partial<
  Pick<DeskArgument<'updateDraftRow'>, 'address' | 'amount' | 'currency' | 'comment' | 'name'>
>;

export type DraftsSlice = {
  draftsList: DraftSummary[] | null;
  draftsListError: DeskError | null;
  openDraftId: string | null;
  draft: DraftSummary | null;
  draftError: DeskError | null;
  draftFilter: VerdictFilter;
  /** Whether the grid shows the file's columns the payout does not use (a person's choice). */
  draftShowFileColumns: boolean;
  setDraftShowFileColumns: (shown: boolean) => void;
  /** Rows matching the filter; null until the first page answered. */
  draftRowsTotal: number | null;
  draftRowPages: Record<number, DraftRow[]>;
  /** The address book's label of loaded rows' addresses, by rowNo (from main with each page). */
  draftRowLabels: Record<number, string>;
  /** Bumped when the filter or the draft changes: the grid scrolls back to the top. */
  draftRowsGeneration: number;
  draftRowsRange: { start: number; end: number };
  draftRowsError: DeskError | null;
  /** Text the rows are searched for (address, name, comment, amount), as typed. */
  draftSearch: string;
  /** The search main was last asked for (draftSearch a moment later, trimmed). */
  draftSearchApplied: string;
  setDraftSearch: (text: string) => void;
  /** rowNos ticked for deletion. */
  draftSelection: Record<number, true>;
  /**
   * "Select all": every row matching the filter and search, in main, loaded or not, except
   * the rows unticked since; null when rows are ticked one by one (draftSelection).
   */
  draftSelectAll: { except: Record<number, true> } | null;
  setDraftSelectAll: (selected: boolean) => void;
  draftSavingRows: Record<number, true>;
  /** An edit main refused, per rowNo (the row keeps its saved values). */
  draftRowErrors: Record<number, DeskError>;
  /** The row whose problems the side panel explains. */
  draftActiveRowNo: number | null;
  draftBusy: boolean;
  draftActionError: DeskError | null;
  /** Asks the grid to bring a row into view and focus it (a row just added). */
  draftScrollRequest: { index: number; rowNo: number; seq: number } | null;
  loadDrafts: () => Promise<void>;
  showCreatedDraft: (summary: DraftSummary) => void;
  openDraft: (draftId: string) => void;
  closeDraft: () => void;
  reloadDraft: () => Promise<void>;
  setDraftFilter: (filter: VerdictFilter) => void;
  setDraftRowsRange: (start: number, end: number) => void;
  refreshDraftRows: () => Promise<void>;
  saveDraftRow: (rowNo: number, patch: DraftRowPatch) => Promise<void>;
  /** The person checked a look-alike address with the recipient (main audits it). */
  acceptDraftRowLookalike: (rowNo: number) => Promise<void>;
  setDraftRowSelected: (rowNo: number, selected: boolean) => void;
  clearDraftSelection: () => void;
  /** The inline "Delete N rows?" is showing (the Delete button or key asked). */
  draftConfirmDelete: boolean;
  askDeleteSelectedDraftRows: () => void;
  cancelDeleteDraftRows: () => void;
  /** Deletes the ticked rows; called by the confirm, never straight from a key. */
  deleteSelectedDraftRows: () => Promise<void>;
  /**
   * The last delete, which Undo puts back (restoreDraftRows), until the next change of the
   * draft, the next delete, or the draft is closed.
   */
  draftUndo: { rowNos: number[] } | null;
  undoDraftDelete: () => Promise<void>;
  addDraftRow: () => Promise<void>;
  discardDraft: () => Promise<boolean>;
  setActiveDraftRow: (rowNo: number | null) => void;
  /** Resolves once every edit sent so far has been answered. */
  settleDraftEdits: () => Promise<void>;
};

function pagesOf(range: { start: number; end: number }): number[] {
  const first = Math.floor(range.start / DRAFT_ROWS_PAGE_SIZE);
  const last = Math.floor(Math.max(range.end - 1, range.start) / DRAFT_ROWS_PAGE_SIZE);
  const pages: number[] = [];
  for (let page = first; page <= last; page += 1) pages.push(page);
  return pages;
}

function withoutKey<T>(record: Record<number, T>, key: number): Record<number, T> {
  const kept: Record<number, T> = {};
  for (const [entry, value] of Object.entries(record)) {
    if (Number(entry) !== key) kept[Number(entry)] = value;
  }
  return kept;
}

/** The row with this rowNo among the cached pages, if any. */
export function findDraftRow(
  pages: Record<number, DraftRow[]>,
  rowNo: number,
): DraftRow | undefined {
  for (const rows of Object.values(pages)) {
    const row = rows.find((entry) => entry.rowNo === rowNo);
    if (row) return row;
  }
  return undefined;
}

const CLOSED: Pick<
  DraftsSlice,
  | 'draft'
  | 'draftError'
  | 'draftFilter'
  | 'draftRowsTotal'
  | 'draftRowPages'
  | 'draftRowLabels'
  | 'draftRowsRange'
  | 'draftRowsError'
  | 'draftSelection'
  | 'draftSavingRows'
  | 'draftRowErrors'
  | 'draftActiveRowNo'
  | 'draftBusy'
  | 'draftActionError'
  | 'draftScrollRequest'
  | 'draftConfirmDelete'
  | 'draftUndo'
  | 'draftSearch'
  | 'draftSearchApplied'
  | 'draftSelectAll'
> = {
  draft: null,
  draftError: null,
  draftFilter: 'all',
  draftRowsTotal: null,
  draftRowPages: {},
  draftRowLabels: {},
  draftRowsRange: { start: 0, end: 0 },
  draftRowsError: null,
  draftSelection: {},
  draftSavingRows: {},
  draftRowErrors: {},
  draftActiveRowNo: null,
  draftBusy: false,
  draftActionError: null,
  draftScrollRequest: null,
  draftConfirmDelete: false,
  draftUndo: null,
  draftSearch: '',
  draftSearchApplied: '',
  draftSelectAll: null,
};

/** Typing in the search box asks main once the typing pauses. */
const SEARCH_DELAY_MS = 250;

/** How many rows the selection holds: ticked ones, or all matching but the unticked. */
export function draftSelectedCount(
  state: Pick<DraftsSlice, 'draftSelection' | 'draftSelectAll' | 'draftRowsTotal'>,
): number {
  if (state.draftSelectAll !== null) {
    return Math.max(
      0,
      (state.draftRowsTotal ?? 0) - Object.keys(state.draftSelectAll.except).length,
    );
  }
  return Object.keys(state.draftSelection).length;
}

/** Whether this row is in the selection. */
export function isDraftRowSelected(
  state: Pick<DraftsSlice, 'draftSelection' | 'draftSelectAll'>,
  rowNo: number,
): boolean {
  return state.draftSelectAll !== null
    ? !(rowNo in state.draftSelectAll.except)
    : rowNo in state.draftSelection;
}

export const createDraftsSlice: SliceCreator<DraftsSlice> = (set, get) => {
  const inFlight = new Set<string>();
  const edits = new Set<Promise<unknown>>();
  let afterEditTimer: ReturnType<typeof setTimeout> | undefined;
  let scrollSeq = 0;
  let searchTimer: ReturnType<typeof setTimeout> | undefined;

  function query(page: number): DeskArgument<'getDraftRows'> | null {
    const { openDraftId, draftFilter, draftSearchApplied } = get();
    if (openDraftId === null) return null;
    return {
      draftId: openDraftId,
      offset: page * DRAFT_ROWS_PAGE_SIZE,
      limit: DRAFT_ROWS_PAGE_SIZE,
      ...(draftFilter === 'all' ? {} : { verdict: draftFilter }),
      ...(draftSearchApplied === '' ? {} : { search: draftSearchApplied }),
    };
  }

  function prune(pages: Record<number, DraftRow[]>): Record<number, DraftRow[]> {
    const visible = pagesOf(get().draftRowsRange);
    const low = (visible[0] ?? 0) - KEEP_PAGES_AROUND;
    const high = (visible.at(-1) ?? 0) + KEEP_PAGES_AROUND;
    const kept: Record<number, DraftRow[]> = {};
    for (const [key, rows] of Object.entries(pages)) {
      const page = Number(key);
      if (page >= low && page <= high) kept[page] = rows;
    }
    return kept;
  }

  async function fetchPage(page: number): Promise<void> {
    const request = query(page);
    if (request === null) return;
    const generation = get().draftRowsGeneration;
    const key = `${generation}:${page}`;
    if (inFlight.has(key)) return;
    inFlight.add(key);
    try {
      const result = await draftsService.rows(request);
      if (get().draftRowsGeneration !== generation) return;
      if (!result.ok) {
        set({ draftRowsError: result.error });
        return;
      }
      set((state) => ({
        draftRowsError: null,
        draftRowsTotal: result.value.total,
        draftRowPages: prune({ ...state.draftRowPages, [page]: result.value.rows }),
        draftRowLabels: { ...state.draftRowLabels, ...result.value.labels },
      }));
      ensurePages();
    } finally {
      inFlight.delete(key);
    }
  }

  function ensurePages(): void {
    const { draftRowPages, draftRowsTotal, draftRowsRange } = get();
    const wanted = draftRowsTotal === null ? [0] : pagesOf(draftRowsRange);
    for (const page of wanted) {
      if (draftRowsTotal !== null && page * DRAFT_ROWS_PAGE_SIZE >= draftRowsTotal && page > 0) {
        continue;
      }
      if (!(page in draftRowPages)) void fetchPage(page);
    }
  }

  function restartRows(patch: Partial<DraftsSlice> = {}): void {
    set((state) => ({
      ...patch,
      draftRowsGeneration: state.draftRowsGeneration + 1,
      draftRowsTotal: null,
      draftRowPages: {},
      draftRowLabels: {},
      draftRowsError: null,
      draftRowsRange: { start: 0, end: 0 },
    }));
    ensurePages();
  }

  function replaceRow(row: DraftRow): void {
    set((state) => {
      const pages: Record<number, DraftRow[]> = {};
      let before: DraftRow | undefined;
      for (const rows of Object.values(state.draftRowPages)) {
        before ??= rows.find((entry) => entry.rowNo === row.rowNo);
      }
      for (const [key, rows] of Object.entries(state.draftRowPages)) {
        pages[Number(key)] = rows.map((entry) => (entry.rowNo === row.rowNo ? row : entry));
      }
      const addressChanged =
        before !== undefined &&
        (before.address !== row.address || before.currency !== row.currency);
      // A label belongs to the address it was given for: another address shows none until the
      // rows are read again.
      return addressChanged
        ? { draftRowPages: pages, draftRowLabels: withoutKey(state.draftRowLabels, row.rowNo) }
        : { draftRowPages: pages };
    });
  }

  /** Main's answer to a change of one row: the row and summary it saved, or why not. */
  function applyRowAnswer(
    rowNo: number,
    result: DeskResult<{ row: DraftRow; summary: DraftSummary }>,
  ): void {
    set((state) => ({
      draftRowErrors: result.ok
        ? withoutKey(state.draftRowErrors, rowNo)
        : { ...state.draftRowErrors, [rowNo]: result.error },
    }));
    if (!result.ok) return;
    replaceRow(result.value.row);
    setSummary(result.value.summary);
    afterEdit();
  }

  function setSummary(summary: DraftSummary): void {
    set((state) => ({
      draft: state.openDraftId === summary.id ? summary : state.draft,
      draftsList:
        state.draftsList === null
          ? null
          : state.draftsList.some((entry) => entry.id === summary.id)
            ? state.draftsList.map((entry) => (entry.id === summary.id ? summary : entry))
            : [summary, ...state.draftsList],
    }));
  }

  /**
   * Other rows' duplicate warnings follow an edit, a moment later. The counts and the batch
   * plan need nothing more: they are the summary the edit answered with (docs/drafts.md);
   * the full plan is computed once, by the review step.
   */
  function afterEdit(): void {
    clearTimeout(afterEditTimer);
    afterEditTimer = setTimeout(() => {
      afterEditTimer = undefined;
      // Under a verdict filter or a search, an edited row stays in view until they change.
      if (get().draftFilter === 'all' && get().draftSearchApplied === '') {
        void get().refreshDraftRows();
      }
    }, AFTER_EDIT_REFRESH_MS);
  }

  async function loadSummary(draftId: string): Promise<void> {
    const result = await draftsService.get(draftId);
    if (get().openDraftId !== draftId) return;
    if (result.ok) {
      setSummary(result.value);
      set({ draftError: null });
    } else {
      set({ draftError: result.error });
    }
  }

  return {
    draftsList: null,
    draftsListError: null,
    openDraftId: null,
    draftRowsGeneration: 0,
    draftShowFileColumns: true,
    ...CLOSED,

    setDraftShowFileColumns: (shown) => {
      set({ draftShowFileColumns: shown });
    },

    loadDrafts: async () => {
      const profileId = get().activeProfileId;
      if (profileId === null) return;
      const result = await draftsService.list(profileId);
      if (get().activeProfileId !== profileId) return;
      if (result.ok) set({ draftsList: result.value, draftsListError: null });
      else set({ draftsListError: result.error });
    },

    showCreatedDraft: (summary) => {
      setSummary(summary);
      get().openDraft(summary.id);
      get().navigate('drafts');
    },

    openDraft: (draftId) => {
      clearTimeout(afterEditTimer);
      clearTimeout(searchTimer);
      const known = get().draftsList?.find((entry) => entry.id === draftId) ?? null;
      set({ openDraftId: draftId, ...CLOSED, draft: known });
      get().resetDraftSubmission();
      restartRows();
      void (async () => {
        await loadSummary(draftId);
        const draft = get().draft;
        if (draft === null || get().openDraftId !== draftId) return;
        // A draft being edited shows its plan from its summary; the review step plans it.
        if (draft.state !== 'editing') await get().refreshDraftBatches();
      })();
    },

    closeDraft: () => {
      clearTimeout(afterEditTimer);
      clearTimeout(searchTimer);
      set({ openDraftId: null, ...CLOSED });
      get().resetDraftSubmission();
      void get().loadDrafts();
    },

    reloadDraft: async () => {
      const draftId = get().openDraftId;
      if (draftId !== null) await loadSummary(draftId);
    },

    setDraftFilter: (filter) => {
      if (get().draftFilter === filter) return;
      restartRows({
        draftFilter: filter,
        draftSelection: {},
        draftSelectAll: null,
        draftConfirmDelete: false,
      });
    },

    setDraftSearch: (text) => {
      set({ draftSearch: text });
      clearTimeout(searchTimer);
      searchTimer = setTimeout(() => {
        searchTimer = undefined;
        const applied = get().draftSearch.trim();
        if (applied === get().draftSearchApplied) return;
        // Another set of rows: a selection of the old one would delete what is not shown.
        restartRows({
          draftSearchApplied: applied,
          draftSelection: {},
          draftSelectAll: null,
          draftConfirmDelete: false,
        });
      }, SEARCH_DELAY_MS);
    },

    setDraftSelectAll: (selected) => {
      set({
        draftSelectAll: selected ? { except: {} } : null,
        draftSelection: {},
        draftConfirmDelete: false,
      });
    },

    setDraftRowsRange: (start, end) => {
      const range = get().draftRowsRange;
      if (range.start === start && range.end === end) return;
      set({ draftRowsRange: { start, end } });
      ensurePages();
    },

    refreshDraftRows: async () => {
      const { openDraftId, draftRowsGeneration: generation, draftRowsTotal } = get();
      if (openDraftId === null) return;
      const pages = draftRowsTotal === null ? [0] : pagesOf(get().draftRowsRange);
      const requests = pages.map(query).filter((request) => request !== null);
      const results = await Promise.all(requests.map((request) => draftsService.rows(request)));
      if (get().draftRowsGeneration !== generation || get().openDraftId !== openDraftId) return;
      const fresh: Record<number, DraftRow[]> = {};
      const labels: Record<number, string> = {};
      let total: number | null = null;
      for (const [index, result] of results.entries()) {
        if (!result.ok) {
          set({ draftRowsError: result.error });
          return;
        }
        const page = pages[index];
        if (page !== undefined) fresh[page] = result.value.rows;
        Object.assign(labels, result.value.labels);
        total = result.value.total;
      }
      set({
        draftRowsError: null,
        draftRowsTotal: total,
        draftRowPages: fresh,
        draftRowLabels: labels,
      });
      ensurePages();
    },

    saveDraftRow: async (rowNo, patch) => {
      const draftId = get().openDraftId;
      if (draftId === null || get().draft?.state !== 'editing') return;
      // A change after a delete: its undo would no longer put the draft back as it was.
      set((state) => ({
        draftSavingRows: { ...state.draftSavingRows, [rowNo]: true },
        draftUndo: null,
      }));
      const pending = draftsService.updateRow({ draftId, rowNo, ...patch });
      edits.add(pending);
      const result = await pending.finally(() => edits.delete(pending));
      if (get().openDraftId !== draftId) return;
      set((state) => ({ draftSavingRows: withoutKey(state.draftSavingRows, rowNo) }));
      applyRowAnswer(rowNo, result);
    },

    acceptDraftRowLookalike: async (rowNo) => {
      const draftId = get().openDraftId;
      if (draftId === null || get().draft?.state !== 'editing') return;
      await get().settleDraftEdits();
      set({ draftUndo: null });
      const result = await draftsService.acceptRisk({ draftId, rowNo, risk: 'ADDRESS_LOOKALIKE' });
      if (get().openDraftId !== draftId) return;
      applyRowAnswer(rowNo, result);
    },

    setDraftRowSelected: (rowNo, selected) => {
      const all = get().draftSelectAll;
      if (all !== null) {
        set({
          draftSelectAll: {
            except: selected ? withoutKey(all.except, rowNo) : { ...all.except, [rowNo]: true },
          },
        });
        return;
      }
      set((state) => ({
        draftSelection: selected
          ? { ...state.draftSelection, [rowNo]: true }
          : withoutKey(state.draftSelection, rowNo),
      }));
    },

    clearDraftSelection: () => {
      set({ draftSelection: {}, draftSelectAll: null });
    },

    askDeleteSelectedDraftRows: () => {
      const { draftBusy, draft } = get();
      if (draftBusy || draft?.state !== 'editing' || draftSelectedCount(get()) === 0) return;
      set({ draftConfirmDelete: true });
    },

    cancelDeleteDraftRows: () => {
      set({ draftConfirmDelete: false });
    },

    deleteSelectedDraftRows: async () => {
      const { openDraftId: draftId, draftSelection, draftSelectAll, draftBusy } = get();
      const rowNos = Object.keys(draftSelection).map(Number);
      set({ draftConfirmDelete: false });
      if (draftId === null || draftBusy || draftSelectedCount(get()) === 0) return;
      set({ draftBusy: true, draftActionError: null, draftUndo: null });
      await get().settleDraftEdits();
      const { draftFilter, draftSearchApplied } = get();
      // Select all is deleted in main, by the filter and search: rows not loaded included.
      const result =
        draftSelectAll !== null
          ? await draftsService.deleteMatching({
              draftId,
              ...(draftFilter === 'all' ? {} : { verdict: draftFilter }),
              ...(draftSearchApplied === '' ? {} : { search: draftSearchApplied }),
              exceptRowNos: Object.keys(draftSelectAll.except).map(Number),
            })
          : await draftsService
              .deleteRows(draftId, rowNos)
              .then((answer) =>
                answer.ok
                  ? { ok: true as const, value: { summary: answer.value, deletedRowNos: rowNos } }
                  : answer,
              );
      if (get().openDraftId !== draftId) return;
      set({ draftBusy: false });
      if (!result.ok) {
        set({ draftActionError: result.error });
        return;
      }
      setSummary(result.value.summary);
      set({
        draftSelection: {},
        draftSelectAll: null,
        draftActiveRowNo: null,
        draftUndo: { rowNos: [...result.value.deletedRowNos].sort((a, b) => a - b) },
      });
      await get().refreshDraftRows();
    },

    undoDraftDelete: async () => {
      const { openDraftId: draftId, draftUndo, draftBusy } = get();
      if (draftId === null || draftUndo === null || draftBusy) return;
      set({ draftBusy: true, draftActionError: null });
      await get().settleDraftEdits();
      const result = await draftsService.restoreRows(draftId, draftUndo.rowNos);
      if (get().openDraftId !== draftId) return;
      set({ draftBusy: false, draftUndo: null });
      if (!result.ok) {
        set({ draftActionError: result.error });
        return;
      }
      setSummary(result.value);
      await get().refreshDraftRows();
    },

    addDraftRow: async () => {
      const draftId = get().openDraftId;
      if (draftId === null || get().draftBusy) return;
      set({ draftBusy: true, draftActionError: null, draftUndo: null });
      const result = await draftsService.addRow(draftId);
      if (get().openDraftId !== draftId) return;
      set({ draftBusy: false });
      if (!result.ok) {
        set({ draftActionError: result.error });
        return;
      }
      setSummary(result.value.summary);
      if (get().draftFilter !== 'all' || get().draftSearchApplied !== '') {
        // The new row is empty: it shows only among all rows, unsearched.
        restartRows({
          draftFilter: 'all',
          draftSearch: '',
          draftSearchApplied: '',
          draftSelection: {},
          draftSelectAll: null,
        });
      } else {
        await get().refreshDraftRows();
      }
      scrollSeq += 1;
      // Rows are ordered by rowNo: a new row is the last one.
      set({
        draftActiveRowNo: result.value.row.rowNo,
        draftScrollRequest: {
          index: result.value.summary.rowCount - 1,
          rowNo: result.value.row.rowNo,
          seq: scrollSeq,
        },
      });
    },

    discardDraft: async () => {
      const draftId = get().openDraftId;
      if (draftId === null || get().draftBusy) return false;
      set({ draftBusy: true, draftActionError: null });
      const result = await draftsService.discard(draftId);
      if (get().openDraftId !== draftId) return false;
      set({ draftBusy: false });
      if (!result.ok) {
        set({ draftActionError: result.error });
        return false;
      }
      set((state) => ({
        draftsList: state.draftsList?.filter((entry) => entry.id !== draftId) ?? null,
      }));
      get().closeDraft();
      return true;
    },

    setActiveDraftRow: (rowNo) => {
      if (get().draftActiveRowNo !== rowNo) set({ draftActiveRowNo: rowNo });
    },

    settleDraftEdits: async () => {
      await Promise.allSettled([...edits]);
    },
  };
};
