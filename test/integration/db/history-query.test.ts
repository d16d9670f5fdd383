import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MassPayout, Payout, PayoutState } from '../../../shared/calypso/types';
import type { HistoryQuery } from '../../../shared/history';
import {
  buildHistorySql,
  createPayoutsRepo,
  createProfilesRepo,
  createSearchIndexer,
  MAX_PAGE_SIZE,
  openDatabase,
  queryHistory,
  queryHistoryTotals,
  type CacheDatabase,
} from '../../../electron/services/db';

const DAY = 86_400_000;
const T0 = Date.UTC(2025, 0, 1);
const NOW = T0 + 100 * DAY;

function payout(id: string, over: Partial<Payout> = {}): Payout {
  return {
    id,
    account: '0x0000000000000000000000000000000000000001',
    depositAddress: `0x${id}`,
    amount: '1',
    currency: 'USDT',
    calypsoFee: null,
    calypsoFeePercentage: null,
    state: 'COMPLETED',
    createdDate: new Date(T0).toISOString(),
    transactionHash: null,
    comment: null,
    executionDate: null,
    idempotencyKey: null,
    errors: null,
    cancellation: null,
    belongingType: null,
    ...over,
  };
}

function mass(id: string, over: Partial<MassPayout> = {}): MassPayout {
  return {
    id,
    idempotencyKey: null,
    companyId: null,
    account: '0x0000000000000000000000000000000000000001',
    state: 'COMPLETED',
    comment: null,
    name: null,
    currency: 'USDT',
    totalWithdrawalAmount: '5',
    totalCalypsoFee: null,
    totalCalypsoFeePercentage: null,
    executionDate: new Date(T0 + 4 * DAY).toISOString(),
    errors: null,
    ...over,
  };
}

const at = (days: number) => new Date(T0 + days * DAY).toISOString();

let dir: string;
let db: CacheDatabase;
const ids = (query: Omit<HistoryQuery, 'profileId'>, profileId = 'main') =>
  queryHistory(db, { profileId, ...query }, { nowMs: NOW }).items.map((item) => item.id);

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'payout-desk-history-'));
  db = openDatabase(join(dir, 'cache.sqlite'));
  const profiles = createProfilesRepo(db);
  for (const id of ['main', 'other']) {
    profiles.insert({
      id,
      name: id,
      environment: 'custom',
      baseUrl: 'https://calypso.example',
      account: '0x1',
      keyHint: null,
      createdAt: T0,
    });
  }
  const repo = createPayoutsRepo(db);
  repo.upsertPayouts(
    'main',
    [
      payout('s-small', { amount: '0.000000000000000001', currency: 'ETH', createdDate: at(1) }),
      payout('s-nine', {
        amount: '9.5',
        createdDate: at(2),
        state: 'FAILED',
        comment: 'Refund for ORDER-77',
      }),
      payout('s-ten', {
        amount: '10',
        createdDate: at(3),
        transactionHash: '0xABCDEF0123456789',
        idempotencyKey: 'idem-Λ-42',
      }),
      payout('s-future', {
        amount: '250.25',
        currency: 'BTC',
        createdDate: at(5),
        state: 'CONFIRMED',
        executionDate: new Date(NOW + DAY).toISOString(),
        comment: 'Zahlung an Müller 50%_off',
      }),
      payout('s-past-exec', {
        createdDate: at(6),
        state: 'CANCELED',
        executionDate: new Date(NOW - DAY).toISOString(),
      }),
      payout('s-same-date-b', { createdDate: at(7), amount: '3' }),
      payout('s-same-date-a', { createdDate: at(7), amount: '3' }),
    ],
    T0 + 200 * DAY,
  );
  repo.upsertMassPayouts('main', [mass('m-payroll', { name: 'Payroll January' })], T0);
  repo.upsertPayouts('other', [payout('o-1', { comment: 'Refund for ORDER-77' })], T0);
});

