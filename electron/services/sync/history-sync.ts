/**
 * One sync pass of a profile's history into the cache (DESIGN.md "Sync").
 *
 * The list endpoints have no "changed since" filter, so a pass:
 * 1. pages single and mass payouts from the newest, stopping at the first page that is
 *    entirely cached and final (the first sync of a profile reads everything, then reads
 *    again from page 1 to catch payouts created while it was paging: newest-first pages shift,
 *    so an item can be seen twice, which the upsert absorbs, but never skipped);
 * 2. refreshes every cached item that is not final: the stateNames filter returns exactly
 *    those still moving, and the ones it no longer returns are read one by one (they ended);
 * 3. reads the withdrawals of every mass payout that is new, changed or still moving.
 */
import type { CalypsoClient } from '../calypso';
import { CalypsoApiError } from '../calypso';
import { NON_FINAL_PAYOUT_STATES } from '../../../shared/calypso/states';
import type { MassPayout, Page, Payout, PayoutState } from '../../../shared/calypso/types';
import type { PayoutKind } from '../../../shared/history';
import type { PayoutChange, SyncProgress } from '../../../shared/ipc';
import { pageCount } from '../../../shared/progress';
import type { PayoutsRepo, SyncStateRepo, UpsertResult } from '../db';

export const SYNC_PAGE_SIZE = 100;
const NOT_FOUND = '004';

export type { SyncProgress };

export type SyncOutcome = {
  profileId: string;
  /** Cached items whose state changed during this pass (not the newly discovered ones). */
  changes: PayoutChange[];
  newCount: number;
  /** Items still not final after the pass: polling continues while this is above zero. */
  pendingCount: number;
  full: boolean;
};

export type HistorySyncDeps = {
  payouts: PayoutsRepo;
  syncState: SyncStateRepo;
  now: () => number;
  onProgress?: (progress: SyncProgress) => void;
  /** Whether a payout was created by this app (its outbox knows the id). */
  sentFromApp?: (profileId: string, kind: PayoutKind, id: string) => boolean;
};

type KindOps = {
  list: (pageNumber: number) => Promise<Page<Payout | MassPayout>>;
  listNonFinal: (pageNumber: number) => Promise<Page<Payout | MassPayout>>;
  get: (id: string) => Promise<Payout | MassPayout>;
  upsert: (items: (Payout | MassPayout)[], atMs: number) => UpsertResult<PayoutState>;
};

/**
 * The pages in all of a page answer: its `total`, or when a server leaves that out (0 with
 * items listed), the pages its `totalElements` needs.
 */
export function pagesOf(page: Pick<Page<unknown>, 'total' | 'totalElements' | 'size'>): number {
  if (page.total > 0) return page.total;
  return pageCount(page.totalElements, page.size > 0 ? page.size : SYNC_PAGE_SIZE);
}

