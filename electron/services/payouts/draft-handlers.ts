/**
 * The draft methods of the handler table (mass payouts from a file): the draft and its rows,
 * the review, the one Submit and what follows it, and the column mapping remembered per
 * header. After a submit the history is synced and the cache backed up, as after a single
 * payout.
 */
import type { ColumnMappingInput } from '../../../shared/import';
import { DESK_SCHEMAS } from '../../../shared/ipc';
import type { Backups } from '../db';
import type { HandlerPart } from '../ipc/handler-table';
import type { ProfilesService } from '../profiles/profiles-service';
import type { SyncScheduler } from '../sync';
import type { DraftImports } from './draft-imports';
import type { FileReadings } from './file-readings';
import type { MassDrafts } from './mass-drafts';

export type DraftMethod =
  | 'createDraft'
  | 'readPayoutFile'
  | 'rereadPayoutFile'
  | 'createDraftFromReading'
  | 'listDrafts'
  | 'getDraft'
  | 'getDraftRows'
  | 'updateDraftRow'
  | 'acceptDraftRowRisk'
  | 'addDraftRow'
  | 'deleteDraftRows'
  | 'deleteMatchingDraftRows'
  | 'restoreDraftRows'
  | 'discardDraft'
  | 'reviewDraft'
  | 'submitDraft'
  | 'getDraftBatches'
  | 'retryFailedRows'
  | 'exportReconciliation'
  | 'recallMapping'
  | 'getImportHistory'
  | 'startDraftImport'
  | 'appendDraftImportRows'
  | 'finishDraftImport'
  | 'cancelDraftImport';

export type DraftHandlerDeps = {
  massDrafts: MassDrafts;
  /** Large files, created in pages (docs/import.md). */
  draftImports: DraftImports;
  /** Files the desk reads itself, and drafts made from those readings (docs/import.md). */
  fileReadings: FileReadings;
  profiles: Pick<ProfilesService, 'requireProfile'>;
  scheduler: Pick<SyncScheduler, 'syncNow'>;
  backups: Pick<Backups, 'backupSoon'>;
};

/** A stored mapping that no longer fits the contract is forgotten, not passed on. */
export function rememberedMapping(stored: unknown): ColumnMappingInput | null {
  const parsed = DESK_SCHEMAS.createDraft.shape.mapping.safeParse(stored);
  return parsed.success ? (parsed.data ?? null) : null;
}

export function createDraftHandlers({
  massDrafts,
  draftImports,
  fileReadings,
  profiles,
  scheduler,
  backups,
}: DraftHandlerDeps): HandlerPart<DraftMethod> {
  return {
    createDraft: (input) => {
      profiles.requireProfile(input.profileId);
      return massDrafts.create(input);
    },
    readPayoutFile: (input) => {
      profiles.requireProfile(input.profileId);
      return fileReadings.read(input);
    },
    rereadPayoutFile: (input) => fileReadings.reread(input),
    createDraftFromReading: (input) => {
      profiles.requireProfile(input.profileId);
      return fileReadings.createDraft(input);
    },
    startDraftImport: (input) => {
      profiles.requireProfile(input.profileId);
      return draftImports.start(input);
    },
    appendDraftImportRows: (page) => draftImports.append(page),
    finishDraftImport: (input) => {
      const summary = draftImports.finish(input);
      backups.backupSoon('draft imported');
      return summary;
    },
    cancelDraftImport: (input) => draftImports.cancel(input),
    listDrafts: ({ profileId }) => {
      profiles.requireProfile(profileId);
      return massDrafts.list(profileId);
    },
    getDraft: ({ draftId }) => massDrafts.get(draftId),
    getDraftRows: (input) => massDrafts.rows(input),
    updateDraftRow: (input) => massDrafts.updateRow(input),
    acceptDraftRowRisk: (input) => massDrafts.acceptRowRisk(input),
    addDraftRow: ({ draftId }) => massDrafts.addRow(draftId),
    deleteDraftRows: ({ draftId, rowNos }) => massDrafts.deleteRows(draftId, rowNos),
    deleteMatchingDraftRows: (input) => massDrafts.deleteMatchingRows(input),
    restoreDraftRows: (input) => massDrafts.restoreRows(input),
    discardDraft: ({ draftId }) => massDrafts.discard(draftId),
    reviewDraft: ({ draftId }) => massDrafts.review(draftId),
    submitDraft: async ({ draftId, fingerprint }) => {
      try {
        const batches = await massDrafts.submit(draftId, fingerprint);
        void scheduler.syncNow(massDrafts.get(draftId).profileId);
        return batches;
      } finally {
        backups.backupSoon('draft submitted');
      }
    },
    getDraftBatches: ({ draftId }) => massDrafts.batches(draftId),
    retryFailedRows: ({ draftId }) => massDrafts.retryFailedRows(draftId),
    exportReconciliation: (input) => massDrafts.exportReconciliation(input),
    recallMapping: ({ headerSignature }) => ({
      mapping: rememberedMapping(massDrafts.recallMapping(headerSignature)),
    }),
    getImportHistory: (input) => {
      profiles.requireProfile(input.profileId);
      return massDrafts.importHistory(input.profileId);
    },
  };
}
