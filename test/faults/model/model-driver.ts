/**
 * One seeded sequence of the model-based suite: a simulator in this process (it outlives
 * every desk it serves), one or two desk hosts in child processes on one data folder, a
 * custom profile pointing at the simulator, and a run of operations drawn by operations.ts.
 * After the run the model settles (faults off, every host restarted, pending work resolved,
 * every payout made final) and checks invariants.ts against both SQLite files.
 *
 * The driver works with the contract as it is and as issue 9 changes it: it passes
 * `fingerprint` to submitDraft only when the review returned one, asks `previewPayout` for a
 * `payloadHash` only when the desk knows that method, and treats a refused profile change or
 * removal as an allowed outcome.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  NO_FAULTS,
  startSimulator,
  type MerchantCredentials,
  type RunningSimulator,
} from '../../../electron/simulator';
import type { DraftBatch, DraftRow, DraftSummary } from '../../../shared/drafts';
import type { DeskError, Profile, SubmittedPayout } from '../../../shared/ipc';
import { compareDecimals } from '../../../shared/money';
import { testAddress } from '../../support/addresses';
import { FAST_DELAYS, finishEverything } from '../support/desk-harness';
import { startDeskHost, wasKilled, type CallOutcome, type DeskHost } from './desk-host';
import {
  checkInvariants,
  type DraftIntent,
  type Ledger,
  type RecipientRow,
  type SingleIntent,
  type Violation,
} from './invariants';
import { nextOperation, type ModelView, type OperationKind } from './operations';
import { createPrng, type Prng } from './prng';
import { readDesk, readSimulator, type DeskState } from './stores';

export type SequenceOptions = { seed: number; operations: number; adversarial: boolean };

export type SequenceResult = {
  seed: number;
  adversarial: boolean;
  /** One entry per operation: `kind: outcome`. */
  log: string[];
  violations: Violation[];
  /** What the model observed that is allowed but worth telling (refusals, notes). */
  notes: string[];
  /** How much the invariants were checked against: intents and payouts at the simulator. */
  checked: { intents: number; payouts: number };
  elapsedMs: number;
};

type ModelDraft = {
  id: string;
  profileId: string;
  /** The desk's state as last read from its file. */
  state: string;
  rowNos: number[];
  /** Recipient of each row as the model last set it (to know which rows still fail). */
  addresses: Map<number, string>;
  /** The rows of the last review, if no edit (the model knows of) came after it. */
  review: { rows: RecipientRow[]; fingerprint: string | undefined } | null;
  failing: string[];
  finished: boolean;
  retried: number;
  parentId: string | null;
};

type ModelProfile = { id: string; account: string; name: string };

const CURRENCIES = ['USDT_TRX', 'TRX'] as const;

function describe(outcome: CallOutcome): string {
  if (wasKilled(outcome)) return 'killed';
  if (outcome.ok) return 'ok';
  return `${outcome.error.code} "${outcome.error.message.slice(0, 90)}"`;
}

function isUnknownMethod(error: DeskError): boolean {
  return error.code === 'VALIDATION' && /unknown method/i.test(error.message);
}

/** What a benign operation must answer on a healthy network (see its log line). */
function benignSucceeded(kind: OperationKind, outcome: string): boolean {
  switch (kind) {
    case 'confirmSingle':
      return outcome === 'done';
    case 'submitDraft':
      return /^\d+ batches done(\/done)*$/.test(outcome);
    case 'sync':
    case 'finishAndSync':
      return outcome === 'ok, ok';
    case 'editDraft':
      return outcome.endsWith(': ok');
    case 'importDraft':
      return /^\d+ rows, \d+ failing$/.test(outcome);
    case 'reviewDraft':
      return /^\d+ rows/.test(outcome);
    case 'retryFailedRows':
      return outcome.startsWith('new retry draft');
    default:
      return false;
  }
}