export function createHistorySync(deps: HistorySyncDeps) {
  const { payouts, syncState, now } = deps;

  function opsFor(client: CalypsoClient, profileId: string, kind: PayoutKind): KindOps {
    const nonFinal = { stateNames: [...NON_FINAL_PAYOUT_STATES], size: SYNC_PAGE_SIZE };
    if (kind === 'single') {
      return {
        list: (pageNumber) => client.listPayouts({ pageNumber, size: SYNC_PAGE_SIZE }),
        listNonFinal: (pageNumber) => client.listPayouts({ ...nonFinal, pageNumber }),
        get: (id) => client.getPayout({ id }),
        upsert: (items, atMs) => payouts.upsertPayouts(profileId, items as Payout[], atMs),
      };
    }
    return {
      list: (pageNumber) => client.listMassPayouts({ pageNumber, size: SYNC_PAGE_SIZE }),
      listNonFinal: (pageNumber) => client.listMassPayouts({ ...nonFinal, pageNumber }),
      get: (id) => client.getMassPayout({ id }),
      upsert: (items, atMs) => payouts.upsertMassPayouts(profileId, items as MassPayout[], atMs),
    };
  }

  async function syncProfile(client: CalypsoClient, profileId: string): Promise<SyncOutcome> {
    const changes: PayoutChange[] = [];
    let newCount = 0;
    let fetched = 0;
    let full = false;
    // Mass payouts a pass before this one left with recipients still to read come first.
    const massToDetail = new Set<string>(syncState.withdrawalsToRead(profileId));

    const record = (kind: PayoutKind, result: UpsertResult<PayoutState>) => {
      newCount += result.newIds.length;
      for (const change of result.changed) {
        if (change.fields.includes('state')) {
          changes.push({
            kind,
            id: change.id,
            state: change.state,
            previousState: change.previousState,
            sentFromApp: deps.sentFromApp?.(profileId, kind, change.id) ?? false,
          });
        }
      }
      if (kind === 'mass') {
        const toDetail = [...result.newIds, ...result.changed.map((change) => change.id)];
        for (const id of toDetail) massToDetail.add(id);
        // Remembered until every page of their withdrawals is read: stored as final and
        // unchanged, a payout whose recipients a cut-short pass did not finish would never be
        // read again, and the recipients it missed would not count as paid
        // (test/integration/sync/withdrawals-interrupted.test.ts).
        syncState.markWithdrawalsToRead(profileId, toDetail, now());
      }
    };

    /**
     * Whether the cache holds fewer items of `kind` than the server lists. A pass cut short
     * (5xx after retries, network lost, server or app killed) after it stored the newest
     * pages leaves the older new items unread behind pages that now look known and final:
     * stopping there would never read them, and the cache would never converge (found by the
     * fault suite, test/faults/server-errors.faults.test.ts). Paging then goes on.
     */
    function cacheIsMissingItems(kind: PayoutKind, serverTotal: number): boolean {
      let cached = 0;
      for (const count of Object.values(payouts.countByState(profileId, kind))) cached += count;
      return cached < serverTotal;
    }

    /**
     * Pages from the newest; returns how many pages were read. Each page tells the pages in
     * all (`total`), which the progress carries: on a first sync every page is read, so
     * "12 of 40 pages" is what is left to wait for.
     */
    async function pageFromNewest(
      kind: PayoutKind,
      ops: KindOps,
      stopAtKnown: boolean,
      firstSync: boolean,
    ) {
      let pagesRead = 0;
      for (let pageNumber = 1; ; pageNumber += 1) {
        const page = await ops.list(pageNumber);
        if (page.result.length === 0) break;
        pagesRead += 1;
        const ids = page.result.map((item) => item.id);
        const alreadyFinal = payouts.knownFinalIds(profileId, kind, ids);
        record(kind, ops.upsert(page.result, now()));
        fetched += page.result.length;
        deps.onProgress?.({
          profileId,
          phase: `${kind} payouts`,
          fetched,
          step: { unit: 'pages', done: pagesRead, total: pagesOf(page) },
          firstSync,
        });
        if (
          stopAtKnown &&
          alreadyFinal.size === ids.length &&
          !cacheIsMissingItems(kind, page.totalElements)
        ) {
          break;
        }
        if (pageNumber * SYNC_PAGE_SIZE >= page.totalElements) break;
      }
      return pagesRead;
    }

    async function refreshNonFinal(kind: PayoutKind, ops: KindOps) {
      const cached = payouts.nonFinalIds(profileId, kind);
      if (cached.length === 0) return;
      const stillMoving = new Set<string>();
      for (let pageNumber = 1; ; pageNumber += 1) {
        const page = await ops.listNonFinal(pageNumber);
        if (page.result.length === 0) break;
        for (const item of page.result) stillMoving.add(item.id);
        record(kind, ops.upsert(page.result, now()));
        if (pageNumber * SYNC_PAGE_SIZE >= page.totalElements) break;
      }
      for (const id of cached) {
        if (stillMoving.has(id)) continue;
        try {
          record(kind, ops.upsert([await ops.get(id)], now()));
        } catch (error) {
          // Gone from the server: keep what the cache knows rather than invent an end state.
          if (!(error instanceof CalypsoApiError && error.errorCode === NOT_FOUND)) throw error;
        }
      }
      if (kind === 'mass')
        for (const id of payouts.nonFinalIds(profileId, 'mass')) massToDetail.add(id);
    }

    async function syncWithdrawals(dealId: string) {
      for (let pageNumber = 1; ; pageNumber += 1) {
        const page = await client.listWithdrawals({ dealId, pageNumber, pageSize: SYNC_PAGE_SIZE });
        if (page.result.length === 0) break;
        payouts.upsertWithdrawals(profileId, dealId, page.result, now());
        if (pageNumber * SYNC_PAGE_SIZE >= page.totalElements) break;
      }
    }

    for (const kind of ['single', 'mass'] as const) {
      const ops = opsFor(client, profileId, kind);
      const firstSync = syncState.get(profileId, kind)?.lastFullSyncMs == null;
      const pagesRead = await pageFromNewest(kind, ops, !firstSync, firstSync);
      // Payouts created during a long first pass sit on page 1 again: read until a known
      // page. (A later pass is short; what appears during it is read by the next poll.)
      // That catch-up stops early, so its page count is not shown as a whole-history bar.
      if (firstSync && pagesRead > 1) await pageFromNewest(kind, ops, true, false);
      await refreshNonFinal(kind, ops);
      syncState.recordSuccess(profileId, kind, now(), firstSync);
      full ||= firstSync;
    }
    let detailed = 0;
    for (const dealId of massToDetail) {
      await syncWithdrawals(dealId);
      syncState.withdrawalsRead(profileId, dealId);
      detailed += 1;
      deps.onProgress?.({
        profileId,
        phase: 'recipients',
        fetched: detailed,
        step: { unit: 'mass payouts', done: detailed, total: massToDetail.size },
        firstSync: full,
      });
    }
    const pendingCount =
      payouts.nonFinalIds(profileId, 'single').length +
      payouts.nonFinalIds(profileId, 'mass').length;
    return { profileId, changes, newCount, pendingCount, full };
  }

  return { syncProfile };
}

export type HistorySync = ReturnType<typeof createHistorySync>;
