// Fault 9: a misbehaving or hostile page. Thousands of malformed arguments (wrong types,
// missing and extra fields, huge strings, deep nesting, prototype-pollution keys, NaN and
// Infinity, negative and huge numbers, arrays for objects, null) go to EVERY DeskApi method
// through `dispatch`, and a sample through the browser host's /api/call with the token. Each
// is answered {ok:false, error:{code:'VALIDATION'}} with a bounded message, no handler ever
// runs, the process stays up and Object.prototype stays clean. Seeded, bounded in count and
// time.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBrowserHost, type RunningBrowserHost } from '../../electron/browser-host/server';
import { dispatch, type DeskHandlers } from '../../electron/services/ipc/dispatch';
import { DESK_METHODS, DESK_SCHEMAS, type DeskMethod, type DeskResult } from '../../shared/ipc';
import { seededRandom } from './support/desk-harness';
import { recordOutcome } from './support/outcome';

const CASES_PER_METHOD = 130;
const HTTP_SAMPLE = 300;
const TIME_BUDGET_MS = 45_000;
/** No refusal needs more words than this (a clipped issue list). */
const MAX_MESSAGE = 6_000;

let host: RunningBrowserHost;
let dataDir: string;
let rendererDir: string;
let handlerCalls = 0;
let spied: DeskHandlers;

// ---- A valid argument per method: every malformed case starts from one and breaks it. ----

