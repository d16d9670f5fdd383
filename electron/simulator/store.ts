/**
 * The simulator's state in one SQLite database (better-sqlite3): a file when the run is
 * given one (WAL), ':memory:' otherwise. Each payout and withdrawal is kept as the exact
 * JSON the API returns (money as exact number literals) next to the indexed columns used
 * for lookups, filters, paging and scheduling, so list pages are assembled from stored
 * text without re-serialising. All SQL is parameterised.
 */
import Database from 'better-sqlite3';
import { parseCalypsoJson, stringifyCalypsoJson } from '../../shared/calypso/json';
import type {
  Balance,
  Cancellation,
  MassPayout,
  Payout,
  Withdrawal,
} from '../../shared/calypso/types';
import type { DecimalString } from '../../shared/money';
import type { Bundle, Merchant, PayoutKind, PayoutRecord, WithdrawalRecord } from './records';

/** 2 added `withdrawals.debited` (balances move with payouts); a version 1 file is upgraded. */
const SCHEMA_VERSION = 2;
const FIRST_ID = 1001;

const SCHEMA = `
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE merchants (
  account TEXT PRIMARY KEY,
  api_key TEXT NOT NULL UNIQUE,
  secret TEXT NOT NULL,
  name TEXT NOT NULL,
  owner_id TEXT NOT NULL,
  company_id TEXT NOT NULL
);
CREATE TABLE balances (
  account TEXT NOT NULL REFERENCES merchants(account),
  currency TEXT NOT NULL,
  amount TEXT NOT NULL,
  PRIMARY KEY (account, currency)
);
CREATE TABLE payouts (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('single', 'mass')),
  account TEXT NOT NULL,
  idempotency_key TEXT,
  external_id TEXT,
  state TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  execution_at INTEGER,
  due_at INTEGER,
  cancellation TEXT,
  json TEXT NOT NULL
);
CREATE UNIQUE INDEX payouts_idempotency ON payouts (account, idempotency_key)
  WHERE idempotency_key IS NOT NULL;
CREATE INDEX payouts_page ON payouts (account, kind, created_at DESC, id DESC);
CREATE INDEX payouts_state_page ON payouts (account, kind, state, created_at DESC, id DESC);
CREATE INDEX payouts_due ON payouts (due_at) WHERE due_at IS NOT NULL;
CREATE TABLE withdrawals (
  id INTEGER PRIMARY KEY,
  parent_id INTEGER NOT NULL REFERENCES payouts(id),
  account TEXT NOT NULL,
  state TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  force_fail INTEGER NOT NULL,
  json TEXT NOT NULL,
  debited INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX withdrawals_page ON withdrawals (account, created_at DESC, id DESC);
CREATE INDEX withdrawals_parent ON withdrawals (parent_id, created_at DESC, id DESC);
`;

/** From schema 1: withdrawals written before balances moved were never debited (0). */
const UPGRADE_FROM_1 = 'ALTER TABLE withdrawals ADD COLUMN debited INTEGER NOT NULL DEFAULT 0;';

type DbMerchant = {
  account: string;
  api_key: string;
  secret: string;
  name: string;
  owner_id: string;
  company_id: string;
};

type DbPayout = {
  id: number;
  kind: PayoutKind;
  account: string;
  idempotency_key: string | null;
  external_id: string | null;
  state: string;
  created_at: number;
  execution_at: number | null;
  due_at: number | null;
  cancellation: string | null;
  json: string;
};

type DbWithdrawal = {
  id: number;
  parent_id: number;
  account: string;
  state: string;
  created_at: number;
  force_fail: number;
  json: string;
  debited: number;
};

export type PayoutListQuery = {
  account: string;
  kind: PayoutKind;
  states?: readonly string[];
  /** Q20: true -> executionDate > now; false -> none or <= now; undefined -> no filter. */
  executionInFuture?: boolean;
  now: number;
  limit: number;
  offset: number;
};

export type WithdrawalListQuery = {
  account: string;
  /** Parent payout id; undefined = any parent. */
  parentId?: string;
  states?: readonly string[];
  limit: number;
  offset: number;
};

/** Raw JSON texts of one page, newest first, and the number of matching rows. */
export type ListResult = { items: string[]; totalElements: number };

export type StoreCounts = {
  merchants: number;
  payouts: number;
  massPayouts: number;
  withdrawals: number;
  payoutsByState: Record<string, number>;
  massPayoutsByState: Record<string, number>;
};

