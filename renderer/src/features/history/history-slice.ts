/**
 * The history list: filters, sort, and a sparse cache of fixed-size pages around what the
 * list shows. The list reports its visible range; the slice fetches only the pages that
 * range touches, and `total` (from main) sizes the scroll area. A refresh re-reads the
 * visible pages in place so new and changed items appear without the list jumping.
 */
import type { HistorySortField, HistoryItem } from '../../../../shared/history';
import type { DeskError, DeskResult, DeskResults } from '../../../../shared/ipc';
import {
  buildHistoryQuery,
  DEFAULT_FILTERS,
  DEFAULT_SORT,
  type HistoryFilters,
  type HistorySort,
} from '../../lib/history-query';
import { historyService } from '../../services/desk-service';
import { exportNotice } from '../../stores/notices-slice';
import { HISTORY_OBJECT } from '../../stores/scope';
import type { SliceCreator } from '../../stores/types';

export const HISTORY_PAGE_SIZE = 200;
/** Pages kept beyond the visible ones; farther pages are dropped and re-read if needed. */
const KEEP_PAGES_AROUND = 4;

export type HistorySlice = {
  historyFilters: HistoryFilters;
  historySort: HistorySort;
  /** Rows matching the filters; null until the first page answered. */
  historyTotal: number | null;
  historyPages: Record<number, HistoryItem[]>;
  /** Bumped whenever the query changes: the list scrolls back to the top. */
  historyGeneration: number;
  historyError: DeskError | null;
  historyRange: { start: number; end: number };
  historyExporting: boolean;
  setHistoryFilters: (patch: Partial<HistoryFilters>) => void;
  resetHistoryFilters: () => void;
  sortHistoryBy: (field: HistorySortField) => void;
  setHistoryRange: (start: number, end: number) => void;
  reloadHistory: () => void;
  refreshHistory: () => Promise<void>;
  exportHistory: () => Promise<DeskResult<DeskResults['exportHistory']> | null>;
};

function pagesOf(range: { start: number; end: number }): number[] {
  const first = Math.floor(range.start / HISTORY_PAGE_SIZE);
  const last = Math.floor(Math.max(range.end - 1, range.start) / HISTORY_PAGE_SIZE);
  const pages: number[] = [];
  for (let page = first; page <= last; page += 1) pages.push(page);
  return pages;
}

