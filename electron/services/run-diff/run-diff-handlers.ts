/**
 * The run-diff methods of the handler table (docs/run-diff.md): the earlier runs a draft can
 * be compared with, the comparison, its CSV, and "Repeat this run".
 */
import type { Backups } from '../db';
import type { HandlerPart } from '../ipc/handler-table';
import type { MassDrafts } from '../payouts/mass-drafts';
import type { RunDiffService } from './run-diff-service';

export type RunDiffMethod = 'listRunBaselines' | 'compareDraft' | 'exportRunDiff' | 'repeatDraft';

export function createRunDiffHandlers(deps: {
  runDiff: RunDiffService;
  massDrafts: Pick<MassDrafts, 'repeat'>;
  backups: Pick<Backups, 'backupSoon'>;
}): HandlerPart<RunDiffMethod> {
  return {
    listRunBaselines: ({ draftId }) => deps.runDiff.baselines(draftId),
    compareDraft: ({ draftId, baseline }) => deps.runDiff.compare(draftId, baseline.draftId),
    exportRunDiff: ({ draftId, baseline }) => deps.runDiff.exportCsv(draftId, baseline.draftId),
    repeatDraft: (input) => {
      const summary = deps.massDrafts.repeat(input);
      deps.backups.backupSoon('draft repeated');
      return summary;
    },
  };
}