const UUID = '0b6f4a52-7d4e-4e8a-9f3c-2a1b3c4d5e6f';
/** Methods taking no argument need no entry; the contract may grow (see validTemplate). */
const VALID: Partial<Record<DeskMethod, unknown>> = {
  setApprovalPolicy: {
    profileId: 'p1',
    policy: {
      approvers: [{ name: 'Alice', publicKey: 'a'.repeat(64) }],
      required: 1,
      thresholds: [{ currency: 'TRX', above: '1000' }],
      firstPaymentNeedsApproval: true,
    },
  },
  createApproverKey: { name: 'Alice' },
  exportApprovalRequest: {
    draftId: 'd1',
    fingerprint: 'a'.repeat(64),
    preparerKey: 'b'.repeat(64),
  },
  openApprovalRequest: { json: '{}' },
  signApprovalRequest: { json: '{}', approverKey: 'b'.repeat(64) },
  importApproval: { json: '{}' },
  approveDraft: { draftId: 'd1', fingerprint: 'a'.repeat(64), approverKey: 'b'.repeat(64) },
  startTestPayment: { draftId: 'd1', address: 'TXYZ', currency: 'TRX' },
  sendHeldRows: { draftId: 'd1', fingerprint: 'a'.repeat(64) },
  setTestPaymentAmount: { profileId: 'p1', currency: 'TRX', amount: '1' },
  addProfile: {
    name: 'Acme',
    environment: 'custom',
    baseUrl: 'http://127.0.0.1:9',
    account: 'acct',
    key: 'key',
    secret: 'secret',
  },
  updateProfile: { id: 'p1', name: 'Renamed' },
  removeProfile: { profileId: 'p1' },
  checkConnection: { profileId: 'p1' },
  queryHistory: { profileId: 'p1', limit: 10, sort: { field: 'date', direction: 'desc' } },
  getPayoutDetails: { profileId: 'p1', kind: 'single', id: '1' },
  syncNow: { profileId: 'p1' },
  getSyncStatus: { profileId: 'p1' },
  getPaidByMonth: { profileId: 'p1', fromMonth: '2026-01', toMonth: '2026-12' },
  getHistoryTotals: { profileId: 'p1', currencies: ['USDT'], states: ['COMPLETED'] },
  listWithdrawals: { profileId: 'p1', dealId: '1', offset: 0, limit: 10 },
  previewPayout: {
    profileId: 'p1',
    requestId: UUID,
    depositAddress: 'TR1eViC7vr6F43UeZhAqgDURrow5iBJN36',
    amount: '1.5',
    currency: 'USDT_TRX',
  },
  estimateDebit: { profileId: 'p1', currency: 'USDT_TRX', amount: '1.5' },
  createPayout: {
    profileId: 'p1',
    requestId: UUID,
    depositAddress: 'TR1eViC7vr6F43UeZhAqgDURrow5iBJN36',
    amount: '1.5',
    currency: 'USDT_TRX',
    payloadHash: 'a'.repeat(64),
  },
  cancelIntent: { requestId: UUID },
  cancelPayout: { profileId: 'p1', kind: 'single', id: '1', message: 'stop' },
  exportHistory: { profileId: 'p1', states: ['COMPLETED'] },
  readPayoutFile: {
    profileId: 'p1',
    fileName: 'payroll.csv',
    bytes: 'YWRkcmVzcyxhbW91bnQK',
    choices: { decimalSeparator: ',', sheet: 1 },
    recall: true,
  },
  rereadPayoutFile: { readingId: UUID, choices: { mapping: { address: 0 }, sheet: 'Payroll' } },
  createDraftFromReading: {
    readingId: UUID,
    profileId: 'p1',
    name: 'Payroll',
    rememberMapping: true,
  },
  createDraft: {
    profileId: 'p1',
    name: 'Payroll',
    decimalSeparator: '.',
    mapping: { address: 0, amount: 'Amount' },
    rows: [{ line: 2, address: 'a', amount: '1', currency: 'TRX', comment: '' }],
  },
  startDraftImport: { profileId: 'p1', name: 'Payroll', decimalSeparator: '.', totalRows: 20_000 },
  appendDraftImportRows: {
    importId: UUID,
    firstRowNo: 1,
    rows: [{ line: 2, address: 'a', amount: '1', currency: 'TRX', comment: '' }],
  },
  finishDraftImport: { importId: UUID },
  cancelDraftImport: { importId: UUID },
  listDrafts: { profileId: 'p1' },
  getDraft: { draftId: 'd1' },
  getDraftRows: { draftId: 'd1', offset: 0, limit: 50, verdict: 'error', search: '50%_off' },
  updateDraftRow: { draftId: 'd1', rowNo: 1, comment: 'x' },
  acceptDraftRowRisk: { draftId: 'd1', rowNo: 1, risk: 'ADDRESS_LOOKALIKE' },
  addDraftRow: { draftId: 'd1' },
  deleteDraftRows: { draftId: 'd1', rowNos: [1, 2] },
  deleteMatchingDraftRows: { draftId: 'd1', verdict: 'error', search: 'Anna', exceptRowNos: [3] },
  restoreDraftRows: { draftId: 'd1', rowNos: [1, 2] },
  discardDraft: { draftId: 'd1' },
  reviewDraft: { draftId: 'd1' },
  submitDraft: { draftId: 'd1', fingerprint: 'a'.repeat(64) },
  getDraftBatches: { draftId: 'd1' },
  retryFailedRows: { draftId: 'd1' },
  exportReconciliation: { draftId: 'd1' },
  recallMapping: { headerSignature: 'address,amount' },
  getImportHistory: { profileId: 'p1' },
  listRunBaselines: { draftId: 'd1' },
  compareDraft: { draftId: 'd1', baseline: { draftId: 'd0' } },
  exportRunDiff: { draftId: 'd1', baseline: { draftId: 'd0' } },
  repeatDraft: { draftId: 'd1', name: 'Payroll March' },
  listAudit: {
    profileId: 'p1',
    actions: ['payout.submitted', 'profile.updated'],
    fromMs: 1_700_000_000_000,
    toMs: 1_800_000_000_000,
    beforeId: 10,
    limit: 5,
  },
  listAddressBook: { profileId: 'p1', search: 'anna', network: 'tron', offset: 0, limit: 50 },
  updateAddressBookEntry: {
    profileId: 'p1',
    network: 'tron',
    address: 'TR1eViC7vr6F43UeZhAqgDURrow5iBJN36',
    label: 'Anna',
    notes: null,
    trusted: true,
  },
  exportAddressBook: { profileId: 'p1' },
  importAddressBook: { profileId: 'p1', csv: 'Network,Address\ntron,T' },
};

/**
 * The valid argument a method's cases start from: the one above, else the first simple shape
 * its schema accepts (so a method added to the contract is fuzzed too), else none, which the
 * first test reports.
 */