// The casts below are sound: these texts were written by this store from typed views.
function toMerchant(row: DbMerchant): Merchant {
  return {
    account: row.account,
    key: row.api_key,
    secret: row.secret,
    name: row.name,
    ownerId: row.owner_id,
    companyId: row.company_id,
  };
}

function toPayout(row: DbPayout): PayoutRecord {
  const base = {
    id: String(row.id),
    account: row.account,
    idempotencyKey: row.idempotency_key,
    externalId: row.external_id,
    createdAt: row.created_at,
    executionAt: row.execution_at,
    dueAt: row.due_at,
    cancellation: row.cancellation === null ? null : (JSON.parse(row.cancellation) as Cancellation),
  };
  return row.kind === 'single'
    ? { ...base, kind: 'single', view: parseCalypsoJson(row.json) as Payout }
    : { ...base, kind: 'mass', view: parseCalypsoJson(row.json) as MassPayout };
}

function toWithdrawal(row: DbWithdrawal): WithdrawalRecord {
  return {
    id: String(row.id),
    parentId: String(row.parent_id),
    account: row.account,
    createdAt: row.created_at,
    forceFail: row.force_fail === 1,
    debited: row.debited === 1,
    view: parseCalypsoJson(row.json) as Withdrawal,
  };
}

function placeholders(count: number): string {
  return new Array<string>(count).fill('?').join(', ');
}

export class SimStore {
  private readonly db: Database.Database;
  private readonly statements = new Map<string, Database.Statement>();
  private nextId: number;

  private constructor(db: Database.Database) {
    this.db = db;
    this.nextId = this.highestId() + 1;
  }

  /** Opens (and if new, creates) the store; ':memory:' when no file is given. */
  static open(file = ':memory:', nativeBinding?: string): SimStore {
    const db = new Database(file, { nativeBinding });
    try {
      if (file !== ':memory:') {
        db.pragma('journal_mode = WAL');
        db.pragma('synchronous = NORMAL');
      }
      db.pragma('foreign_keys = ON');
      const version = Number(db.pragma('user_version', { simple: true }));
      if (version > SCHEMA_VERSION) {
        throw new Error(
          `${file} was written by a newer simulator (schema ${version}, this one knows ${SCHEMA_VERSION})`,
        );
      }
      if (version < SCHEMA_VERSION) {
        db.transaction(() => {
          db.exec(version === 0 ? SCHEMA : UPGRADE_FROM_1);
          db.pragma(`user_version = ${SCHEMA_VERSION}`);
        })();
      }
      return new SimStore(db);
    } catch (error) {
      db.close();
      throw error;
    }
  }

  close(): void {
    this.db.close();
  }

  transaction<T>(work: () => T): T {
    return this.db.transaction(work)();
  }

  private statement(sql: string): Database.Statement {
    let prepared = this.statements.get(sql);
    if (!prepared) {
      prepared = this.db.prepare(sql);
      this.statements.set(sql, prepared);
    }
    return prepared;
  }

  private highestId(): number {
    const row = this.statement(
      'SELECT max(coalesce((SELECT max(id) FROM payouts), 0), coalesce((SELECT max(id) FROM withdrawals), 0)) AS id',
    ).get() as { id: number };
    return Math.max(row.id, FIRST_ID - 1);
  }

  /** Ids are numeric strings from one sequence (Q19), so no two objects share an id. */
  allocateId(): string {
    const id = this.nextId;
    this.nextId += 1;
    return String(id);
  }

  // ---- meta and merchants ----------------------------------------------------------------

  getMeta(key: string): string | undefined {
    const row = this.statement('SELECT value FROM meta WHERE key = ?').get(key) as
      { value: string } | undefined;
    return row?.value;
  }

  setMeta(key: string, value: string): void {
    this.statement(
      'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
    ).run(key, value);
  }

  insertMerchant(merchant: Merchant, balances: readonly Balance[]): void {
    this.transaction(() => {
      this.statement(
        'INSERT INTO merchants (account, api_key, secret, name, owner_id, company_id) VALUES (?, ?, ?, ?, ?, ?)',
      ).run(
        merchant.account,
        merchant.key,
        merchant.secret,
        merchant.name,
        merchant.ownerId,
        merchant.companyId,
      );
      const insertBalance = this.statement(
        'INSERT INTO balances (account, currency, amount) VALUES (?, ?, ?)',
      );
      for (const balance of balances) {
        insertBalance.run(merchant.account, balance.currency, balance.amount);
      }
    });
  }