afterAll(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('queryHistory filters', () => {
  it('lists one profile, newest first by default, with the full row', () => {
    const page = queryHistory(db, { profileId: 'main' });
    expect(page.total).toBe(8);
    expect(page.items.map((item) => item.id)).toEqual([
      's-same-date-b',
      's-same-date-a',
      's-past-exec',
      's-future',
      'm-payroll',
      's-ten',
      's-nine',
      's-small',
    ]);
    expect(page.items.find((item) => item.id === 's-ten')).toEqual({
      kind: 'single',
      id: 's-ten',
      state: 'COMPLETED',
      currency: 'USDT',
      amount: '10',
      fee: null,
      depositAddress: '0xs-ten',
      label: null,
      idempotencyKey: 'idem-Λ-42',
      transactionHash: '0xABCDEF0123456789',
      dateMs: T0 + 3 * DAY,
      executionDateMs: null,
      syncedAtMs: T0 + 200 * DAY,
    });
  });

  it('filters by kind', () => {
    expect(ids({ kinds: ['mass'] })).toEqual(['m-payroll']);
    expect(ids({ kinds: ['single'] })).toHaveLength(7);
    expect(ids({ kinds: ['single', 'mass'] })).toHaveLength(8);
  });

  it('filters by state and by currency, alone or together', () => {
    expect(ids({ states: ['FAILED'] })).toEqual(['s-nine']);
    expect(ids({ states: ['FAILED', 'CANCELED'] })).toEqual(['s-past-exec', 's-nine']);
    expect(ids({ currencies: ['BTC', 'ETH'] })).toEqual(['s-future', 's-small']);
    expect(ids({ states: ['COMPLETED'], currencies: ['ETH'] })).toEqual(['s-small']);
    expect(ids({ states: ['FAILED'], currencies: ['ETH'] })).toEqual([]);
  });

  it('filters by an inclusive date range', () => {
    expect(ids({ fromMs: T0 + 2 * DAY, toMs: T0 + 3 * DAY })).toEqual(['s-ten', 's-nine']);
    expect(ids({ fromMs: T0 + 7 * DAY })).toEqual(['s-same-date-b', 's-same-date-a']);
  });

  it('dates a mass payout without withdrawals by its execution date', () => {
    expect(ids({ fromMs: T0 + 4 * DAY, toMs: T0 + 4 * DAY })).toEqual(['m-payroll']);
  });

  it('keeps only payouts scheduled after now', () => {
    expect(ids({ scheduledOnly: true })).toEqual(['s-future']);
  });

  it('treats empty filter lists as no filter', () => {
    expect(ids({ states: [], currencies: [] })).toHaveLength(8);
  });
});

describe('what a history view paid', () => {
  it('sums the COMPLETED payouts among the matches, per currency, exactly', () => {
    expect(queryHistoryTotals(db, { profileId: 'main', kinds: ['single'] })).toEqual({
      paid: [
        // 10 + 3 + 3 (the FAILED 9.5, CONFIRMED and CANCELED ones are not paid).
        { currency: 'ETH', count: 1, total: '0.000000000000000001' },
        { currency: 'USDT', count: 3, total: '16' },
      ],
    });
    // The filters of the view apply: a currency, a kind, a search.
    expect(queryHistoryTotals(db, { profileId: 'main', currencies: ['USDT'] }).paid).toEqual([
      { currency: 'USDT', count: 4, total: '21' },
    ]);
    expect(
      queryHistoryTotals(db, { profileId: 'main', kinds: ['single'], search: 'ORDER-77' }).paid,
    ).toEqual([]);
    expect(queryHistoryTotals(db, { profileId: 'nobody' })).toEqual({ paid: [] });
  });
});

describe('queryHistory sorting and paging', () => {
  it('sorts amounts numerically and exactly within each currency, in both directions', () => {
    const desc = ids({ sort: { field: 'amount', direction: 'desc' }, kinds: ['single'] });
    // USDT, then ETH, then BTC: 250.25 BTC is not "more" than 10 USDT, so currencies never mix.
    expect(desc).toEqual([
      's-ten',
      's-nine',
      's-same-date-b',
      's-same-date-a',
      's-past-exec',
      's-small',
      's-future',
    ]);
    const asc = ids({ sort: { field: 'amount', direction: 'asc' }, kinds: ['single'] });
    expect(asc).toEqual([...desc].reverse());
  });

  it('breaks ties by id so equal rows keep a stable order', () => {
    expect(ids({ fromMs: T0 + 7 * DAY, sort: { field: 'date', direction: 'asc' } })).toEqual([
      's-same-date-a',
      's-same-date-b',
    ]);
  });

  it('sorts by state and by currency', () => {
    const byState = queryHistory(db, {
      profileId: 'main',
      sort: { field: 'state', direction: 'asc' },
    }).items.map((item) => item.state);
    expect(byState).toEqual([...byState].sort());
    expect(byState[0]).toBe('CANCELED');
    const byCurrency = queryHistory(db, {
      profileId: 'main',
      sort: { field: 'currency', direction: 'desc' },
    }).items.map((item) => item.currency);
    expect(byCurrency).toEqual(['USDT', 'USDT', 'USDT', 'USDT', 'USDT', 'USDT', 'ETH', 'BTC']);
  });

  it('pages with offset and limit while total counts every match', () => {
    const all = ids({});
    const first = queryHistory(db, { profileId: 'main', limit: 3 });
    const second = queryHistory(db, { profileId: 'main', limit: 3, offset: 3 });
    const last = queryHistory(db, { profileId: 'main', limit: 3, offset: 6 });
    expect([first.total, second.total, last.total]).toEqual([8, 8, 8]);
    expect([...first.items, ...second.items, ...last.items].map((item) => item.id)).toEqual(all);
    expect(last.items).toHaveLength(2);
    expect(last.offset).toBe(6);
    const beyond = queryHistory(db, { profileId: 'main', offset: 50 });
    expect(beyond).toEqual({ items: [], total: 8, offset: 50 });
  });

  it('caps the page size and rejects nonsense paging quietly', () => {
    const sql = buildHistorySql({ profileId: 'main', limit: 50_000, offset: -5 }, 1);
    expect(sql.limit).toBe(MAX_PAGE_SIZE);
    expect(sql.offset).toBe(0);
    expect(buildHistorySql({ profileId: 'main' }, 1).limit).toBe(100);
  });

  it('answers an empty page for an unknown profile', () => {
    expect(queryHistory(db, { profileId: 'nobody' })).toEqual({ items: [], total: 0, offset: 0 });
  });
});

describe('queryHistory search', () => {
  it('finds by a fragment of address, hash, comment, id and idempotency key', () => {
    expect(ids({ search: 's-fut' })).toEqual(['s-future']); // id (and address)
    expect(ids({ search: 'cdef0123' })).toEqual(['s-ten']); // transaction hash
    expect(ids({ search: 'order-77' })).toEqual(['s-nine']); // comment, this profile only
    expect(ids({ search: 'dem-λ-4' })).toEqual(['s-ten']); // idempotency key, folded
    expect(ids({ search: 'payroll' })).toEqual(['m-payroll']); // mass payout name
    expect(ids({ search: '0xs-same-date-a' })).toEqual(['s-same-date-a']); // address
  });

  it('ignores case, in ASCII and beyond', () => {
    expect(ids({ search: 'ABCDEF0123' })).toEqual(['s-ten']);
    expect(ids({ search: 'refund FOR' })).toEqual(['s-nine']);
    expect(ids({ search: 'MÜLLER' })).toEqual(['s-future']);
    expect(ids({ search: 'ü' })).toEqual(['s-future']);
  });

  it('matches fragments shorter than a trigram', () => {
    expect(ids({ search: 'Zr' })).toEqual([]);
    expect(ids({ search: 'zA' })).toEqual(['s-future']);
    expect(ids({ search: '77' })).toEqual(['s-nine']);
    expect(ids({ search: '7' })).toEqual(['s-ten', 's-nine']); // hash ...6789 and ORDER-77
  });

  it('takes % and _ literally', () => {
    expect(ids({ search: '50%_' })).toEqual(['s-future']);
    expect(ids({ search: '%' })).toEqual(['s-future']);
    expect(ids({ search: '5_%' })).toEqual([]);
  });

  it('combines search with filters, and counts only the matches', () => {
    const page = queryHistory(db, { profileId: 'main', search: 'S-', states: ['COMPLETED'] });
    expect(page.total).toBe(4);
    expect(queryHistory(db, { profileId: 'main', search: '  ' }).total).toBe(8);
  });
});

describe('search index', () => {
  it('finds rows before and after the backlog is indexed, and follows edits', () => {
    const local = openDatabase(join(dir, 'backlog.sqlite'));
    try {
      createProfilesRepo(local).insert({
        id: 'p',
        name: 'p',
        environment: 'simulator',
        baseUrl: 'http://127.0.0.1',
        account: '0x1',
        keyHint: null,
        createdAt: T0,
      });
      const repo = createPayoutsRepo(local);
      const many = Array.from({ length: 1500 }, (_, i) =>
        payout(`bulk-${String(i).padStart(4, '0')}`, { comment: `batch row ${String(i)}.` }),
      );
      repo.upsertPayouts('p', many, T0);
      const indexer = createSearchIndexer(local);
      // A 1,500-row batch indexes 1,000 rows itself and leaves the rest for later.
      expect(indexer.backlogSize()).toBe(500);
      const find = (search: string) =>
        queryHistory(local, { profileId: 'p', search }).items.map((item) => item.id);
      expect(find('bulk-0007')).toEqual(['bulk-0007']);
      expect(find('bulk-1499')).toEqual(['bulk-1499']);
      expect(find('ROW 1234.')).toEqual(['bulk-1234']);
      expect(find('row 7.')).toEqual(['bulk-0007']);

      expect(indexer.indexBacklog(300)).toEqual({ indexed: 300, remaining: 200 });
      expect(indexer.indexBacklog()).toEqual({ indexed: 200, remaining: 0 });
      expect(indexer.indexBacklog()).toEqual({ indexed: 0, remaining: 0 });
      expect(find('bulk-1499')).toEqual(['bulk-1499']);

      repo.upsertPayouts(
        'p',
        [
          payout('bulk-0007', {
            comment: 'renamed entry',
            state: 'COMPLETED',
            transactionHash: '0xfacefeed',
          }),
        ],
        T0 + 1,
      );
      expect(find('renamed')).toEqual(['bulk-0007']);
      expect(find('facefeed')).toEqual(['bulk-0007']);
      expect(find('row 7.')).toEqual([]);
    } finally {
      local.close();
    }
  });

  it("indexes a sync's small pages a whole chunk at a time, and finds them before and after", () => {
    const local = openDatabase(join(dir, 'backlog-pages.sqlite'));
    try {
      createProfilesRepo(local).insert({
        id: 'p',
        name: 'p',
        environment: 'simulator',
        baseUrl: 'http://127.0.0.1',
        account: '0x1',
        keyHint: null,
        createdAt: T0,
      });
      const repo = createPayoutsRepo(local);
      const indexer = createSearchIndexer(local);
      const find = (search: string) =>
        queryHistory(local, { profileId: 'p', search }).items.map((item) => item.id);
      const page = (n: number) =>
        Array.from({ length: 100 }, (_, i) =>
          payout(`page-${String(n)}-${String(i).padStart(2, '0')}`, {
            comment: `page ${String(n)} row ${String(i)}.`,
          }),
        );
      // A first sync writes pages of 100 (SYNC_PAGE_SIZE): FTS5 tokenises ten of them in one
      // transaction for about half the CPU of ten (docs/cache-upsert.md), so they wait.
      for (let n = 0; n < 9; n += 1) repo.upsertPayouts('p', page(n), T0);
      expect(indexer.backlogSize()).toBe(900);
      expect(find('page 3 row 42.')).toEqual(['page-3-42']);
      repo.upsertPayouts('p', page(9), T0);
      expect(indexer.backlogSize()).toBe(0);
      expect(find('page 3 row 42.')).toEqual(['page-3-42']);
      expect(find('page 9 row 99.')).toEqual(['page-9-99']);

      // A page below the chunk stays for the catch-up the desk runs after each sync.
      repo.upsertPayouts('p', page(10).slice(0, 3), T0);
      expect(indexer.backlogSize()).toBe(3);
      expect(find('page 10 row 2.')).toEqual(['page-10-02']);
      expect(indexer.indexBacklog()).toEqual({ indexed: 3, remaining: 0 });
      expect(find('page 10 row 2.')).toEqual(['page-10-02']);
    } finally {
      local.close();
    }
  });
});

describe('query plans', () => {
  it('serves the main history queries from an index, without sorting the whole profile', () => {
    const local = openDatabase(join(dir, 'plans.sqlite'));
    try {
      createProfilesRepo(local).insert({
        id: 'p',
        name: 'p',
        environment: 'simulator',
        baseUrl: 'http://127.0.0.1',
        account: '0x1',
        keyHint: null,
        createdAt: T0,
      });
      const states: PayoutState[] = [
        'COMPLETED',
        'COMPLETED',
        'COMPLETED',
        'FAILED',
        'IN_PROGRESS',
      ];
      const currencies = ['USDT', 'ETH', 'BTC', 'TRX'];
      createPayoutsRepo(local).upsertPayouts(
        'p',
        Array.from({ length: 3000 }, (_, i) =>
          payout(`p-${String(i)}`, {
            amount: `${String(i % 997)}.${String(i % 13)}`,
            state: states[i % states.length] ?? 'COMPLETED',
            currency: currencies[i % currencies.length] ?? 'USDT',
            createdDate: new Date(T0 + i * 60_000).toISOString(),
          }),
        ),
        T0,
      );
      const plan = (query: HistoryQuery) => {
        const { pageSql, countSql, params } = buildHistorySql(query, 1, { nowMs: NOW });
        const explain = (sql: string, values: object) =>
          local.sqlite
            .prepare<[object], { detail: string }>(`EXPLAIN QUERY PLAN ${sql}`)
            .all(values)
            .map((row) => row.detail)
            .join(' | ');
        return {
          page: explain(pageSql, { ...params, limit: 100, offset: 0 }),
          count: explain(countSql, params),
        };
      };

      const main = plan({ profileId: 'p' });
      expect(main.page).toMatch(/SEARCH p USING INDEX payouts_by_date \(profile_ref=\?\)/);
      expect(main.page).not.toMatch(/TEMP B-TREE FOR ORDER BY/);
      expect(main.count).toMatch(/COVERING INDEX/);

      const filtered = plan({ profileId: 'p', states: ['COMPLETED'], currencies: ['USDT'] });
      expect(filtered.page).toMatch(
        /USING INDEX payouts_by_state \(profile_ref=\? AND state=\? AND currency=\?\)/,
      );
      expect(filtered.page).not.toMatch(/TEMP B-TREE FOR ORDER BY/);
      expect(filtered.count).toMatch(/COVERING INDEX payouts_by_state/);

      const byAmount = plan({ profileId: 'p', sort: { field: 'amount', direction: 'desc' } });
      expect(byAmount.page).toMatch(/USING INDEX payouts_by_amount/);
      expect(byAmount.page).not.toMatch(/TEMP B-TREE FOR ORDER BY/);

      const search = plan({ profileId: 'p', search: 'p-123' });
      expect(search.page).toMatch(/SCAN payouts_search VIRTUAL TABLE/);
      expect(search.page).toMatch(/SEARCH p USING INTEGER PRIMARY KEY/);
    } finally {
      local.close();
    }
  });
});