function validTemplate(method: DeskMethod): { found: boolean; value: unknown } {
  const candidates = [
    ...(method in VALID ? [VALID[method]] : []),
    undefined,
    {},
    { profileId: 'p1' },
    { draftId: 'd1' },
  ];
  for (const value of candidates) {
    if (DESK_SCHEMAS[method].safeParse(value).success) return { found: true, value };
  }
  return { found: false, value: undefined };
}

// ---- Malformed values ----------------------------------------------------------------------

function deepArray(depth: number): unknown {
  let value: unknown = 'bottom';
  for (let level = 0; level < depth; level += 1) value = [value];
  return value;
}

function deepObject(depth: number): unknown {
  let value: unknown = { profileId: 'p1' };
  for (let level = 0; level < depth; level += 1) value = { profileId: value };
  return value;
}

/** Own enumerable keys that a careless merge would turn into prototype pollution. */
function pollutingObject(): Record<string, unknown> {
  return JSON.parse(
    '{"__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}},"prototype":{"polluted":"yes"}}',
  ) as Record<string, unknown>;
}

const HUGE = 'x'.repeat(1_000_000);
const WEIRD: readonly (() => unknown)[] = [
  () => null,
  () => Number.NaN,
  () => Number.POSITIVE_INFINITY,
  () => Number.NEGATIVE_INFINITY,
  () => -1,
  () => -0.5,
  () => 1.5,
  () => 2 ** 53 + 2,
  () => 1e308,
  () => Number.MAX_VALUE,
  () => true,
  () => false,
  () => '',
  () => '   ',
  () => HUGE,
  () => '\u0000\uD800\uFFFF',
  () => '{"profileId":"p1"}',
  () => [],
  () => [VALID.syncNow],
  () => [1, 'two', null],
  () => ({}),
  () => Object.create(null) as unknown,
  () => pollutingObject(),
  () => deepArray(5_000),
  () => deepObject(5_000),
  () => new Date(0),
  () => 10n,
  () => new Uint8Array(8),
  () => new Map([['profileId', 'p1']]),
];
const EXTRA_KEYS = [
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'valueOf',
  'hasOwnProperty',
  '__defineGetter__',
  '',
  'profileid',
  'x'.repeat(10_000),
];

function pick<T>(random: () => number, items: readonly T[]): T {
  const item = items[Math.floor(random() * items.length)];
  if (item === undefined) throw new Error('pick from an empty list');
  return item;
}

function weird(random: () => number): unknown {
  return pick(random, WEIRD)();
}

function clone(value: unknown): Record<string, unknown> {
  return structuredClone(value) as Record<string, unknown>;
}

