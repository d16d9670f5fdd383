/**
 * Composes the services into the DeskApi handler table. This is everything main knows,
 * assembled without Electron: the Electron glue and the browser host both serve these same
 * handlers through `dispatch`, and the tests build it directly with a real SQLite file, a
 * real keychain and a real simulator.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Balance } from '../../shared/calypso/types';
import { estimateDebit } from '../../shared/debit-estimate';
import {
  DESK_SCHEMAS,
  type DeskError,
  type DeskEventName,
  type DeskEvents,
} from '../../shared/ipc';
import { addressRiskProblems } from '../../shared/address-risk';
import { normalizeDecimal } from '../../shared/money';
import { findCurrency } from '../../shared/networks';
import { checkCurrency } from '../../shared/payout-rules';
import {
  startSimulator,
  type MerchantCredentials,
  type RunningSimulator,
  type SimulatorOptions,
} from '../simulator';
import {
  BUILT_IN_SIMULATOR_TARGET,
  createDraftsRepo,
  createOutboxRepo,
  createPaidOrBeingPaid,
  createRecentFeePercentage,
  createPayoutsRepo,
  createProfilesRepo,
  createSearchIndexer,
  createSyncStateRepo,
  createWithdrawalsQuery,
  queryHistory,
  type OpenDatabaseOptions,
  type OutboxState,
} from './db';
import { addressBookHandlers } from './address-book/address-book-handlers';
import { createAddressBook } from './address-book/address-book-service';
import { exportAuditCsv } from './export/audit-csv';
import { exportHistoryCsv } from './export/history-csv';
import { silentLogger, type Logger } from './log';
import { createMassDrafts } from './payouts/mass-drafts';
import { createSinglePayouts } from './payouts/single-payouts';
import { createSubmission } from './payouts/submission';
import type { DeskHandlers } from './ipc/dispatch';
import { DeskFailure } from './ipc/desk-failure';
import { toDeskError } from './ipc/to-desk-error';
import { createProfilesService } from './profiles/profiles-service';
import { openRecords } from './records/open-records';
import { createHistorySync, createSyncScheduler } from './sync';
import { createCredentialVault, createKeytarStore, type SecretStore } from './vault';

/** "Paid the same address the same amount in the last 30 days" (import duplicates). */
const RECENT_PAYMENT_WINDOW_MS = 30 * 24 * 60 * 60 * 1000;

export type DeskEmit = <E extends DeskEventName>(event: E, payload: DeskEvents[E]) => void;

export type DeskOptions = {
  /** Folder for the cache database and the built-in simulator's state. */
  dataDir: string;
  emit?: DeskEmit;
  /** The OS keychain by default; tests pass the same keytar store. */
  secretStore?: SecretStore;
  /** The built-in simulator environment; `false` runs without it. */
  simulator?: false | SimulatorOptions;
  /**
   * The simulator profile points at a simulator another process runs, and none is started
   * here: the Electron e2e fixture owns its simulator, as the browser host's tests do
   * (docs/e2e.md). Ignored when `simulator` is false.
   */
  externalSimulator?: { baseUrl: string; merchant: MerchantCredentials };
  now?: () => number;
  sync?: { minIntervalMs?: number; maxIntervalMs?: number; startOnOpen?: boolean };
  /** Where main writes what happened; every field is redacted (no Key, Sign, secret, body). */
  log?: Logger;
  /** How the cache is opened (tests use it to make the disk "full"). */
  database?: OpenDatabaseOptions;
  /**
   * How long a confirmed payment that could not be sent stays "not sent" before it expires
   * and needs a new confirmation (docs/intents.md). 24 hours by default.
   */
  intentExpiryMs?: number;
};

export type Desk = {
  handlers: DeskHandlers;
  /** The built-in simulator of this run, if any (the browser host shows its address). */
  simulator: RunningSimulator | undefined;
  close(): Promise<void>;
};

