/**
 * "What changed since the last run" for the open draft, and "Repeat this run"
 * (docs/run-diff.md). Every answer carries the draft and baseline it was asked for, so one
 * answered after the person moved on (another draft, another baseline) is dropped.
 */
import type { DeskError } from '../../../../shared/ipc';
import type { RunBaselines, RunComparison } from '../../../../shared/run-diff';
import { runDiffService } from '../../services/desk-service';
import type { SliceCreator } from '../../stores/types';

export type RunDiffSlice = {
  /** The draft the panel is about; its baselines and comparison belong to it. */
  runDiffDraftId: string | null;
  runBaselines: RunBaselines | null;
  /** The chosen baseline: the default until the person picks another. */
  runBaselineId: string | null;
  runComparison: RunComparison | null;
  runDiffLoading: boolean;
  runDiffError: DeskError | null;
  runRepeatBusy: boolean;
  /** A refused "Repeat this run", with the draft it was asked for. */
  runRepeatError: { draftId: string; error: DeskError } | null;
  /** Lists the draft's earlier runs (once per draft) and compares it with the chosen one. */
  loadRunDiff: (draftId: string) => Promise<void>;
  chooseRunBaseline: (baselineId: string) => Promise<void>;
  exportRunDiff: () => Promise<{ fileName: string; csv: string; rowCount: number } | DeskError>;
  /** A new draft from `draftId`'s rows, opened at once. */
  repeatRun: (draftId: string) => Promise<void>;
};

export const createRunDiffSlice: SliceCreator<RunDiffSlice> = (set, get) => {
  async function compare(draftId: string, baselineId: string): Promise<void> {
    set({ runDiffLoading: true });
    const result = await runDiffService.compare(draftId, baselineId);
    const { runDiffDraftId, runBaselineId } = get();
    if (runDiffDraftId !== draftId || runBaselineId !== baselineId) return;
    set(
      result.ok
        ? { runComparison: result.value, runDiffError: null, runDiffLoading: false }
        : { runDiffError: result.error, runDiffLoading: false },
    );
  }

  return {
    runDiffDraftId: null,
    runBaselines: null,
    runBaselineId: null,
    runComparison: null,
    runDiffLoading: false,
    runDiffError: null,
    runRepeatBusy: false,
    runRepeatError: null,

    loadRunDiff: async (draftId) => {
      if (get().runDiffDraftId !== draftId) {
        set({
          runDiffDraftId: draftId,
          runBaselines: null,
          runBaselineId: null,
          runComparison: null,
          runDiffError: null,
        });
      }
      // The list of earlier runs does not move while this draft is open; the draft does.
      let baselines = get().runBaselines;
      if (baselines === null) {
        set({ runDiffLoading: true });
        const listed = await runDiffService.baselines(draftId);
        if (get().runDiffDraftId !== draftId) return;
        if (!listed.ok) {
          set({ runDiffError: listed.error, runDiffLoading: false });
          return;
        }
        baselines = listed.value;
        set({ runBaselines: baselines, runBaselineId: baselines.defaultDraftId });
      }
      const baselineId = get().runBaselineId;
      if (baselineId === null) {
        set({ runDiffLoading: false, runDiffError: null });
        return;
      }
      await compare(draftId, baselineId);
    },

    chooseRunBaseline: async (baselineId) => {
      const draftId = get().runDiffDraftId;
      if (draftId === null) return;
      set({ runBaselineId: baselineId, runComparison: null, runDiffError: null });
      await compare(draftId, baselineId);
    },

    exportRunDiff: async () => {
      const { runDiffDraftId: draftId, runBaselineId: baselineId } = get();
      if (draftId === null || baselineId === null) {
        return { code: 'VALIDATION', message: 'Choose an earlier run to compare with first.' };
      }
      const result = await runDiffService.export(draftId, baselineId);
      return result.ok ? result.value : result.error;
    },

    repeatRun: async (draftId) => {
      if (get().runRepeatBusy) return;
      set({ runRepeatBusy: true, runRepeatError: null });
      const result = await runDiffService.repeat(draftId);
      set({ runRepeatBusy: false });
      if (!result.ok) {
        set({ runRepeatError: { draftId, error: result.error } });
        return;
      }
      get().showCreatedDraft(result.value);
    },
  };
};