function setOwn(target: Record<string, unknown>, key: string, value: unknown) {
  Object.defineProperty(target, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}

/** One malformed argument for `method`, by one of several kinds of breakage. */
function malformed(method: DeskMethod, random: () => number): { kind: string; argument: unknown } {
  const valid = validTemplate(method).value;
  if (valid === undefined) {
    return { kind: 'argument where none is taken', argument: weird(random) };
  }
  const keys = Object.keys(valid as object);
  const roll = random();
  if (roll < 0.15) return { kind: 'wrong type for the whole argument', argument: weird(random) };
  if (roll < 0.3) {
    const argument = clone(valid);
    setOwn(argument, pick(random, EXTRA_KEYS), weird(random));
    return { kind: 'extra or polluting key', argument };
  }
  if (roll < 0.42) {
    const argument = clone(valid);
    Reflect.deleteProperty(argument, pick(random, keys));
    return { kind: 'missing field', argument };
  }
  if (roll < 0.85) {
    const argument = clone(valid);
    argument[pick(random, keys)] = weird(random);
    return { kind: 'wrong value for a field', argument };
  }
  // Breakage one level down: inside arrays and nested objects.
  const argument = clone(valid);
  const nested = keys.filter((key) => typeof argument[key] === 'object' && argument[key] !== null);
  if (nested.length === 0) {
    setOwn(argument, '__proto__', { polluted: 'yes' });
    return { kind: 'extra or polluting key', argument };
  }
  const key = pick(random, nested);
  const inner = argument[key] as Record<string, unknown> | unknown[];
  if (Array.isArray(inner)) {
    const first = inner[0];
    if (first !== null && typeof first === 'object' && random() < 0.5) {
      setOwn(first as Record<string, unknown>, pick(random, EXTRA_KEYS), weird(random));
    } else inner[0] = weird(random);
  } else {
    const innerKeys = Object.keys(inner);
    if (innerKeys.length > 0 && random() < 0.6) inner[pick(random, innerKeys)] = weird(random);
    else setOwn(inner, pick(random, EXTRA_KEYS), weird(random));
  }
  return { kind: 'nested breakage', argument };
}

function isValid(method: DeskMethod, argument: unknown): boolean {
  return DESK_SCHEMAS[method].safeParse(argument).success;
}

function prototypeSnapshot(): string {
  return JSON.stringify(
    [Object.prototype, Array.prototype, Function.prototype, String.prototype].map((proto) =>
      Object.getOwnPropertyNames(proto).sort(),
    ),
  );
}

function expectRefusal(result: DeskResult<unknown>, context: string) {
  expect(result.ok, context).toBe(false);
  if (result.ok) return;
  expect(result.error.code, context).toBe('VALIDATION');
  expect(typeof result.error.message, context).toBe('string');
  expect(result.error.message.length, context).toBeGreaterThan(0);
  expect(result.error.message.length, context).toBeLessThanOrEqual(MAX_MESSAGE);
  expect(JSON.stringify(result).length, context).toBeLessThanOrEqual(4 * MAX_MESSAGE);
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'payout-desk-faults-fuzz-'));
  rendererDir = mkdtempSync(join(tmpdir(), 'payout-desk-faults-renderer-'));
  writeFileSync(join(rendererDir, 'index.html'), '<html><head></head><body>app</body></html>');
  host = await startBrowserHost({
    rendererDir,
    desk: { dataDir, simulator: { seed: 'none' }, sync: { startOnOpen: false } },
  });
  // Every handler counts its calls: not one malformed argument may reach a service.
  const real = host.desk.handlers;
  spied = Object.fromEntries(
    DESK_METHODS.map((method) => [
      method,
      (argument: unknown) => {
        handlerCalls += 1;
        return (real[method] as (value: unknown) => unknown)(argument);
      },
    ]),
  ) as DeskHandlers;
});

afterAll(async () => {
  await host.close();
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(rendererDir, { recursive: true, force: true });
});

