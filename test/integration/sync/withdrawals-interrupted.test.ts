// A sync pass cut short while it reads a mass payout's recipients (more than one page of
// withdrawals): the payout itself was stored final in that pass, so the next pass sees it
// as known, final and unchanged, never reads its withdrawals again, and the cache keeps the
// first page only, for good. The recipients it misses are no longer "already paid" anywhere
// (paid-or-being-paid.ts reads the synced withdrawals once any exist), so a draft paying
// one of them again the same amount gets no DUPLICATE_RECENT_PAYOUT warning: the check that
// stops a file imported twice from paying everyone twice. A FAILED recipient among them is
// never offered for retry either (failedRowsOf reads the cached withdrawals).
// Real parts: the built-in simulator over HTTP (its latency and failNext faults cut the
// pass), SQLite, the keychain.
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCalypsoClient, type CalypsoClient } from '../../../electron/services/calypso';
import type { Withdrawal } from '../../../shared/calypso/types';
import type { DraftRow, DraftSummary } from '../../../shared/drafts';
import type { SyncStatus } from '../../../shared/ipc';
import { deskCalls } from '../../support/desk-calls';
import { openTestDesk, type TestDesk } from '../../support/test-desk';

let opened: TestDesk;
const { value } = deskCalls(() => opened.desk);

function cachedWithdrawals(dealId: string): number {
  const sqlite = new Database(join(opened.dir, 'payout-desk.sqlite'), { readonly: true });
  try {
    return sqlite
      .prepare('SELECT count(*) FROM withdrawals WHERE deal_id = ?')
      .pluck()
      .get(dealId) as number;
  } finally {
    sqlite.close();
  }
}

async function allWithdrawals(client: CalypsoClient, dealId: string): Promise<Withdrawal[]> {
  const all: Withdrawal[] = [];
  for (let pageNumber = 1; ; pageNumber += 1) {
    const page = await client.listWithdrawals({ dealId, pageNumber, pageSize: 100 });
    all.push(...page.result);
    if (page.result.length === 0 || pageNumber * 100 >= page.totalElements) return all;
  }
}

beforeAll(async () => {
  opened = await openTestDesk('withdrawals-interrupted', { simulator: { seed: 'none' } });
});

afterAll(async () => {
  await opened.close();
});

describe('a sync pass cut short between two pages of a mass payout’s recipients', () => {
  it('reads the rest at the next pass, so every recipient counts as paid', async () => {
    const sim = opened.desk.simulator;
    if (!sim) throw new Error('no built-in simulator');
    const [dealId] = sim.seedPayouts(1, {
      kind: 'mass',
      recipients: 150,
      state: 'COMPLETED',
      currency: 'USDT_TRX',
    });
    if (dealId === undefined) throw new Error('nothing seeded');

    // Every request waits 60 ms; once the first page of recipients is stored, the request for
    // the second (waiting) and its retries are answered 500: the pass ends offline.
    sim.setFaults({ latencyMs: 60 });
    const watch = setInterval(() => {
      if (cachedWithdrawals(dealId) > 0) {
        clearInterval(watch);
        sim.setFaults({ failNext: 4, latencyMs: 0 });
      }
    }, 5);
    const cut = await value<SyncStatus>('syncNow', { profileId: 'simulator' });
    clearInterval(watch);
    expect(cut.state).toBe('offline');
    expect(cachedWithdrawals(dealId)).toBe(100);

    sim.setFaults({ failNext: 0, latencyMs: 0 });
    const clean = await value<SyncStatus>('syncNow', { profileId: 'simulator' });
    expect(clean.state).toBe('idle');
    expect(cachedWithdrawals(dealId)).toBe(150);

    // The money side: the last recipient paid again the same amount is flagged as a repeat.
    const client = createCalypsoClient({ baseUrl: sim.baseUrl, ...sim.merchant });
    const last = (await allWithdrawals(client, dealId)).at(-1);
    if (!last) throw new Error('no withdrawals at the simulator');
    const draft = await value<DraftSummary>('createDraft', {
      profileId: 'simulator',
      name: 'the same file again',
      sourceFile: 'again.csv',
      decimalSeparator: '.',
      rows: [
        {
          line: 2,
          address: last.depositAddress,
          amount: last.amount,
          currency: last.currency,
          comment: '',
        },
      ],
    });
    const { rows } = await value<{ rows: DraftRow[] }>('getDraftRows', { draftId: draft.id });
    expect(rows[0]?.problems.map((problem) => problem.code)).toContain('DUPLICATE_RECENT_PAYOUT');
  });
});