  /** New key and secret for an account, as Calypso support issues on request. */
  replaceCredentials(account: string, key: string, secret: string): void {
    this.statement('UPDATE merchants SET api_key = ?, secret = ? WHERE account = ?').run(
      key,
      secret,
      account,
    );
  }

  merchantByKey(key: string): Merchant | undefined {
    const row = this.statement('SELECT * FROM merchants WHERE api_key = ?').get(key) as
      DbMerchant | undefined;
    return row && toMerchant(row);
  }

  merchantByAccount(account: string): Merchant | undefined {
    const row = this.statement('SELECT * FROM merchants WHERE account = ?').get(account) as
      DbMerchant | undefined;
    return row && toMerchant(row);
  }

  balancesOf(account: string): Balance[] {
    return this.statement(
      'SELECT currency, amount FROM balances WHERE account = ? ORDER BY currency',
    ).all(account) as Balance[];
  }

  /** The exact decimal text of one balance; "0" for a currency the merchant never held. */
  balanceOf(account: string, currency: string): DecimalString {
    const row = this.statement(
      'SELECT amount FROM balances WHERE account = ? AND currency = ?',
    ).get(account, currency) as { amount: string } | undefined;
    return row?.amount ?? '0';
  }

  setBalance(account: string, currency: string, amount: DecimalString): void {
    this.statement(
      `INSERT INTO balances (account, currency, amount) VALUES (?, ?, ?)
       ON CONFLICT (account, currency) DO UPDATE SET amount = excluded.amount`,
    ).run(account, currency, amount);
  }

  // ---- payouts and withdrawals -----------------------------------------------------------