describe('fault 9: malformed arguments to every DeskApi method (IPC fuzz)', () => {
  it('dispatch refuses thousands of malformed arguments with VALIDATION and runs no handler', async ({
    task,
  }) => {
    for (const method of DESK_METHODS) {
      expect(validTemplate(method).found, `a valid argument for ${method}`).toBe(true);
    }
    const before = prototypeSnapshot();
    const random = seededRandom(9_009);
    const deadline = Date.now() + TIME_BUDGET_MS;
    const kinds = new Map<string, number>();
    let sent = 0;
    let regenerated = 0;
    for (const method of DESK_METHODS) {
      for (let n = 0; n < CASES_PER_METHOD && Date.now() < deadline; n += 1) {
        let attempt = malformed(method, random);
        // A breakage that happens to be valid (e.g. a number where 0 is allowed) is redrawn.
        for (let tries = 0; tries < 20 && isValid(method, attempt.argument); tries += 1) {
          regenerated += 1;
          attempt = malformed(method, random);
        }
        if (isValid(method, attempt.argument)) continue;
        const result = await dispatch(spied, method, attempt.argument);
        expectRefusal(result, `${method} / ${attempt.kind}`);
        kinds.set(attempt.kind, (kinds.get(attempt.kind) ?? 0) + 1);
        sent += 1;
      }
    }
    // Arguments whose refusal could balloon: an issue per element or per unknown key.
    const amplifiers: [DeskMethod, unknown][] = [
      [
        'createDraft',
        {
          ...(VALID.createDraft as object),
          rows: Array.from({ length: 99_999 }, () => ({ line: 'x' })),
        },
      ],
      [
        'syncNow',
        Object.fromEntries(Array.from({ length: 5_000 }, (_, i) => [`k${i}`.padEnd(300, 'k'), i])),
      ],
      ['deleteDraftRows', { draftId: 'd1', rowNos: Array.from({ length: 99_999 }, () => -1) }],
    ];
    for (const [method, argument] of amplifiers) {
      expectRefusal(await dispatch(spied, method, argument), `${method} amplifier`);
      sent += 1;
    }
    // Methods that do not exist, including the names of Object.prototype's members.
    const names: unknown[] = [
      '__proto__',
      'constructor',
      'toString',
      'hasOwnProperty',
      'valueOf',
      '',
      'LISTPROFILES',
      'listProfiles ',
      'x'.repeat(100_000),
      null,
      undefined,
      42,
      Number.NaN,
      ['listProfiles'],
      { method: 'listProfiles' },
      Symbol('listProfiles'),
    ];
    for (const name of names) {
      const result = await dispatch(spied, name, undefined);
      expectRefusal(result, `method ${String(name).slice(0, 30)}`);
      sent += 1;
    }

    expect(sent).toBeGreaterThanOrEqual(3_000);
    expect(handlerCalls).toBe(0);
    expect(prototypeSnapshot()).toBe(before);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    // Still serving: a valid call goes through.
    const alive = await dispatch(spied, 'listProfiles', undefined);
    expect(alive.ok).toBe(true);
    expect(handlerCalls).toBe(1);
    recordOutcome(
      task,
      `dispatch: ${sent} malformed calls over ${DESK_METHODS.length} methods (${[...kinds].map(([kind, count]) => `${count} ${kind}`).join(', ')}; ${regenerated} valid draws redrawn), all VALIDATION, no handler ran, prototypes clean`,
    );
  });

  it('the browser host refuses a sample over HTTP with the token and stays up', async ({
    task,
  }) => {
    const before = prototypeSnapshot();
    const origin = host.url.replace(/\/$/, '');
    const post = async (body: string) => {
      const response = await fetch(`${host.url}api/call`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Origin: origin, 'X-Desk-Token': host.token },
        body,
      });
      return { status: response.status, body: (await response.json()) as DeskResult<unknown> };
    };
    const random = seededRandom(9_010);
    const deadline = Date.now() + TIME_BUDGET_MS;
    let sent = 0;
    const callsBefore = handlerCalls;
    for (let n = 0; n < HTTP_SAMPLE && Date.now() < deadline; n += 1) {
      const method = pick(random, DESK_METHODS);
      const { argument } = malformed(method, random);
      // What JSON can carry: NaN becomes null, a BigInt or a deep nest cannot be sent as is.
      let text: string;
      try {
        text = JSON.stringify({ method, argument });
      } catch {
        continue;
      }
      const parsed = (JSON.parse(text) as { argument?: unknown }).argument;
      if (isValid(method, parsed)) continue;
      const answer = await post(text);
      expect(answer.status).toBe(200);
      expectRefusal(answer.body, `HTTP ${method}`);
      sent += 1;
    }
    // Bodies no page would send: not JSON, not an object, deeply nested, polluting.
    const raw: [string, number][] = [
      ['not json', 400],
      ['', 400],
      ['null', 200],
      ['[]', 200],
      ['{"method":"__proto__","argument":{}}', 200],
      [
        '{"__proto__":{"polluted":"yes"},"method":"syncNow","argument":{"profileId":"p1","__proto__":{"polluted":"yes"}}}',
        200,
      ],
      ['{"method":"constructor","argument":{"prototype":{"polluted":"yes"}}}', 200],
      [`{"method":"syncNow","argument":${'['.repeat(20_000)}1${']'.repeat(20_000)}}`, 200],
      [`{"method":"syncNow","argument":{"profileId":"${'y'.repeat(2_000_000)}"}}`, 200],
    ];
    for (const [body, status] of raw) {
      const answer = await post(body);
      expect(answer.status, body.slice(0, 60)).toBe(status);
      expectRefusal(answer.body, `raw ${body.slice(0, 40)}`);
      sent += 1;
    }
    expect(sent).toBeGreaterThanOrEqual(200);
    expect(handlerCalls).toBe(callsBefore);
    expect(prototypeSnapshot()).toBe(before);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const alive = await post(JSON.stringify({ method: 'listProfiles' }));
    expect(alive.body.ok).toBe(true);
    recordOutcome(
      task,
      `browser host: ${sent} malformed /api/call bodies, all VALIDATION (400 for non-JSON), host still answering`,
    );
  });
});
