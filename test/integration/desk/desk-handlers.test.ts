// The composed DeskApi handlers as main serves them (through `dispatch`), on real parts: a
// SQLite file, the real keychain (npm test's private gnome-keyring), the built-in simulator
// and a second simulator standing in for a merchant's Calypso account.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { createCalypsoClient } from '../../../electron/services/calypso';
import { createDesk, type Desk } from '../../../electron/services/desk';
import { dispatch } from '../../../electron/services/ipc/dispatch';
import { createKeytarStore } from '../../../electron/services/vault';
import { startSimulator, type RunningSimulator } from '../../../electron/simulator';
import type { DeskMethod, Profile } from '../../../shared/ipc';
import { testAddress } from '../../support/addresses';
import { confirmed } from '../../support/confirm-payout';
import { deskCalls } from '../../support/desk-calls';

const secretStore = createKeytarStore('payout-desk-test');
let dir: string;
let desk: Desk;
const { call, value } = deskCalls(() => desk);
let merchantSim: RunningSimulator;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'payout-desk-desk-'));
  merchantSim = await startSimulator();
  merchantSim.seedPayouts(120, { kind: 'single', state: 'COMPLETED', currency: 'TRX' });
  desk = await createDesk({
    dataDir: dir,
    secretStore,
    simulator: {
      delays: { creationMs: 100, confirmationMs: 100, startMs: 100, completionMs: 200 },
    },
    sync: { startOnOpen: false, minIntervalMs: 200, maxIntervalMs: 1_000 },
  });
});