/** Why an intent in this state cannot be cancelled, in words. */
function cannotCancel(state: OutboxState): string {
  switch (state) {
    case 'pending':
      return 'This payment was already sent to Calypso and may exist there: it can no longer be cancelled here. Once it appears in the history, cancel the payout itself if it is still scheduled.';
    case 'done':
      return 'Calypso has created this payout: cancel it from its details in the history if it is still scheduled.';
    case 'rejected':
      return 'Calypso refused this payout: nothing was paid, there is nothing to cancel.';
    case 'expired':
      return 'This payment expired without being sent: nothing was paid, there is nothing to cancel.';
    default:
      return `This payment is ${state}: it cannot be cancelled.`;
  }
}

export async function createDesk(options: DeskOptions): Promise<Desk> {
  const now = options.now ?? Date.now;
  const emit: DeskEmit = options.emit ?? (() => undefined);
  const log = options.log ?? silentLogger;
  mkdirSync(options.dataDir, { recursive: true });
  const secretStore = options.secretStore ?? createKeytarStore();
  // The cache (restored from a backup if damaged), the sealed audit log and the backups.
  const { db, audit, backups, notices } = await openRecords({
    dataDir: options.dataDir,
    secretStore,
    now,
    log,
    ...(options.database ? { database: options.database } : {}),
  });
  let simulator: RunningSimulator | undefined;
  try {
    if (options.simulator !== false && !options.externalSimulator) {
      simulator = await startSimulator({
        dbFile: join(options.dataDir, 'simulator.sqlite'),
        seed: 'demo',
        ...options.simulator,
      });
    }
  } catch (error) {
    await backups.close();
    db.close();
    throw error;
  }

  const builtInSimulator =
    simulator ?? (options.simulator !== false ? options.externalSimulator : undefined);
  const payouts = createPayoutsRepo(db);
  const syncState = createSyncStateRepo(db);
  const profilesRepo = createProfilesRepo(db);
  const outbox = createOutboxRepo(db, { expiryMs: options.intentExpiryMs });
  const listWithdrawals = createWithdrawalsQuery(db);
  const searchIndexer = createSearchIndexer(db);
  const paidOrBeingPaid = createPaidOrBeingPaid(db);
  const recentFeePercentage = createRecentFeePercentage(db);
  const drafts = createDraftsRepo(db);
  const profiles = createProfilesService({
    profiles: profilesRepo,
    vault: createCredentialVault(secretStore),
    audit,
    now,
    ...(builtInSimulator
      ? { simulator: { baseUrl: builtInSimulator.baseUrl, ...builtInSimulator.merchant } }
      : {}),
    useOf: (profileId) => {
      const states = drafts.list(profileId).map((draft) => draft.state);
      return {
        unresolvedIntents: outbox.unresolvedCount(profileId),
        submittingDrafts: states.filter((state) => state === 'submitting').length,
        editingDrafts: states.filter((state) => state === 'editing').length,
      };
    },
  });
  const historySync = createHistorySync({
    payouts,
    syncState,
    now,
    onProgress: (progress) => {
      emit('syncProgress', progress);
    },
    sentFromApp: (profileId, kind, id) => outbox.wasSentFromApp(profileId, kind, id),
  });
  const submission = createSubmission({
    outbox,
    payouts,
    // Always the intent's stored target, never the profile as it is now (docs/intents.md).
    clientForTarget: (entry) => {
      if (entry.profileId === null) throw new Error('the intent has no profile any more');
      return profiles.clientForTarget(entry.profileId, entry.target);
    },
    // The entry's MAC is only checkable while this session holds the key; without a keychain
    // the audited hash alone is compared (docs/audit-chain.md), as the outbox check does.
    auditedIntent: (requestId) => {
      const record = audit.findIntent(requestId);
      if (record === null || audit.keying() === 'keyed') return record;
      return { ...record, check: { ok: true } };
    },
    now,
    log,
  });
  const addressBook = createAddressBook({ db, now, audit });
  const singlePayouts = createSinglePayouts({
    db,
    outbox,
    payouts,
    submission,
    audit,
    clientOf: (profileId) => profiles.clientOf(profileId),
    requireProfile: (profileId) => profiles.requireProfile(profileId),
    addressRisks: (profileId, address, currency) => {
      const network = findCurrency(currency)?.network;
      if (network === undefined) return [];
      // A confirmation reads the history afresh: another process may have synced meanwhile.
      return addressRiskProblems(
        { address, network },
        addressBook.paidAddresses(profileId, { fresh: true }),
      );
    },
    now,
    onIntentStored: () => {
      backups.backupSoon('payout confirmed');
    },
  });

  const massDrafts = createMassDrafts({
    db,
    drafts,
    outbox,
    payouts,
    submission,
    audit,
    clientOf: (profileId) => profiles.clientOf(profileId),
    withdrawalsOf: (profileId, dealId) => listWithdrawals(profileId, dealId, 0, 100_000).items,
    recentPayouts: (profileId) => paidOrBeingPaid(profileId, now() - RECENT_PAYMENT_WINDOW_MS),
    // The target its intents will store (outbox.insertPending): for the built-in simulator
    // the symbol, not this run's port, or a restart (or a second desk process) would make an
    // unchanged draft "changed since you reviewed it" (docs/intents.md, "Targets").
    targetOf: (profileId) => {
      const profile = profiles.requireProfile(profileId);
      const baseUrl =
        profile.environment === 'simulator' ? BUILT_IN_SIMULATOR_TARGET : profile.baseUrl;
      return { baseUrl, account: profile.account };
    },
    feePercentageOf: recentFeePercentage,
    now,
    onProgress: (draftId, batches) => {
      emit('draftProgress', { draftId, batches });
    },
    onIntentsStored: () => {
      backups.backupSoon('draft batches fixed');
    },
  });

  /** Search indexing of a big first sync, in chunks that leave the event loop free. */
  async function catchUpSearchIndex() {
    while (searchIndexer.indexBacklog().remaining > 0) {
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
  const scheduler = createSyncScheduler({
    now,
    minIntervalMs: options.sync?.minIntervalMs,
    maxIntervalMs: options.sync?.maxIntervalMs,
    lastSyncedAt: (profileId) => profilesRepo.get(profileId)?.lastSyncedAt ?? null,
    runSync: async (profileId) => {
      // Unknown outcomes first: the network is back if this pass gets anywhere.
      await submission.resolvePending(profileId);
      await massDrafts.resumeSubmitting(profileId);
      const outcome = await historySync.syncProfile(await profiles.clientOf(profileId), profileId);
      profilesRepo.markSynced(profileId, now());
      await catchUpSearchIndex();
      return outcome;
    },
    onOutcome: (outcome) => {
      for (const change of outcome.changes) {
        audit.append({
          atMs: now(),
          profileId: outcome.profileId,
          action: 'payout.state-changed',
          detail: {
            kind: change.kind,
            id: change.id,
            from: change.previousState,
            to: change.state,
          },
        });
      }
      if (outcome.changes.length > 0 || outcome.newCount > 0) {
        addressBook.forget(outcome.profileId);
        emit('payoutsChanged', {
          profileId: outcome.profileId,
          changes: outcome.changes,
          newCount: outcome.newCount,
        });
      }
    },
    onStatus: (status) => {
      if (status.lastError && status.state !== 'syncing') {
        log.warn('sync failed', { profileId: status.profileId, error: status.lastError });
      }
      emit('syncStatus', status);
    },
  });

  const handlers: DeskHandlers = {
    listProfiles: () => profiles.list(),
    addProfile: async (input) => {
      const profile = await profiles.add(input);
      void scheduler.syncNow(profile.id);
      return profile;
    },
    updateProfile: async (input) => {
      const profile = await profiles.update(input);
      void scheduler.syncNow(profile.id);
      return profile;
    },
    removeProfile: async ({ profileId }) => {
      await profiles.remove(profileId);
      scheduler.forget(profileId);
      return { removed: true };
    },
    checkConnection: async ({ profileId }) => ({
      profileId,
      ...(await profiles.check(profileId)),
    }),
    queryHistory: (query) => {
      profiles.requireProfile(query.profileId);
      return queryHistory(db, query, { nowMs: now() });
    },
    getPayoutDetails: ({ profileId, kind, id }) => {
      const details = payouts.getDetails(profileId, kind, id);
      if (!details) throw new DeskFailure('NOT_FOUND', `No ${kind} payout ${id} in the history.`);
      return details;
    },
    syncNow: ({ profileId }) => {
      profiles.requireProfile(profileId);
      return scheduler.syncNow(profileId);
    },
    getSyncStatus: ({ profileId }) => {
      profiles.requireProfile(profileId);
      return scheduler.status(profileId);
    },
    listWithdrawals: ({ profileId, dealId, offset, limit }) => {
      profiles.requireProfile(profileId);
      return listWithdrawals(profileId, dealId, offset, limit);
    },
    previewPayout: (input) => singlePayouts.preview(input),
    createPayout: async (input) => {
      profiles.requireProfile(input.profileId);
      try {
        const submitted = await singlePayouts.submit(input);
        // Poll until it is final: the user is waiting to see it arrive.
        void scheduler.syncNow(input.profileId);
        return submitted;
      } finally {
        // After the answer, whatever it was: an outbox row may be on disk either way.
        backups.backupSoon('payout created');
      }
    },
    estimateDebit: async ({ profileId, currency, amount }) => {
      profiles.requireProfile(profileId);
      const known = checkCurrency(currency);
      if ('field' in known) throw new DeskFailure('VALIDATION', known.message);
      let balances: Balance[] | null = null;
      let balanceError: DeskError | null = null;
      try {
        balances = (await (await profiles.clientOf(profileId)).getAccount()).balances;
      } catch (error) {
        balanceError = toDeskError(error);
      }
      const debit = estimateDebit({
        currency: known.code,
        amount: normalizeDecimal(amount),
        feePercentage: recentFeePercentage(profileId, known.code),
        balances,
      });
      return { debit, balanceError };
    },
    cancelIntent: ({ requestId }) => {
      const before = outbox.get(requestId);
      if (!before) throw new DeskFailure('NOT_FOUND', `There is no payment ${requestId}.`);
      const after = submission.cancel(requestId) ?? before;
      if (after.state === 'cancelled') {
        if (before.state !== 'cancelled') {
          audit.append({
            atMs: now(),
            profileId: after.profileId,
            action: 'intent.cancelled',
            detail: { requestId, kind: after.kind },
          });
        }
        return { requestId, state: 'cancelled' };
      }
      throw new DeskFailure('VALIDATION', cannotCancel(after.state));
    },
    cancelPayout: (input) => singlePayouts.cancel(input),
    exportHistory: (query) => {
      profiles.requireProfile(query.profileId);
      return exportHistoryCsv(db, query, now());
    },
    createDraft: (input) => {
      profiles.requireProfile(input.profileId);
      return massDrafts.create(input);
    },
    listDrafts: ({ profileId }) => {
      profiles.requireProfile(profileId);
      return massDrafts.list(profileId);
    },
    getDraft: ({ draftId }) => massDrafts.get(draftId),
    getDraftRows: (input) => massDrafts.rows(input),
    updateDraftRow: (input) => massDrafts.updateRow(input),
    addDraftRow: ({ draftId }) => massDrafts.addRow(draftId),
    deleteDraftRows: ({ draftId, rowNos }) => massDrafts.deleteRows(draftId, rowNos),
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
    exportReconciliation: ({ draftId }) => massDrafts.exportReconciliation(draftId),
    listAudit: (options) => audit.list(options),
    verifyAudit: () => audit.verify(),
    exportAudit: () => exportAuditCsv(audit, now()),
    getStartupNotices: () => notices,
    ...addressBookHandlers({ book: addressBook, requireProfile: profiles.requireProfile }),
    recallMapping: ({ headerSignature }) => {
      const stored = DESK_SCHEMAS.createDraft.shape.mapping.safeParse(
        massDrafts.recallMapping(headerSignature),
      );
      return { mapping: stored.success ? (stored.data ?? null) : null };
    },
  };

  if (options.sync?.startOnOpen !== false) {
    for (const profile of profilesRepo.list()) void scheduler.syncNow(profile.id);
  }

  let closing: Promise<void> | undefined;
  return {
    handlers,
    simulator,
    close: () => {
      closing ??= (async () => {
        await scheduler.stop();
        await simulator?.close();
        await backups.close();
        db.close();
      })();
      return closing;
    },
  };
}
