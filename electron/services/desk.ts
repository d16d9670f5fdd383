/**
 * Composes the services and joins the handler table from one part per domain (profiles,
 * history, single payouts, drafts, audit, address book, approvals), each written next to its service. This is
 * everything main knows, assembled without Electron: the Electron glue and the browser host
 * both serve these same handlers through `dispatch`, and the tests build it directly with a
 * real SQLite file, a real keychain and a real simulator.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { addressRiskProblems } from '../../shared/address-risk';
import type { DeskEventName, DeskEvents } from '../../shared/ipc';
import { findCurrency } from '../../shared/networks';
import {
  startSimulator,
  type MerchantCredentials,
  type RunningSimulator,
  type SimulatorOptions,
} from '../simulator';
import {
  createDraftImportStaging,
  createDraftsRepo,
  createOutboxRepo,
  createPaidOrBeingPaid,
  createRecentFeePercentage,
  createPayoutsRepo,
  createProfilesRepo,
  createSearchIndexer,
  createSyncStateRepo,
  createWithdrawalsQuery,
  type OpenDatabaseOptions,
} from './db';
import { addressBookHandlers } from './address-book/address-book-handlers';
import { createApprovalGate } from './approvals/approval-gate';
import { createApprovalHandlers } from './approvals/approval-handlers';
import { createApprovalsRepo } from './approvals/approvals-repo';
import { createApprovalsService } from './approvals/approvals-service';
import { createPlanRisks } from './approvals/plan-risks';
import { createAddressBook } from './address-book/address-book-service';
import { silentLogger, type Logger } from './log';
import { auditedIntentOf } from './payouts/audited-intent';
import { createIntentCancellation } from './payouts/cancel-intent';
import { createDraftHandlers, rememberedMapping } from './payouts/draft-handlers';
import { createLabelHistory } from './run-diff/label-history';
import { createRunDiffHandlers } from './run-diff/run-diff-handlers';
import { createRunDiff } from './run-diff/run-diff-service';
import { createDebitEstimator } from './payouts/estimate-debit';
import { createDraftImports } from './payouts/draft-imports';
import { createFileReadings } from './payouts/file-readings';
import { createMassDrafts } from './payouts/mass-drafts';
import { createSinglePayoutHandlers } from './payouts/single-payout-handlers';
import { createSinglePayouts } from './payouts/single-payouts';
import { profilesOfSameAccount, targetOf } from './profiles/calypso-target';
import { createRepeatRisks } from './payouts/repeat-risks';
import { createSubmission } from './payouts/submission';
import { createTestPaymentHandlers } from './payouts/test-payment-handlers';
import { createTestPayments } from './payouts/test-payments';
import { createTestPaymentsRepo } from './payouts/test-payments-repo';
import type { DeskHandlers } from './ipc/dispatch';
import { composeHandlers } from './ipc/handler-table';
import { createProfileHandlers } from './profiles/profile-handlers';
import { createProfileUseQuery } from './profiles/profile-use';
import { createProfilesService } from './profiles/profiles-service';
import { createAuditHandlers } from './records/audit-handlers';
import { openRecords } from './records/open-records';
import { createHistorySync, createSyncScheduler } from './sync';
import { createHistoryHandlers } from './sync/history-handlers';
import {
  createApproverKeyVault,
  createCredentialVault,
  createKeytarStore,
  type SecretStore,
} from './vault';

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
    useOf: createProfileUseQuery({ drafts, outbox }),
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
    auditedIntent: auditedIntentOf(audit),
    now,
    log,
    // A batch found by its lookup may be final already: the sync would then see it as known
    // and unchanged and never read its recipients (history-sync.ts, withdrawals to read).
    onDelivered: (entry, payoutId) => {
      if (entry.kind === 'mass' && entry.profileId !== null) {
        syncState.markWithdrawalsToRead(entry.profileId, [payoutId], now());
      }
    },
  });
  const addressBook = createAddressBook({ db, now, audit });
  /** The target a profile's intents store and its repeats are matched by (calypso-target.ts). */
  const targetOfProfile = (profileId: string) => targetOf(profiles.requireProfile(profileId));
  /**
   * What the profile's Calypso account paid or is paying in the last 30 days, over every
   * profile of that account (two profiles of one account pay from one balance): the repeats
   * a draft row or a single payout is checked against.
   */
  const accountPayments = (profileId: string) => {
    const profile = profilesRepo.get(profileId);
    if (profile === undefined) return paidOrBeingPaid(profileId, now() - RECENT_PAYMENT_WINDOW_MS);
    return profilesOfSameAccount(profile, profilesRepo.list()).flatMap((other) =>
      paidOrBeingPaid(other.id, now() - RECENT_PAYMENT_WINDOW_MS),
    );
  };

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
    repeatRisks: createRepeatRisks({
      outbox,
      targetOf: targetOfProfile,
      // Read afresh at each confirmation, like the address's risks.
      recentPayments: accountPayments,
      now,
    }),
    now,
    onIntentStored: () => {
      backups.backupSoon('payout confirmed');
    },
    // A cancelled mass payout is stored CANCELED here, not by the sync: its recipients are
    // read again by the next pass, or they keep the states read before the cancel.
    onMassPayoutStored: (profileId, id) => {
      syncState.markWithdrawalsToRead(profileId, [id], now());
    },
  });

  const draftImports = createDraftImports({
    db,
    drafts,
    staging: createDraftImportStaging(db),
    audit,
    recentPayouts: accountPayments,
    paidAddresses: (profileId) => addressBook.paidAddresses(profileId),
    now,
  });
  // Maker-checker approvals (docs/approvals.md): Submit's gate reads the same repository.
  const approvalsRepo = createApprovalsRepo(db);
  const approvalGateDeps = {
    repo: approvalsRepo,
    risksOf: createPlanRisks((profileId) => addressBook.paidAddresses(profileId, { fresh: true })),
  };
  // Test payments before a mass payout (docs/test-payments.md): holds read by the review.
  const testPaymentsRepo = createTestPaymentsRepo(db);
  const testPayments = createTestPayments({
    db,
    repo: testPaymentsRepo,
    drafts,
    outbox,
    payouts,
    singlePayouts,
    trustedOf: (profileId, network, address) => addressBook.isTrusted(profileId, network, address),
    audit,
    now,
  });
  const massDrafts = createMassDrafts({
    labelOf: (profileId, currency, address) => addressBook.labelOf(profileId, currency, address),
    db,
    drafts,
    outbox,
    payouts,
    submission,
    audit,
    clientOf: (profileId) => profiles.clientOf(profileId),
    withdrawalsOf: (profileId, dealId) => listWithdrawals(profileId, dealId, 0, 100_000).items,
    recentPayouts: accountPayments,
    paidAddresses: (profileId, options) => addressBook.paidAddresses(profileId, options),
    // The target its intents will store (outbox.insertPending): for the built-in simulator
    // the symbol, not this run's port, or a restart (or a second desk process) would make an
    // unchanged draft "changed since you reviewed it" (docs/intents.md, "Targets").
    targetOf: targetOfProfile,
    feePercentageOf: recentFeePercentage,
    now,
    onProgress: (draftId, batches) => {
      emit('draftProgress', { draftId, batches });
    },
    onIntentsStored: () => {
      backups.backupSoon('draft batches fixed');
    },
    approvalGate: createApprovalGate(approvalGateDeps),
    testHolds: {
      heldKeys: (draftId) => testPayments.heldKeys(draftId),
      offersOf: (summary, rows) => testPayments.offersOf(summary, rows),
      hasFollowUp: (draftId, fingerprint) => testPaymentsRepo.hasFollowUp(draftId, fingerprint),
      recordFollowUp: (draftId, fingerprint, atMs) => {
        testPaymentsRepo.recordFollowUp(draftId, fingerprint, atMs);
      },
    },
  });
  const approvals = createApprovalsService({
    ...approvalGateDeps,
    db,
    keys: createApproverKeyVault(secretStore),
    massDrafts,
    profileName: (profileId) => profiles.requireProfile(profileId).name,
    audit,
    now,
  });
  const fileReadings = createFileReadings({
    massDrafts,
    recentPayouts: accountPayments,
    paidAddresses: (profileId) => addressBook.paidAddresses(profileId),
    validMapping: rememberedMapping,
    now,
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

  // One part per domain, each next to its service; together exactly the contract's methods.
  const handlers: DeskHandlers = composeHandlers(
    createProfileHandlers({ profiles, scheduler }),
    createHistoryHandlers({
      db,
      payouts,
      listWithdrawals,
      profiles,
      scheduler,
      now,
      labelOf: (profileId, currency, address) => addressBook.labelOf(profileId, currency, address),
    }),
    createSinglePayoutHandlers({
      singlePayouts,
      estimateDebit: createDebitEstimator({
        requireProfile: (profileId) => profiles.requireProfile(profileId),
        clientOf: (profileId) => profiles.clientOf(profileId),
        feePercentageOf: recentFeePercentage,
      }),
      cancelIntent: createIntentCancellation({ outbox, submission, audit, now }),
      profiles,
      scheduler,
      backups,
    }),
    createDraftHandlers({ massDrafts, draftImports, fileReadings, profiles, scheduler, backups }),
    createTestPaymentHandlers({ testPayments, massDrafts, profiles, scheduler, backups }),
    createRunDiffHandlers({
      runDiff: createRunDiff({ drafts, labels: createLabelHistory(db) }),
      massDrafts,
      backups,
    }),
    createAuditHandlers({ audit, notices, now }),
    addressBookHandlers({ book: addressBook, requireProfile: profiles.requireProfile }),
    createApprovalHandlers({ approvals, requireProfile: profiles.requireProfile }),
  );

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