afterAll(async () => {
  for (const profile of await value<Profile[]>('listProfiles')) {
    if (profile.environment !== 'simulator') await call('removeProfile', { profileId: profile.id });
  }
  await desk.close();
  await merchantSim.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('profiles', () => {
  it('the built-in simulator profile exists at first start and syncs its demo history', async () => {
    const profiles = await value<Profile[]>('listProfiles');
    expect(profiles).toContainEqual(
      expect.objectContaining({ id: 'simulator', environment: 'simulator', hasSecret: true }),
    );
    const status = await value<{ state: string }>('syncNow', { profileId: 'simulator' });
    expect(status.state).toBe('idle');
    const page = await value<{ total: number }>('queryHistory', { profileId: 'simulator' });
    expect(page.total).toBeGreaterThan(200);
  });

  it('a wrong secret is refused with a clear message and nothing is saved', async () => {
    const result = await call('addProfile', {
      name: 'Wrong secret',
      environment: 'custom',
      baseUrl: merchantSim.baseUrl,
      account: merchantSim.merchant.account,
      key: merchantSim.merchant.key,
      secret: 'f'.repeat(32),
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('AUTH_REJECTED');
    expect(result.error.message).toMatch(/secret does not match/);
    expect(JSON.stringify(result)).not.toContain('f'.repeat(32));
    expect((await value<Profile[]>('listProfiles')).map((p) => p.name)).not.toContain(
      'Wrong secret',
    );
  });

  it('an unknown key and an unreachable host get their own messages', async () => {
    const unknownKey = await call('addProfile', {
      name: 'x',
      environment: 'custom',
      baseUrl: merchantSim.baseUrl,
      account: merchantSim.merchant.account,
      key: '0'.repeat(32),
      secret: merchantSim.merchant.secret,
    });
    expect(unknownKey).toMatchObject({ ok: false, error: { code: 'AUTH_REJECTED' } });
    if (!unknownKey.ok) expect(unknownKey.error.message).toMatch(/does not recognise this API key/);

    const unreachable = await call('addProfile', {
      name: 'x',
      environment: 'custom',
      baseUrl: 'http://127.0.0.1:1',
      account: merchantSim.merchant.account,
      key: merchantSim.merchant.key,
      secret: merchantSim.merchant.secret,
    });
    expect(unreachable).toMatchObject({ ok: false, error: { code: 'NO_NETWORK' } });
    if (!unreachable.ok) expect(unreachable.error.message).toMatch(/Cannot reach 127\.0\.0\.1:1/);
  });

  it('adds a profile, keeps the secret in the keychain only, syncs, and removes it', async () => {
    const { secret } = merchantSim.merchant;
    const profile = await value<Profile>('addProfile', {
      name: 'Acme treasury',
      environment: 'custom',
      baseUrl: merchantSim.baseUrl,
      account: merchantSim.merchant.account,
      key: merchantSim.merchant.key,
      secret,
    });
    expect(profile.keyHint).toContain('…');
    expect(profile.keyHint).not.toBe(merchantSim.merchant.key);
    expect(JSON.stringify(await value('listProfiles'))).not.toContain(secret);
    expect(await secretStore.get(profile.id)).toContain(secret);

    await value('syncNow', { profileId: profile.id });
    const page = await value<{ total: number }>('queryHistory', { profileId: profile.id });
    expect(page.total).toBe(120);
    const check = await value<{ balances: unknown[] }>('checkConnection', {
      profileId: profile.id,
    });
    expect(check.balances.length).toBeGreaterThan(0);

    // Neither the database file nor any answer holds the secret.
    expect(readFileSync(join(dir, 'payout-desk.sqlite')).includes(secret)).toBe(false);

    await value('removeProfile', { profileId: profile.id });
    expect(await secretStore.get(profile.id)).toBeNull();
    expect(await call('queryHistory', { profileId: profile.id })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
  });
});

describe('single payouts through the outbox', () => {
  it('submits exactly once however often the same request is sent', async () => {
    const before = desk.simulator?.countPayouts() ?? 0;
    const request = {
      profileId: 'simulator',
      requestId: randomUUID(),
      depositAddress: testAddress('tron', 900),
      amount: '15.5',
      currency: 'USDT_TRX',
      comment: 'double click',
    };
    const confirmedRequest = await confirmed(value, request);
    const results = await Promise.all([
      value<{ state: string; item: { id: string } }>('createPayout', confirmedRequest),
      value<{ state: string; item: { id: string } }>('createPayout', confirmedRequest),
    ]);
    const again = await value<{ state: string; item: { id: string } }>(
      'createPayout',
      confirmedRequest,
    );
    expect(results.map((result) => result.state)).toEqual(['done', 'done']);
    expect(new Set([...results, again].map((result) => result.item.id)).size).toBe(1);
    expect(desk.simulator?.countPayouts()).toBe(before + 1);
  });

  it('an unknown outcome stays pending, then is resolved by its key without a second payout', async () => {
    const sim = desk.simulator;
    if (!sim) throw new Error('no built-in simulator');
    const before = sim.countPayouts();
    const requestId = randomUUID();
    const request = {
      profileId: 'simulator',
      requestId,
      depositAddress: testAddress('ethereum', 901),
      amount: '0.25',
      currency: 'ETH',
    };
    // Every attempt of the client meets a 5xx: nobody knows whether the payout exists.
    sim.setFaults({ failNext: 1_000 });
    const result = await value<{ state: string }>('createPayout', await confirmed(value, request));
    sim.setFaults({ failNext: 0 });
    expect(result.state).toBe('pending');
    expect(sim.countPayouts()).toBe(before);

    // A sync pass resolves the outbox first: look up by key (004), send with the same key.
    await expect
      .poll(async () => {
        await value('syncNow', { profileId: 'simulator' });
        return sim.countPayouts();
      })
      .toBe(before + 1);
    const page = await value<{ items: { idempotencyKey: string | null }[] }>('queryHistory', {
      profileId: 'simulator',
      search: requestId,
    });
    expect(page.items.map((item) => item.idempotencyKey)).toEqual([requestId]);

    // The user clicking Confirm again gets the same payout, not a new one.
    const again = await value<{ state: string }>('createPayout', await confirmed(value, request));
    expect(again.state).toBe('done');
    expect(sim.countPayouts()).toBe(before + 1);
  });

  it('an answer dropped after the write is adopted by its key', async () => {
    const sim = desk.simulator;
    if (!sim) throw new Error('no built-in simulator');
    const before = sim.countPayouts();
    sim.setFaults({ dropNext: 1 });
    const result = await value<{ state: string }>(
      'createPayout',
      await confirmed(value, {
        profileId: 'simulator',
        requestId: randomUUID(),
        depositAddress: testAddress('dogecoin', 905),
        amount: '100',
        currency: 'XDG',
      }),
    );
    expect(result.state).toBe('done');
    expect(sim.countPayouts()).toBe(before + 1);
  });

  it('rejects an invalid recipient in main, naming the field, before anything is sent', async () => {
    const before = desk.simulator?.countPayouts();
    const request = {
      profileId: 'simulator',
      requestId: randomUUID(),
      depositAddress: testAddress('tron', 902),
      amount: '1.1234567',
      currency: 'USDT_TRX',
    };
    // The confirmation's preview refuses it, and so does createPayout whatever hash it gets.
    expect(await call('previewPayout', request)).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION' },
    });
    const result = await call('createPayout', { ...request, payloadHash: 'a'.repeat(64) });
    expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    if (!result.ok) expect(result.error.message).toMatch(/amount: USDT_TRX allows at most 6/);
    expect(desk.simulator?.countPayouts()).toBe(before);
  });

  it('cancels a scheduled payout with a reason', async () => {
    const created = await value<{ state: string; item: { id: string } }>(
      'createPayout',
      await confirmed(value, {
        profileId: 'simulator',
        requestId: randomUUID(),
        depositAddress: testAddress('bitcoin', 903),
        amount: '0.001',
        currency: 'BTC',
        executionDate: new Date(Date.now() + 86_400_000).toISOString(),
      }),
    );
    const canceled = await value<{ state: string }>('cancelPayout', {
      profileId: 'simulator',
      kind: 'single',
      id: created.item.id,
      message: 'paid by wire instead',
    });
    expect(canceled.state).toBe('CANCELED');
  });
});

describe('intents bound to their account', () => {
  let profile: Profile;
  let decoy: RunningSimulator;

  beforeAll(async () => {
    decoy = await startSimulator();
    profile = await value<Profile>('addProfile', {
      name: 'Bound treasury',
      environment: 'custom',
      baseUrl: merchantSim.baseUrl,
      account: merchantSim.merchant.account,
      key: merchantSim.merchant.key,
      secret: merchantSim.merchant.secret,
    });
  });

  afterAll(async () => {
    merchantSim.setFaults({ failNext: 0 });
    await decoy.close();
  });

  /** A payout on the bound profile whose outcome stays unknown (every attempt gets a 5xx). */
  async function pendingPayout(seed: number) {
    await value('syncNow', { profileId: profile.id });
    const request = {
      profileId: profile.id,
      requestId: randomUUID(),
      depositAddress: testAddress('tron', 950 + seed),
      amount: `${seed}.5`,
      currency: 'TRX',
    };
    const hashed = await confirmed(value, request);
    merchantSim.setFaults({ failNext: 1_000 });
    const result = await value<{ state: string }>('createPayout', hashed);
    merchantSim.setFaults({ failNext: 0 });
    expect(result.state).toBe('pending');
    return request;
  }

  function outboxRow(requestId: string) {
    const sqlite = new Database(join(dir, 'payout-desk.sqlite'), { readonly: true });
    try {
      return sqlite
        .prepare<
          [string],
          {
            state: string;
            profile_id: string | null;
            target_base_url: string;
            error_code: string | null;
          }
        >('SELECT state, profile_id, target_base_url, error_code FROM outbox WHERE request_id = ?')
        .get(requestId);
    } finally {
      sqlite.close();
    }
  }

  it('a profile keeps its base URL and account; its name, key and secret still change', async () => {
    const moved = await call('updateProfile', { id: profile.id, baseUrl: decoy.baseUrl });
    expect(moved).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    if (!moved.ok) expect(moved.error.message).toMatch(/^baseUrl: .*another profile/);
    const other = await call('updateProfile', { id: profile.id, account: decoy.merchant.account });
    expect(other).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    if (!other.ok) expect(other.error.message).toMatch(/^account: .*another profile/);
    const renamed = await value<Profile>('updateProfile', {
      id: profile.id,
      name: 'Bound treasury EU',
      key: merchantSim.merchant.key,
      secret: merchantSim.merchant.secret,
    });
    expect(renamed).toMatchObject({
      name: 'Bound treasury EU',
      baseUrl: merchantSim.baseUrl,
      account: merchantSim.merchant.account,
    });
  });

  it('a pending intent resolves at its stored target although the profile row was edited', async () => {
    const request = await pendingPayout(1);
    // Someone edits the profile in the SQLite file: another server and account.
    const sqlite = new Database(join(dir, 'payout-desk.sqlite'));
    sqlite
      .prepare('UPDATE profiles SET base_url = ?, account = ? WHERE id = ?')
      .run(decoy.baseUrl, decoy.merchant.account, profile.id);
    sqlite.close();
    // A second process on the same data folder reads the edited row and resolves the intent.
    const second = await createDesk({
      dataDir: dir,
      secretStore,
      simulator: false,
      sync: { startOnOpen: false, minIntervalMs: 60_000, maxIntervalMs: 120_000 },
    });
    try {
      await dispatch(second.handlers, 'syncNow', { profileId: profile.id });
    } finally {
      await second.close();
    }
    const bound = createCalypsoClient({ baseUrl: merchantSim.baseUrl, ...merchantSim.merchant });
    const created = await bound.getPayout({ idempotencyKey: request.requestId });
    expect(created.amount).toBe('1.5');
    const decoyClient = createCalypsoClient({
      baseUrl: decoy.baseUrl,
      ...decoy.merchant,
      retry: { attempts: 1 },
    });
    await expect(
      decoyClient.getPayout({ idempotencyKey: request.requestId }),
    ).rejects.toMatchObject({ errorCode: '004' });
    expect(outboxRow(request.requestId)).toMatchObject({
      state: 'done',
      target_base_url: merchantSim.baseUrl,
    });
    // Put the row back as the app wrote it.
    const restore = new Database(join(dir, 'payout-desk.sqlite'));
    restore
      .prepare('UPDATE profiles SET base_url = ?, account = ? WHERE id = ?')
      .run(merchantSim.baseUrl, merchantSim.merchant.account, profile.id);
    restore.close();
  });

  it('an intent whose target columns were edited in the file gets no request at all', async () => {
    const request = await pendingPayout(3);
    // The payload is sound; only where it goes is changed (another server and account).
    const sqlite = new Database(join(dir, 'payout-desk.sqlite'));
    sqlite
      .prepare('UPDATE outbox SET target_base_url = ?, target_account = ? WHERE request_id = ?')
      .run(decoy.baseUrl, decoy.merchant.account, request.requestId);
    sqlite.close();
    // Twice: the first may join the pass createPayout started before the edit.
    await value('syncNow', { profileId: profile.id });
    await value('syncNow', { profileId: profile.id });
    // Nothing reached the decoy: no lookup, no create, so no Key or Sign either.
    const decoyClient = createCalypsoClient({
      baseUrl: decoy.baseUrl,
      ...decoy.merchant,
      retry: { attempts: 1 },
    });
    await expect(
      decoyClient.getPayout({ idempotencyKey: request.requestId }),
    ).rejects.toMatchObject({ errorCode: '004' });
    expect(outboxRow(request.requestId)).toMatchObject({
      state: 'pending',
      error_code: 'PAYLOAD_CHANGED',
    });
    const verdict = await value<{ ok: boolean; reason?: string }>('verifyAudit');
    expect(verdict.ok).toBe(false);
    expect(verdict.reason).toMatch(/redirected after it was confirmed/);
    // Put the row back as the app wrote it: it then resolves at its real target.
    const restore = new Database(join(dir, 'payout-desk.sqlite'));
    restore
      .prepare(
        `UPDATE outbox SET target_base_url = ?, target_account = ?, error_code = NULL,
           error_message = NULL WHERE request_id = ?`,
      )
      .run(merchantSim.baseUrl, merchantSim.merchant.account, request.requestId);
    restore.close();
    await value('syncNow', { profileId: profile.id });
    await value('syncNow', { profileId: profile.id });
    expect(outboxRow(request.requestId)?.state).toBe('done');
  });

  it('removeProfile is refused while the profile has a draft not yet submitted', async () => {
    const draft = await value<{ id: string }>('createDraft', {
      profileId: profile.id,
      name: 'June payroll',
      decimalSeparator: '.',
      rows: [
        { line: 2, address: testAddress('tron', 990), amount: '1', currency: 'TRX', comment: '' },
      ],
    });
    const refused = await call('removeProfile', { profileId: profile.id });
    expect(refused).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    if (!refused.ok) {
      expect(refused.error.message).toBe(
        '"Bound treasury EU" cannot be removed: it has 1 draft not yet submitted (discard it ' +
          'first if it is not needed).',
      );
    }
    expect(await value<{ id: string }>('getDraft', { draftId: draft.id })).toMatchObject({
      id: draft.id,
    });
    await value('discardDraft', { draftId: draft.id });
  });

  it('removeProfile is refused while an intent is unresolved; its rows outlive the profile', async () => {
    const request = await pendingPayout(2);
    const refused = await call('removeProfile', { profileId: profile.id });
    expect(refused).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    if (!refused.ok) {
      expect(refused.error.message).toMatch(
        /"Bound treasury EU" cannot be removed: it has 1 payment not sent or not yet confirmed by Calypso/,
      );
    }
    expect(outboxRow(request.requestId)?.state).toBe('pending');
    expect(await secretStore.get(profile.id)).not.toBeNull();

    await value('syncNow', { profileId: profile.id });
    await value('syncNow', { profileId: profile.id });
    expect(outboxRow(request.requestId)?.state).toBe('done');
    await value('removeProfile', { profileId: profile.id });
    // No cascade: the record of what was paid stays, without its profile.
    expect(outboxRow(request.requestId)).toMatchObject({ state: 'done', profile_id: null });
  });
});

describe('export', () => {
  it('writes the filtered history with formula cells neutralised', async () => {
    const formula = '=HYPERLINK("http://evil","x")';
    await value(
      'createPayout',
      await confirmed(value, {
        profileId: 'simulator',
        requestId: randomUUID(),
        depositAddress: testAddress('tron', 904),
        amount: '3',
        currency: 'TRX',
        comment: formula,
      }),
    );
    const exported = await value<{ csv: string; rowCount: number }>('exportHistory', {
      profileId: 'simulator',
      currencies: ['TRX'],
      search: 'HYPERLINK',
    });
    expect(exported.rowCount).toBe(1);
    expect(exported.csv).toContain(`"'=HYPERLINK(""http://evil"",""x"")"`);
    expect(exported.csv.split('\r\n')[0]).toMatch(/^Kind,Id,State,Currency,Amount/);
  });
});

describe('audit log', () => {
  it('records what was done, verifies its chain and exports it', async () => {
    const entries = await value<{ action: string }[]>('listAudit', { limit: 1000 });
    const actions = new Set(entries.map((entry) => entry.action));
    for (const action of [
      'profile.added',
      'profile.removed',
      'payout.submitted',
      'payout.cancelled',
    ]) {
      expect(actions).toContain(action);
    }
    expect(await value('verifyAudit')).toMatchObject({ ok: true, checked: entries.length });
    const exported = await value<{ csv: string; rowCount: number }>('exportAudit');
    expect(exported.rowCount).toBe(entries.length);
    expect(exported.csv).not.toContain(merchantSim.merchant.secret);
  });
});

describe('argument validation', () => {
  const malformed: Record<DeskMethod, unknown[]> = {
    listProfiles: [{}, 'x', 1],
    addProfile: [
      undefined,
      {},
      { name: 'a', environment: 'moon', account: 'a', key: 'k', secret: 's' },
      { name: 'a', environment: 'custom', account: 'a', key: 'k', secret: 's' },
      { name: 'a', environment: 'production', account: 'a', key: 'k', secret: '', extra: 1 },
    ],
    updateProfile: [{}, { id: '' }, { id: 'x', secret: 7 }],
    removeProfile: [null, { profileId: 5 }],
    checkConnection: [[], { profileId: '' }],
    queryHistory: [
      { profileId: 'simulator', limit: 5000 },
      { profileId: 'simulator', states: ['DONE'] },
      { profileId: 'simulator', sort: { field: 'secret', direction: 'asc' } },
      { profileId: 'simulator', offset: -1 },
    ],
    getPayoutDetails: [{ profileId: 'simulator', kind: 'other', id: '1' }],
    syncNow: [{ profileId: 'simulator', now: true }],
    getSyncStatus: ['simulator'],
    getHistoryTotals: [{ profileId: 'simulator', kinds: ['other'] }, 'simulator'],
    getPaidByMonth: [
      { profileId: 'simulator', fromMonth: '2026-13' },
      { profileId: 'simulator', toMonth: '2026-3' },
      { profileId: 'simulator', fromMonth: '2026-05', toMonth: '2026-04' },
      { profileId: 'simulator', months: 12 },
      'simulator',
    ],
    listWithdrawals: [{ profileId: 'simulator', dealId: '1', limit: 0 }],
    createPayout: [
      {
        profileId: 'simulator',
        requestId: 'not-a-uuid',
        depositAddress: 'a',
        amount: '1',
        currency: 'TRX',
      },
      {
        profileId: 'simulator',
        requestId: randomUUID(),
        depositAddress: 'a',
        amount: '1e5',
        currency: 'TRX',
      },
      {
        profileId: 'simulator',
        requestId: randomUUID(),
        depositAddress: 'a',
        amount: 1,
        currency: 'TRX',
      },
      // The confirmation's payload hash is required, and must be one.
      {
        profileId: 'simulator',
        requestId: randomUUID(),
        depositAddress: 'a',
        amount: '1',
        currency: 'TRX',
      },
      {
        profileId: 'simulator',
        requestId: randomUUID(),
        depositAddress: 'a',
        amount: '1',
        currency: 'TRX',
        payloadHash: 'not-hex',
      },
    ],
    previewPayout: [
      { profileId: 'simulator', requestId: 'x', depositAddress: 'a', amount: '1', currency: 'T' },
      { profileId: 'simulator', depositAddress: 'a', amount: '1', currency: 'TRX' },
    ],
    estimateDebit: [
      { profileId: 'simulator', currency: 'TRX' },
      { profileId: 'simulator', currency: 'TRX', amount: '1e5' },
      { profileId: 'simulator', currency: 'TRX', amount: 5 },
    ],
    cancelPayout: [{ profileId: 'simulator', kind: 'single', id: '1', message: '' }],
    cancelIntent: [{}, { requestId: 'not-a-uuid' }, { requestId: randomUUID(), extra: 1 }],
    exportHistory: [{ profileId: 'simulator', kinds: ['single', 'mass', 'single'] }],
    startDraftImport: [
      { profileId: 'simulator', name: 'x', decimalSeparator: '.', totalRows: 0 },
      { profileId: 'simulator', name: 'x', decimalSeparator: '.', totalRows: 1.5, rows: [] },
    ],
    appendDraftImportRows: [
      { importId: 'x', firstRowNo: 1, rows: [] },
      { importId: randomUUID(), firstRowNo: 0, rows: [] },
    ],
    finishDraftImport: [{ importId: 'not-a-uuid' }, {}],
    cancelDraftImport: [{ importId: 7 }],
    readPayoutFile: [
      {
        profileId: 'simulator',
        fileName: 'a.csv',
        bytes: 'not base64!',
        choices: {},
        recall: true,
      },
      { profileId: 'simulator', fileName: 'a.csv', bytes: 'YQ==', choices: { x: 1 }, recall: true },
      { profileId: 'simulator', fileName: 'a.csv', bytes: 'YQ==', choices: {} },
      // A workbook's sheet: a name or a 0-based position, nothing else.
      {
        profileId: 'simulator',
        fileName: 'a.xlsx',
        bytes: 'YQ==',
        choices: { sheet: '' },
        recall: true,
      },
      {
        profileId: 'simulator',
        fileName: 'a.xlsx',
        bytes: 'YQ==',
        choices: { sheet: -1 },
        recall: true,
      },
    ],
    rereadPayoutFile: [
      { readingId: 'x', choices: {} },
      { readingId: randomUUID() },
      { readingId: randomUUID(), choices: { sheet: 1.5 } },
      { readingId: randomUUID(), choices: { sheet: 'x'.repeat(256) } },
      { readingId: randomUUID(), choices: { sheet: ['Payroll'] } },
      { readingId: randomUUID(), choices: { sheet: null } },
    ],
    createDraftFromReading: [
      { readingId: randomUUID(), profileId: 'simulator', name: '', rememberMapping: false },
      { readingId: randomUUID(), profileId: 'simulator', name: 'x' },
    ],
    acceptDraftRowRisk: [
      { draftId: randomUUID(), rowNo: 1, risk: 'ADDRESS_IS_CONTRACT' },
      { draftId: randomUUID(), rowNo: 0, risk: 'ADDRESS_LOOKALIKE' },
      { draftId: randomUUID(), rowNo: 1 },
    ],
    createDraft: [
      { profileId: 'simulator', name: 'x', decimalSeparator: ';', rows: [] },
      { profileId: 'simulator', name: '', decimalSeparator: '.', rows: [] },
      {
        profileId: 'simulator',
        name: 'x',
        decimalSeparator: '.',
        rows: [{ line: 0, address: 'a', amount: '1', currency: 'TRX', comment: '' }],
      },
      {
        profileId: 'simulator',
        name: 'x',
        decimalSeparator: '.',
        rows: [{ line: 2, address: 'a', amount: 1, currency: 'TRX', comment: '' }],
      },
    ],
    listDrafts: [{}],
    getDraft: [{ draftId: '' }],
    getDraftRows: [
      { draftId: 'd', verdict: 'bad' },
      { draftId: 'd', limit: 100_000 },
      { draftId: 'd', search: 'x'.repeat(201) },
      { draftId: 'd', search: 5 },
    ],
    updateDraftRow: [
      { draftId: 'd', rowNo: 0 },
      { draftId: 'd', rowNo: 1, amount: 5 },
    ],
    addDraftRow: [{ draftId: 'd', rowNo: 1 }],
    deleteDraftRows: [
      { draftId: 'd', rowNos: [] },
      { draftId: 'd', rowNos: [-1] },
    ],
    deleteMatchingDraftRows: [
      { draftId: 'd', verdict: 'bad' },
      { draftId: 'd', search: 'x'.repeat(201) },
      { draftId: 'd', exceptRowNos: [0] },
    ],
    restoreDraftRows: [
      { draftId: 'd', rowNos: [] },
      { draftId: 'd', rowNos: [0] },
      { draftId: 'd', rowNos: ['1'] },
    ],
    discardDraft: [undefined],
    reviewDraft: ['d'],
    submitDraft: [{ id: 'd' }, { draftId: 'd' }, { draftId: 'd', fingerprint: 'not-a-hash' }],
    getDraftBatches: [{ draftId: 7 }],
    retryFailedRows: [{ draftId: null }],
    exportReconciliation: [[]],
    getImportHistory: [{}, { profileId: 5 }],
    recallMapping: [{ headerSignature: 'x'.repeat(5000) }],
    listRunBaselines: [{ draftId: '' }, { draftId: 'd', profileId: 'simulator' }],
    compareDraft: [
      { draftId: 'd' },
      { draftId: 'd', baseline: 'e' },
      { draftId: 'd', baseline: {} },
    ],
    exportRunDiff: [{ draftId: 'd', baseline: { draftId: 'e', extra: 1 } }],
    repeatDraft: [
      { draftId: 'd', name: '' },
      { draftId: 'd', name: 5 },
    ],
    listAudit: [
      { limit: 0 },
      { beforeId: 'x' },
      { profileId: '' },
      { actions: [] },
      { actions: ['payout.submitted', 'DROP TABLE audit_log'] },
      { actions: 'payout.submitted' },
      { fromMs: -1 },
      { toMs: 'yesterday' },
      { fromMs: 2_000, toMs: 1_000 },
    ],
    verifyAudit: [{}],
    exportAudit: ['all'],
    getStartupNotices: [{}, 'x'],
    listAddressBook: [
      { profileId: 'simulator', network: 'solana' },
      { profileId: 'simulator', limit: 0 },
    ],
    updateAddressBookEntry: [
      { profileId: 'simulator', network: 'tron', address: '' },
      { profileId: 'simulator', network: 'tron', address: 'T', trusted: 'yes' },
    ],
    exportAddressBook: [{ profileId: 'simulator', all: true }],
    importAddressBook: [{ profileId: 'simulator' }, { profileId: 'simulator', csv: 5 }],
    getApprovalPolicy: [{}, { profileId: '' }],
    setApprovalPolicy: [
      { profileId: 'simulator' },
      {
        profileId: 'simulator',
        policy: { approvers: [], required: 1, thresholds: [], firstPaymentNeedsApproval: true },
      },
      {
        profileId: 'simulator',
        policy: {
          approvers: [{ name: 'A', publicKey: 'xyz' }],
          required: 1,
          thresholds: [],
          firstPaymentNeedsApproval: true,
        },
      },
      {
        profileId: 'simulator',
        policy: {
          approvers: [{ name: 'A', publicKey: 'a'.repeat(64) }],
          required: 1,
          thresholds: [{ currency: 'TRX', above: '1e3' }],
          firstPaymentNeedsApproval: false,
        },
      },
    ],
    listApproverKeys: [{}],
    createApproverKey: [{}, { name: '' }, { name: 'x'.repeat(101) }],
    getDraftApprovals: [{ draftId: 3 }],
    exportApprovalRequest: [
      { draftId: 'd', fingerprint: 'a'.repeat(64) },
      { draftId: 'd', fingerprint: 'nope', preparerKey: 'a'.repeat(64) },
    ],
    openApprovalRequest: [{ json: '' }, { json: 5 }],
    signApprovalRequest: [{ json: '{}' }, { json: '{}', approverKey: 'short' }],
    importApproval: [{}, { json: '' }],
    approveDraft: [{ draftId: 'd', fingerprint: 'a'.repeat(64), approverKey: 'z'.repeat(64) }],
    startTestPayment: [{}, { draftId: 'd', address: '' }, { draftId: 'd', address: 'T', x: 1 }],
    listTestPayments: [{}],
    reviewHeldRows: [{}],
    sendHeldRows: [{ draftId: 'd' }, { draftId: 'd', fingerprint: 'nope' }],
    getTestPaymentAmounts: [{}],
    setTestPaymentAmount: [{ profileId: 'simulator', currency: 'TRX' }],
  };

  it.each(Object.entries(malformed))('%s rejects malformed arguments', async (method, cases) => {
    for (const argument of cases) {
      const result = await call(method as DeskMethod, argument);
      expect(result, JSON.stringify(argument)).toMatchObject({
        ok: false,
        error: { code: 'VALIDATION' },
      });
      if (!result.ok) expect(result.error.message.startsWith(`${method}:`)).toBe(true);
    }
  });

  it('refuses a method that is not in the contract', async () => {
    expect(await dispatch(desk.handlers, 'constructor', undefined)).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION' },
    });
    expect(await dispatch(desk.handlers, '__proto__', {})).toMatchObject({ ok: false });
  });
});