  insertBundle(bundle: Bundle): void {
    const { payout } = bundle;
    this.statement(
      `INSERT INTO payouts (id, kind, account, idempotency_key, external_id, state, created_at,
         execution_at, due_at, cancellation, json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      Number(payout.id),
      payout.kind,
      payout.account,
      payout.idempotencyKey,
      payout.externalId,
      payout.view.state,
      payout.createdAt,
      payout.executionAt,
      payout.dueAt,
      payout.cancellation && JSON.stringify(payout.cancellation),
      stringifyCalypsoJson(payout.view),
    );
    const insert = this.statement(
      `INSERT INTO withdrawals (id, parent_id, account, state, created_at, force_fail, json, debited)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    for (const withdrawal of bundle.withdrawals) {
      insert.run(
        Number(withdrawal.id),
        Number(withdrawal.parentId),
        withdrawal.account,
        withdrawal.view.state,
        withdrawal.createdAt,
        withdrawal.forceFail ? 1 : 0,
        stringifyCalypsoJson(withdrawal.view),
        withdrawal.debited ? 1 : 0,
      );
    }
  }

  updatePayout(payout: PayoutRecord): void {
    this.statement(
      'UPDATE payouts SET state = ?, due_at = ?, cancellation = ?, json = ? WHERE id = ?',
    ).run(
      payout.view.state,
      payout.dueAt,
      payout.cancellation && JSON.stringify(payout.cancellation),
      stringifyCalypsoJson(payout.view),
      Number(payout.id),
    );
  }

  updateWithdrawals(withdrawals: readonly WithdrawalRecord[]): void {
    const update = this.statement(
      'UPDATE withdrawals SET state = ?, json = ?, debited = ? WHERE id = ?',
    );
    for (const withdrawal of withdrawals) {
      update.run(
        withdrawal.view.state,
        stringifyCalypsoJson(withdrawal.view),
        withdrawal.debited ? 1 : 0,
        Number(withdrawal.id),
      );
    }
  }

  /** By id, any account: for the engine. */
  payoutById(id: string): PayoutRecord | undefined {
    if (!/^\d{1,15}$/.test(id)) return undefined;
    const row = this.statement('SELECT * FROM payouts WHERE id = ?').get(Number(id)) as
      DbPayout | undefined;
    return row && toPayout(row);
  }

  /** By id within one merchant and kind: what a lookup by `id` may see. */
  findPayout(account: string, kind: PayoutKind, id: string): PayoutRecord | undefined {
    const found = this.payoutById(id);
    return found && found.account === account && found.kind === kind ? found : undefined;
  }

  /** Keys are unique per account across single and mass payouts. */
  findPayoutByKey(account: string, idempotencyKey: string): PayoutRecord | undefined {
    const row = this.statement(
      'SELECT * FROM payouts WHERE account = ? AND idempotency_key = ?',
    ).get(account, idempotencyKey) as DbPayout | undefined;
    return row && toPayout(row);
  }

  withdrawalsOf(parentId: string): WithdrawalRecord[] {
    const rows = this.statement('SELECT * FROM withdrawals WHERE parent_id = ? ORDER BY id').all(
      Number(parentId),
    ) as DbWithdrawal[];
    return rows.map(toWithdrawal);
  }

  findWithdrawalJson(account: string, id: string): string | undefined {
    if (!/^\d{1,15}$/.test(id)) return undefined;
    const row = this.statement('SELECT json FROM withdrawals WHERE id = ? AND account = ?').get(
      Number(id),
      account,
    ) as { json: string } | undefined;
    return row?.json;
  }

  bundleOf(payout: PayoutRecord): Bundle {
    return { payout, withdrawals: this.withdrawalsOf(payout.id) };
  }

  /** Ids of payouts whose next transition is due at or before `now`, earliest first. */
  duePayoutIds(now: number, limit: number): string[] {
    const rows = this.statement(
      'SELECT id FROM payouts WHERE due_at IS NOT NULL AND due_at <= ? ORDER BY due_at, id LIMIT ?',
    ).all(now, limit) as { id: number }[];
    return rows.map((row) => String(row.id));
  }

  listPayouts(query: PayoutListQuery): ListResult {
    const where = ['account = ?', 'kind = ?'];
    const params: (string | number)[] = [query.account, query.kind];
    if (query.states) {
      where.push(`state IN (${placeholders(query.states.length)})`);
      params.push(...query.states);
    }
    if (query.executionInFuture === true) {
      where.push('execution_at > ?');
      params.push(query.now);
    } else if (query.executionInFuture === false) {
      where.push('(execution_at IS NULL OR execution_at <= ?)');
      params.push(query.now);
    }
    return this.page('payouts', where, params, query.limit, query.offset);
  }

  listWithdrawals(query: WithdrawalListQuery): ListResult {
    const where = ['account = ?'];
    const params: (string | number)[] = [query.account];
    if (query.parentId !== undefined) {
      where.push('parent_id = ?');
      params.push(/^\d{1,15}$/.test(query.parentId) ? Number(query.parentId) : -1);
    }
    if (query.states) {
      where.push(`state IN (${placeholders(query.states.length)})`);
      params.push(...query.states);
    }
    return this.page('withdrawals', where, params, query.limit, query.offset);
  }

  private page(
    table: 'payouts' | 'withdrawals',
    where: readonly string[],
    params: readonly (string | number)[],
    limit: number,
    offset: number,
  ): ListResult {
    const condition = where.join(' AND ');
    const { n } = this.statement(`SELECT count(*) AS n FROM ${table} WHERE ${condition}`).get(
      ...params,
    ) as { n: number };
    const rows = this.statement(
      `SELECT json FROM ${table} WHERE ${condition} ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?`,
    ).all(...params, limit, offset) as { json: string }[];
    return { items: rows.map((row) => row.json), totalElements: n };
  }

  countPayouts(account?: string): number {
    const row = (
      account === undefined
        ? this.statement('SELECT count(*) AS n FROM payouts').get()
        : this.statement('SELECT count(*) AS n FROM payouts WHERE account = ?').get(account)
    ) as { n: number };
    return row.n;
  }

  counts(): StoreCounts {
    const byState = this.statement(
      'SELECT kind, state, count(*) AS n FROM payouts GROUP BY kind, state',
    ).all() as { kind: PayoutKind; state: string; n: number }[];
    const counts: StoreCounts = {
      merchants: (this.statement('SELECT count(*) AS n FROM merchants').get() as { n: number }).n,
      payouts: 0,
      massPayouts: 0,
      withdrawals: (this.statement('SELECT count(*) AS n FROM withdrawals').get() as { n: number })
        .n,
      payoutsByState: {},
      massPayoutsByState: {},
    };
    for (const row of byState) {
      if (row.kind === 'single') {
        counts.payouts += row.n;
        counts.payoutsByState[row.state] = row.n;
      } else {
        counts.massPayouts += row.n;
        counts.massPayoutsByState[row.state] = row.n;
      }
    }
    return counts;
  }
}