export async function runSequence(options: SequenceOptions): Promise<SequenceResult> {
  const started = Date.now();
  const random: Prng = createPrng(options.seed);
  const dir = mkdtempSync(join(tmpdir(), 'payout-desk-model-'));
  const dataDir = join(dir, 'desk');
  const deskFile = join(dataDir, 'payout-desk.sqlite');
  const simFile = join(dir, 'simulator.sqlite');
  const log: string[] = [];
  const notes: string[] = [];
  const sim: RunningSimulator = await startSimulator({
    dbFile: simFile,
    seed: 'none',
    delays: FAST_DELAYS,
    randomSeed: options.seed,
    faults: NO_FAULTS,
  });
  const merchants: MerchantCredentials[] = [
    sim.merchant,
    sim.addMerchant({ name: 'Second account' }),
  ];
  const ledger: Ledger = {
    singles: [],
    drafts: new Map<string, DraftIntent>(),
    seenOutbox: new Map(),
    seenBatches: new Map(),
    confirmed: new Set(),
    accounts: new Set(merchants.map((merchant) => merchant.account)),
  };
  const drafts = new Map<string, ModelDraft>();
  const reentered = new Set<string>();
  const raceViolations: Violation[] = [];
  const harnessViolations: Violation[] = [];
  let nextAddress = (options.seed % 100_000) * 1_000;
  let profileCount = 0;
  let profile: ModelProfile | null = null;
  let hostA: DeskHost | null = null;
  let hostB: DeskHost | null = null;
  let supportsPreview: boolean | undefined;
  let faultsOn = false;

  const freshAddress = () => {
    nextAddress += 1;
    return testAddress('tron', 7_000_000 + nextAddress);
  };
  const freshAmount = () => `${random.int(1, 90)}.${random.int(1, 99)}`;
  const hosts = () => [hostA, hostB].filter((host): host is DeskHost => host?.alive() === true);
  const anyHost = () => random.pick(hosts());

  async function ensureHostA(): Promise<DeskHost> {
    if (!hostA?.alive()) hostA = await startDeskHost('A', dataDir);
    return hostA;
  }

  async function addProfile(host: DeskHost): Promise<ModelProfile | null> {
    profileCount += 1;
    const merchant = random.pick(merchants);
    const name = `Model ${profileCount}`;
    const added = await host.call<Profile>('addProfile', {
      name,
      environment: 'custom',
      baseUrl: sim.baseUrl,
      ...merchant,
    });
    if (wasKilled(added) || !added.ok) {
      notes.push(`addProfile ${name}: ${describe(added)}`);
      return null;
    }
    return { id: added.value.id, account: merchant.account, name };
  }

  /** The desk's file between operations: new outbox rows and batches join the ledger. */
  function snapshot(): DeskState | null {
    let desk: DeskState;
    try {
      desk = readDesk(deskFile);
    } catch (error) {
      notes.push(`desk file unreadable between operations: ${String(error)}`);
      return null;
    }
    for (const batch of desk.batches) ledger.seenBatches.set(batch.requestId, batch);
    const draftOf = new Map(desk.batches.map((batch) => [batch.requestId, batch.draftId]));
    for (const row of desk.outbox) {
      const known = ledger.seenOutbox.get(row.requestId);
      const single = ledger.singles.find((entry) => entry.requestId === row.requestId);
      const draftId = row.sourceId ?? draftOf.get(row.requestId) ?? '';
      const expectedAccount =
        known?.expectedAccount ??
        single?.account ??
        ledger.drafts.get(draftId)?.account ??
        profile?.account ??
        '';
      ledger.seenOutbox.set(row.requestId, { ...row, expectedAccount });
    }
    for (const row of desk.drafts) {
      const draft = drafts.get(row.id);
      if (draft) draft.state = row.state;
    }
    return desk;
  }

  function view(): ModelView {
    const live = [...drafts.values()].filter((draft) => draft.profileId === profile?.id);
    const editing = live.filter((draft) => draft.state === 'editing');
    return {
      editingDrafts: editing.length,
      reviewedDrafts: editing.filter((draft) => draft.review !== null).length,
      unfinishedDrafts: live.filter((draft) => draft.state !== 'editing' && !draft.finished).length,
      retryableDrafts: live.filter(
        (draft) =>
          draft.state === 'submitted' &&
          draft.finished &&
          draft.failing.length > 0 &&
          draft.retried === 0,
      ).length,
      retriedDrafts: live.filter((draft) => draft.retried > 0).length,
      rejectedSingles: ledger.singles.filter(
        (single) =>
          single.answer === 'rejected' &&
          !reentered.has(single.requestId) &&
          single.profileId === profile?.id,
      ).length,
      faultsOn,
      secondHost: hostB?.alive() === true,
    };
  }

  /** A draft of the current profile; retry drafts first more often than not, so that the
   * long road to a second retry of the same rows is travelled within a short sequence. */
  const pickDraft = (filter: (draft: ModelDraft) => boolean) => {
    const fitting = [...drafts.values()].filter((d) => d.profileId === profile?.id && filter(d));
    const retries = fitting.filter((draft) => draft.parentId !== null);
    return random.pick(retries.length > 0 && random.chance(0.6) ? retries : fitting);
  };

  // ---- the operations ------------------------------------------------------------------

  /** Confirms a single payout: the intent is in the ledger before the desk is asked. */
  async function confirmSingle(
    host: DeskHost,
    recipient: { address: string; amount: string; currency: string },
    killAfterMs?: number,
  ): Promise<string> {
    if (!profile) return 'no profile';
    const input = {
      profileId: profile.id,
      requestId: random.uuid(),
      depositAddress: recipient.address,
      amount: recipient.amount,
      currency: recipient.currency,
    };
    let payloadHash: string | undefined;
    if (supportsPreview !== false) {
      const preview = await host.call<{ payloadHash?: string }>('previewPayout', input);
      if (!wasKilled(preview) && !preview.ok && isUnknownMethod(preview.error)) {
        supportsPreview = false;
      } else if (!wasKilled(preview) && preview.ok) {
        supportsPreview = true;
        payloadHash = preview.value.payloadHash;
      } else {
        notes.push(`previewPayout: ${describe(preview)}`);
      }
    }
    const intent: SingleIntent = {
      requestId: input.requestId,
      profileId: profile.id,
      account: profile.account,
      address: recipient.address,
      amount: recipient.amount,
      currency: recipient.currency,
      answer: 'asked',
    };
    ledger.singles.push(intent);
    const answer = host.call<SubmittedPayout>(
      'createPayout',
      payloadHash === undefined ? input : { ...input, payloadHash },
    );
    if (killAfterMs !== undefined) {
      await new Promise((resolve) => setTimeout(resolve, killAfterMs));
      await host.kill();
    }
    const outcome = await answer;
    if (wasKilled(outcome)) intent.answer = 'killed';
    else if (outcome.ok) {
      intent.answer = outcome.value.state;
      ledger.confirmed.add(intent.requestId);
    } else if (outcome.error.code === 'CALYPSO_REJECTED') {
      intent.answer = 'rejected';
      ledger.confirmed.add(intent.requestId);
    } else intent.answer = `error ${outcome.error.code}`;
    return intent.answer;
  }

  async function allRows(host: DeskHost, draftId: string): Promise<DraftRow[] | null> {
    const rows: DraftRow[] = [];
    for (let offset = 0; offset < 10_000; offset += 1000) {
      const page = await host.call<{ rows: DraftRow[]; total: number }>('getDraftRows', {
        draftId,
        offset,
        limit: 1000,
      });
      if (wasKilled(page) || !page.ok) return null;
      rows.push(...page.value.rows);
      if (page.value.rows.length === 0 || rows.length >= page.value.total) break;
    }
    return rows;
  }

  async function importDraft(host: DeskHost): Promise<string> {
    if (!profile) return 'no profile';
    const count = random.int(2, 6);
    const failing: string[] = [];
    const rows = Array.from({ length: count }, (_, index) => {
      const address = freshAddress();
      // Some recipients' withdrawals fail at Calypso (retry material).
      if (random.chance(0.25)) {
        failing.push(address);
        sim.failAddress(address);
      }
      return {
        line: index + 2,
        address,
        amount: freshAmount(),
        currency: random.pick(CURRENCIES),
        comment: `row ${index + 1}`,
      };
    });
    const created = await host.call<DraftSummary>('createDraft', {
      profileId: profile.id,
      name: `Model draft ${drafts.size + 1}`,
      sourceFile: `model-${drafts.size + 1}.csv`,
      decimalSeparator: '.',
      rows,
    });
    if (wasKilled(created) || !created.ok) return describe(created);
    addDraft(
      created.value,
      failing,
      null,
      rows.map((row) => row.address),
    );
    return `${count} rows, ${failing.length} failing`;
  }

  function addDraft(
    summary: DraftSummary,
    failing: string[],
    parentId: string | null,
    addresses: string[],
  ) {
    drafts.set(summary.id, {
      id: summary.id,
      profileId: summary.profileId,
      state: summary.state,
      rowNos: Array.from({ length: summary.rowCount }, (_, index) => index + 1),
      addresses: new Map(addresses.map((address, index) => [index + 1, address])),
      review: null,
      failing,
      finished: false,
      retried: 0,
      parentId,
    });
  }

  async function editDraft(host: DeskHost, keepReview: boolean): Promise<string> {
    const draft = pickDraft((d) => d.state === 'editing' && (!keepReview || d.review !== null));
    const rowNo = random.pick(draft.rowNos);
    const field = random.pick(['amount', 'comment', 'address'] as const);
    const value =
      field === 'amount'
        ? freshAmount()
        : field === 'address'
          ? freshAddress()
          : `edited ${random.int(1, 9999)}`;
    if (!keepReview) draft.review = null;
    const edited = await host.call('updateDraftRow', { draftId: draft.id, rowNo, [field]: value });
    if (field === 'address' && !wasKilled(edited) && edited.ok) {
      const old = draft.addresses.get(rowNo);
      draft.failing = draft.failing.filter((address) => address !== old);
      draft.addresses.set(rowNo, value);
    }
    return `row ${rowNo} ${field}: ${describe(edited)}`;
  }

  async function addRowAfterReview(host: DeskHost): Promise<string> {
    const draft = pickDraft((d) => d.state === 'editing' && d.review !== null);
    const added = await host.call<{ row: DraftRow }>('addDraftRow', { draftId: draft.id });
    if (wasKilled(added) || !added.ok) return describe(added);
    const rowNo = added.value.row.rowNo;
    draft.rowNos.push(rowNo);
    const filled = await host.call('updateDraftRow', {
      draftId: draft.id,
      rowNo,
      address: freshAddress(),
      amount: freshAmount(),
      currency: random.pick(CURRENCIES),
      comment: 'added after the review',
    });
    return `row ${rowNo}: ${describe(filled)}`;
  }

  async function reviewDraft(host: DeskHost): Promise<string> {
    const draft = pickDraft((d) => d.state === 'editing');
    const review = await host.call<{ fingerprint?: string; summary: DraftSummary }>('reviewDraft', {
      draftId: draft.id,
    });
    if (wasKilled(review) || !review.ok) return describe(review);
    const rows = await allRows(host, draft.id);
    if (!rows) return 'rows unreadable';
    draft.review = {
      rows: rows
        .filter((row) => row.verdict !== 'error')
        .map(({ address, amount, currency, comment }) => ({ address, amount, currency, comment })),
      fingerprint: review.value.fingerprint,
    };
    return `${draft.review.rows.length} rows${draft.review.fingerprint ? ', fingerprint' : ''}`;
  }

  /** Submit: the ledger records what was reviewed and the account, before the desk is asked. */
  function submitCall(host: DeskHost, draft: ModelDraft): Promise<CallOutcome<DraftBatch[]>> {
    const intent = ledger.drafts.get(draft.id);
    // The first Submit fixes the batches; later ones only deliver them.
    if (!intent || intent.reviewedRows === null) {
      ledger.drafts.set(draft.id, {
        draftId: draft.id,
        reviewedRows: draft.review?.rows ?? null,
        account: profile?.account ?? null,
      });
    }
    const fingerprint = draft.review?.fingerprint;
    return host.call<DraftBatch[]>('submitDraft', {
      draftId: draft.id,
      ...(fingerprint === undefined ? {} : { fingerprint }),
    });
  }

  function afterSubmit(draft: ModelDraft, outcome: CallOutcome<DraftBatch[]>): string {
    if (!wasKilled(outcome) && outcome.ok) {
      for (const batch of outcome.value) {
        if (batch.requestId) ledger.confirmed.add(batch.requestId);
      }
      return `${outcome.value.length} batches ${outcome.value.map((b) => b.delivery).join('/')}`;
    }
    if (!wasKilled(outcome)) {
      // Refused (e.g. "changed since you reviewed it"): nothing was fixed by this Submit.
      const fixed = [...ledger.seenBatches.values()].some((b) => b.draftId === draft.id);
      if (!fixed) ledger.drafts.delete(draft.id);
      draft.review = null;
    }
    return describe(outcome);
  }

  async function submitDraft(host: DeskHost, killAfterMs?: number): Promise<string> {
    const draft = pickDraft((d) => d.state === 'editing' && d.review !== null);
    const answer = submitCall(host, draft);
    if (killAfterMs !== undefined) {
      await new Promise((resolve) => setTimeout(resolve, killAfterMs));
      await host.kill();
    }
    return afterSubmit(draft, await answer);
  }

  async function sync(host: DeskHost): Promise<string> {
    if (!profile) return 'no profile';
    const first = await host.call('syncNow', { profileId: profile.id });
    const second = await host.call('syncNow', { profileId: profile.id });
    return `${describe(first)}, ${describe(second)}`;
  }

  async function finishAndSync(host: DeskHost): Promise<string> {
    await finishEverything(sim);
    const synced = await sync(host);
    if (synced.startsWith('ok, ok')) {
      for (const draft of drafts.values()) {
        if (draft.state === 'submitted' && draft.profileId === profile?.id) draft.finished = true;
      }
    }
    return synced;
  }

  async function retryFailedRows(host: DeskHost, again: boolean): Promise<string> {
    const draft = again
      ? pickDraft((d) => d.retried > 0)
      : pickDraft(
          (d) => d.state === 'submitted' && d.finished && d.failing.length > 0 && d.retried === 0,
        );
    // The recipients fixed their wallets: a retry that is sent now is paid.
    await fetch(`${sim.baseUrl}/__simulator/fail-addresses`, {
      method: 'POST',
      body: JSON.stringify({ remove: draft.failing }),
    }).then((response) => response.arrayBuffer());
    const retry = await host.call<DraftSummary>('retryFailedRows', { draftId: draft.id });
    if (wasKilled(retry) || !retry.ok) {
      // The model expected a failed row; the desk says there is none: do not ask again.
      if (!again) draft.failing = [];
      return describe(retry);
    }
    draft.retried += 1;
    if (drafts.has(retry.value.id)) return `the same retry draft ${retry.value.id.slice(0, 8)}`;
    const rows = (await allRows(host, retry.value.id)) ?? [];
    addDraft(
      retry.value,
      [],
      draft.id,
      rows.map((row) => row.address),
    );
    return `new retry draft ${retry.value.id.slice(0, 8)} of ${retry.value.rowCount} rows (retry ${draft.retried})`;
  }

  /** Milder faults that stay on until cleared (every operation pays for them in time). */
  function setFaults(): string {
    const profiles = {
      flaky: { latencyMs: 5, errorRate: 0.3, dropRate: 0, failNext: 0, dropNext: 0 },
      drops: { latencyMs: 5, errorRate: 0, dropRate: 0.5, failNext: 0, dropNext: 0 },
      bursts: { latencyMs: 0, errorRate: 0, dropRate: 0, failNext: 4, dropNext: 1 },
      slow: { latencyMs: 40, errorRate: 0, dropRate: 0, failNext: 0, dropNext: 0 },
    } as const;
    const name = random.pick(Object.keys(profiles) as (keyof typeof profiles)[]);
    sim.setFaults(profiles[name]);
    faultsOn = true;
    return `${name} ${JSON.stringify(profiles[name])}`;
  }

  /**
   * One confirmation (a single payout, or a Submit) on a lossy network: most requests 5xx and
   * most answers dropped after the commit, which is what turns a lost create answer into a
   * 016 whose lookup fails too. The faults before it come back afterwards: lossy for one
   * operation only, since every retry and backoff under it costs seconds.
   */
  async function confirmUnderLoss(host: DeskHost): Promise<string> {
    const before = { ...sim.faults };
    sim.setFaults({ latencyMs: 2, errorRate: 0.75, dropRate: 0.7, failNext: 0, dropNext: 0 });
    try {
      if (view().reviewedDrafts > 0 && random.chance(0.4)) {
        return `submit: ${await submitDraft(host)}`;
      }
      return `single: ${await confirmSingle(host, {
        address: freshAddress(),
        amount: freshAmount(),
        currency: 'USDT_TRX',
      })}`;
    } finally {
      sim.setFaults(before);
    }
  }

  async function killMidCall(): Promise<string> {
    const target = random.chance(0.5) || !hostB?.alive() ? 'A' : 'B';
    const host = target === 'A' ? await ensureHostA() : (hostB as DeskHost);
    const delay = random.int(0, 60);
    const canSubmit = view().reviewedDrafts > 0;
    const what = random.pick(
      canSubmit ? (['single', 'submit', 'sync'] as const) : (['single', 'sync'] as const),
    );
    let outcome: string;
    if (what === 'single') {
      outcome = await confirmSingle(
        host,
        { address: freshAddress(), amount: freshAmount(), currency: 'USDT_TRX' },
        delay,
      );
    } else if (what === 'submit') {
      outcome = await submitDraft(host, delay);
    } else {
      const answer = sync(host);
      await new Promise((resolve) => setTimeout(resolve, delay));
      await host.kill();
      outcome = await answer;
    }
    await restart(target);
    return `host ${target} killed +${delay} ms into ${what} (${outcome})`;
  }

  async function restart(target: 'A' | 'B') {
    if (target === 'A') hostA = await startDeskHost('A', dataDir);
    else hostB = await startDeskHost('B', dataDir);
  }

  async function changeAccount(host: DeskHost): Promise<string> {
    if (!profile) return 'no profile';
    const current = profile;
    const other = merchants.find((merchant) => merchant.account !== current.account);
    if (!other) return 'no other account';
    const updated = await host.call<Profile>('updateProfile', { id: current.id, ...other });
    if (!wasKilled(updated) && updated.ok) {
      current.account = other.account;
      return `now ${other.account.slice(0, 10)}…`;
    }
    notes.push(`updateProfile refused: ${describe(updated)}`);
    return `refused (${describe(updated)})`;
  }

  async function removeProfile(host: DeskHost): Promise<string> {
    if (!profile) return 'no profile';
    const removed = await host.call('removeProfile', { profileId: profile.id });
    if (!wasKilled(removed) && removed.ok) {
      profile = await addProfile(host);
      return `removed; now ${profile?.name ?? 'no profile'}`;
    }
    notes.push(`removeProfile refused: ${describe(removed)}`);
    return `refused (${describe(removed)})`;
  }

  async function toggleSecondHost(): Promise<string> {
    if (hostB?.alive()) {
      await hostB.close();
      hostB = null;
      return 'host B closed';
    }
    hostB = await startDeskHost('B', dataDir);
    return 'host B started on the same data folder';
  }

  /**
   * Submit on one host while the other saves an edit of the same draft. Either order is
   * fine, but an edit the desk reports as saved must be in what was signed: if it is not,
   * the person was told "saved" about a draft that had already been signed.
   */
  async function raceEditSubmit(): Promise<string> {
    const draft = pickDraft((d) => d.state === 'editing' && d.review !== null);
    const [submitter, editor] = random.chance(0.5)
      ? [hostA as DeskHost, hostB as DeskHost]
      : [hostB as DeskHost, hostA as DeskHost];
    const rowNo = random.pick(draft.rowNos);
    const amount = freshAmount();
    const [submitted, edited] = await Promise.all([
      submitCall(submitter, draft),
      editor.call<{ row: DraftRow }>('updateDraftRow', { draftId: draft.id, rowNo, amount }),
    ]);
    const outcome = `submit ${afterSubmit(draft, submitted)}; edit of row ${rowNo} ${describe(edited)}`;
    if (wasKilled(submitted) || !submitted.ok || wasKilled(edited) || !edited.ok) return outcome;
    const address = edited.value.row.address;
    const signed = readDesk(deskFile)
      .outbox.filter((row) => submitted.value.some((batch) => batch.requestId === row.requestId))
      .flatMap(
        (row) =>
          (
            JSON.parse(row.payloadJson) as {
              massAddresses?: { depositAddress: string; amount: string }[];
            }
          ).massAddresses ?? [],
      )
      .find((entry) => entry.depositAddress === address);
    if (!signed || compareDecimals(signed.amount, amount) !== 0) {
      raceViolations.push({
        invariant: 'no edit saved after signing',
        message: `draft ${draft.id}: the edit of row ${rowNo} (amount ${amount}) was reported saved, but the submission signed ${signed ? `amount ${signed.amount}` : 'no such row'} for ${address}`,
      });
    }
    return outcome;
  }

  async function perform(kind: OperationKind): Promise<string> {
    const host = kind === 'raceEditSubmit' ? null : anyHost();
    switch (kind) {
      case 'confirmSingle':
        return confirmSingle(host as DeskHost, {
          address: freshAddress(),
          amount: freshAmount(),
          currency: random.pick(CURRENCIES),
        });
      case 'reenterRejected': {
        const original = random.pick(
          ledger.singles.filter(
            (single) =>
              single.answer === 'rejected' &&
              !reentered.has(single.requestId) &&
              single.profileId === profile?.id,
          ),
        );
        reentered.add(original.requestId);
        return `again after ${original.requestId.slice(0, 8)} was rejected: ${await confirmSingle(host as DeskHost, original)}`;
      }
      case 'importDraft':
        return importDraft(host as DeskHost);
      case 'editDraft':
        return editDraft(host as DeskHost, false);
      case 'editAfterReview':
        return editDraft(host as DeskHost, true);
      case 'addRowAfterReview':
        return addRowAfterReview(host as DeskHost);
      case 'reviewDraft':
        return reviewDraft(host as DeskHost);
      case 'submitDraft':
        return submitDraft(host as DeskHost);
      case 'finishAndSync':
        return finishAndSync(host as DeskHost);
      case 'sync':
        return sync(host as DeskHost);
      case 'retryFailedRows':
        return retryFailedRows(host as DeskHost, false);
      case 'retryAgain':
        return retryFailedRows(host as DeskHost, true);
      case 'setFaults':
        return setFaults();
      case 'confirmUnderLoss':
        return confirmUnderLoss(host as DeskHost);
      case 'clearFaults':
        sim.setFaults(NO_FAULTS);
        faultsOn = false;
        return 'faults off';
      case 'killMidCall':
        return killMidCall();
      case 'killAndRestart': {
        const target = hostB?.alive() && random.chance(0.5) ? 'B' : 'A';
        await (target === 'A' ? hostA : hostB)?.kill();
        await restart(target);
        return `host ${target} killed idle and restarted`;
      }
      case 'changeAccount':
        return changeAccount(host as DeskHost);
      case 'removeProfile':
        return removeProfile(host as DeskHost);
      case 'toggleSecondHost':
        return toggleSecondHost();
      case 'raceEditSubmit':
        return raceEditSubmit();
    }
  }

  /** Faults off, one host, every pending or not-sent entry resolved, every payout final. */
  async function settle(): Promise<void> {
    sim.setFaults(NO_FAULTS);
    if (hostB?.alive()) await hostB.close();
    const host = await ensureHostA();
    for (let round = 1; round <= 5; round += 1) {
      const desk = snapshot();
      if (!desk || !profile) break;
      const liveProfile = profile.id;
      for (const draft of desk.drafts) {
        const modelDraft = drafts.get(draft.id);
        if (draft.state === 'submitting' && draft.profileId === liveProfile && modelDraft) {
          afterSubmit(modelDraft, await submitCall(host, modelDraft));
        }
      }
      await sync(host);
      await finishEverything(sim);
      await sync(host);
      const after = snapshot();
      const open = (after?.outbox ?? []).filter(
        (row) =>
          row.profileId === liveProfile && (row.state === 'pending' || row.state === 'not-sent'),
      );
      const submitting = (after?.drafts ?? []).filter(
        (draft) => draft.profileId === liveProfile && draft.state === 'submitting',
      );
      if (open.length === 0 && submitting.length === 0) break;
      if (round === 5) {
        notes.push(
          `after settling: ${open.length} entries still open, ${submitting.length} drafts submitting`,
        );
      }
    }
    await host.close();
    await finishEverything(sim);
  }

  try {
    hostA = await startDeskHost('A', dataDir);
    profile = await addProfile(hostA);
    if (!profile) throw new Error(`the first profile could not be added: ${notes.join('; ')}`);
    for (let index = 0; index < options.operations; index += 1) {
      if (!hostA.alive()) hostA = await startDeskHost('A', dataDir);
      profile ??= await addProfile(hostA);
      const kind = nextOperation(random, view(), options.adversarial);
      let outcome: string;
      const opStarted = Date.now();
      try {
        outcome = await perform(kind);
      } catch (error) {
        outcome = `driver error: ${error instanceof Error ? error.message : String(error)}`;
        notes.push(`${kind}: ${outcome}`);
      }
      log.push(`${kind}: ${outcome} [${Date.now() - opStarted} ms]`);
      if (!options.adversarial && !benignSucceeded(kind, outcome)) {
        // On a healthy network a careful person's operation is not refused: if it is, the
        // harness (or its reading of the contract) is wrong, and a green run would prove nothing.
        harnessViolations.push({
          invariant: 'benign operation succeeds',
          message: `operation ${index + 1} ${kind} was answered "${outcome}"`,
        });
      }
      snapshot();
    }
    const settleStarted = Date.now();
    await settle();
    notes.push(`settled in ${Date.now() - settleStarted} ms`);
    const simState = readSimulator(simFile);
    const violations = [
      ...checkInvariants(ledger, simState, readDesk(deskFile)),
      ...raceViolations,
      ...harnessViolations,
    ];
    const intents = new Set([
      ...ledger.singles.map((single) => single.requestId),
      ...ledger.seenOutbox.keys(),
    ]);
    return {
      seed: options.seed,
      adversarial: options.adversarial,
      log,
      violations,
      notes,
      checked: { intents: intents.size, payouts: simState.payouts.length },
      elapsedMs: Date.now() - started,
    };
  } finally {
    for (const host of [hostA, hostB]) {
      if (host?.alive()) await host.kill();
    }
    await sim.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