export const createHistorySlice: SliceCreator<HistorySlice> = (set, get) => {
  const inFlight = new Set<string>();
  let refreshing: Promise<void> | undefined;
  let refreshAgain = false;
  const wantsAnotherPass = () => refreshAgain;

  function currentQuery() {
    const { activeProfileId, historyFilters, historySort } = get();
    if (activeProfileId === null) return null;
    return buildHistoryQuery(activeProfileId, historyFilters, historySort);
  }

  function prune(pages: Record<number, HistoryItem[]>): Record<number, HistoryItem[]> {
    const visible = pagesOf(get().historyRange);
    const low = (visible[0] ?? 0) - KEEP_PAGES_AROUND;
    const high = (visible.at(-1) ?? 0) + KEEP_PAGES_AROUND;
    const kept: Record<number, HistoryItem[]> = {};
    for (const [key, items] of Object.entries(pages)) {
      const page = Number(key);
      if (page >= low && page <= high) kept[page] = items;
    }
    return kept;
  }

  async function fetchPage(page: number): Promise<void> {
    const query = currentQuery();
    if (query === null) return;
    const generation = get().historyGeneration;
    const key = `${generation}:${page}`;
    if (inFlight.has(key)) return;
    inFlight.add(key);
    try {
      const result = await historyService.query({
        ...query,
        offset: page * HISTORY_PAGE_SIZE,
        limit: HISTORY_PAGE_SIZE,
      });
      if (get().historyGeneration !== generation) return;
      if (!result.ok) {
        set({ historyError: result.error });
        return;
      }
      set((state) => ({
        historyError: null,
        historyTotal: result.value.total,
        historyPages: prune({ ...state.historyPages, [page]: result.value.items }),
      }));
      // The first answer tells the total: the rest of the visible range can now be read.
      ensurePages();
    } finally {
      inFlight.delete(key);
    }
  }

  function ensurePages(): void {
    const { historyPages, historyTotal, historyRange } = get();
    const wanted = historyTotal === null ? [0] : pagesOf(historyRange);
    for (const page of wanted) {
      if (historyTotal !== null && page * HISTORY_PAGE_SIZE >= historyTotal && page > 0) continue;
      if (!(page in historyPages)) void fetchPage(page);
    }
  }

  async function refreshOnce(): Promise<void> {
    const query = currentQuery();
    if (query === null) return;
    const generation = get().historyGeneration;
    const pages = get().historyTotal === null ? [0] : pagesOf(get().historyRange);
    const results = await Promise.all(
      pages.map((page) =>
        historyService.query({
          ...query,
          offset: page * HISTORY_PAGE_SIZE,
          limit: HISTORY_PAGE_SIZE,
        }),
      ),
    );
    if (get().historyGeneration !== generation) return;
    const fresh: Record<number, HistoryItem[]> = {};
    let total: number | null = null;
    for (const [index, result] of results.entries()) {
      if (!result.ok) {
        set({ historyError: result.error });
        return;
      }
      const page = pages[index];
      if (page !== undefined) fresh[page] = result.value.items;
      total = result.value.total;
    }
    // Everything outside the refreshed pages may have shifted: drop it, it is re-read on scroll.
    set({ historyError: null, historyTotal: total, historyPages: fresh });
    ensurePages();
  }

  function restart(patch: Partial<HistorySlice>): void {
    set((state) => ({
      ...patch,
      historyGeneration: state.historyGeneration + 1,
      historyTotal: null,
      historyPages: {},
      historyError: null,
      historyRange: { start: 0, end: 0 },
    }));
    ensurePages();
  }

  return {
    historyFilters: DEFAULT_FILTERS,
    historySort: DEFAULT_SORT,
    historyTotal: null,
    historyPages: {},
    historyGeneration: 0,
    historyError: null,
    historyRange: { start: 0, end: 0 },
    historyExporting: false,

    setHistoryFilters: (patch) => {
      restart({ historyFilters: { ...get().historyFilters, ...patch } });
    },

    resetHistoryFilters: () => {
      restart({ historyFilters: DEFAULT_FILTERS });
    },

    sortHistoryBy: (field) => {
      const current = get().historySort;
      const direction =
        current.field === field
          ? current.direction === 'asc'
            ? 'desc'
            : 'asc'
          : field === 'date' || field === 'amount'
            ? 'desc'
            : 'asc';
      restart({ historySort: { field, direction } });
    },

    setHistoryRange: (start, end) => {
      const range = get().historyRange;
      if (range.start === start && range.end === end) return;
      set({ historyRange: { start, end } });
      ensurePages();
    },

    reloadHistory: () => {
      restart({});
    },

    refreshHistory: async () => {
      if (refreshing) {
        refreshAgain = true;
        return refreshing;
      }
      refreshing = (async () => {
        for (;;) {
          refreshAgain = false;
          await refreshOnce();
          // Events that arrived during the pass asked for one more.
          if (!wantsAnotherPass()) break;
        }
      })().finally(() => {
        refreshing = undefined;
      });
      return refreshing;
    },

    exportHistory: async () => {
      const query = currentQuery();
      if (query === null || get().historyExporting) return null;
      get().setNotice(query.profileId, HISTORY_OBJECT, 'export', null);
      set({ historyExporting: true });
      try {
        const result = await historyService.export(query);
        get().setNotice(query.profileId, HISTORY_OBJECT, 'export', exportNotice(result));
        return result;
      } finally {
        set({ historyExporting: false });
      }
    },
  };
};
