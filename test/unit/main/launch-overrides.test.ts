import { describe, expect, it } from 'vitest';
import { readLaunchOverrides } from '../../../electron/main/launch-overrides';

const simulator = {
  baseUrl: 'http://127.0.0.1:43817',
  account: '0x1111111111111111111111111111111111111111',
  key: 'sim-key',
  secret: 'sim-secret-value',
};

describe('readLaunchOverrides', () => {
  it('changes nothing in a normal start', () => {
    expect(readLaunchOverrides({})).toEqual({ ok: true, overrides: {} });
    expect(readLaunchOverrides({ PAYOUT_DESK_DATA_DIR: '' })).toEqual({
      ok: true,
      overrides: {},
    });
  });

  it('reads the data folder, the external simulator and the polling', () => {
    const result = readLaunchOverrides({
      PAYOUT_DESK_DATA_DIR: '/tmp/payout-desk-e2e-1/app',
      PAYOUT_DESK_DOWNLOAD_DIR: '/tmp/payout-desk-e2e-1/downloads',
      PAYOUT_DESK_SIMULATOR: JSON.stringify(simulator),
      PAYOUT_DESK_SYNC: '{"minIntervalMs":500,"maxIntervalMs":2000}',
    });
    expect(result).toEqual({
      ok: true,
      overrides: {
        dataDir: '/tmp/payout-desk-e2e-1/app',
        downloadDir: '/tmp/payout-desk-e2e-1/downloads',
        externalSimulator: {
          baseUrl: 'http://127.0.0.1:43817',
          merchant: { account: simulator.account, key: 'sim-key', secret: 'sim-secret-value' },
        },
        sync: { minIntervalMs: 500, maxIntervalMs: 2000 },
      },
    });
  });

  it('refuses a relative folder with a sentence naming the variable', () => {
    expect(readLaunchOverrides({ PAYOUT_DESK_DATA_DIR: 'data' })).toEqual({
      ok: false,
      message: 'PAYOUT_DESK_DATA_DIR must be an absolute folder path; it is "data".',
    });
    expect(readLaunchOverrides({ PAYOUT_DESK_DOWNLOAD_DIR: 'out' })).toEqual({
      ok: false,
      message: 'PAYOUT_DESK_DOWNLOAD_DIR must be an absolute folder path; it is "out".',
    });
  });

  it.each([
    ['another host', { ...simulator, baseUrl: 'http://calypso.example:80' }],
    ['https elsewhere', { ...simulator, baseUrl: 'https://127.0.0.2' }],
    ['a path', { ...simulator, baseUrl: 'http://127.0.0.1:4000/api' }],
    ['no secret', { ...simulator, secret: '' }],
  ])('refuses a simulator with %s, without repeating the secret', (_case, value) => {
    const result = readLaunchOverrides({ PAYOUT_DESK_SIMULATOR: JSON.stringify(value) });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.message).toMatch(/^PAYOUT_DESK_SIMULATOR must be JSON with baseUrl/);
    expect(result.message).not.toContain('sim-secret-value');
  });

  it('refuses text that is not JSON, and polling out of order', () => {
    expect(readLaunchOverrides({ PAYOUT_DESK_SIMULATOR: 'http://127.0.0.1:1' }).ok).toBe(false);
    const sync = readLaunchOverrides({
      PAYOUT_DESK_SYNC: '{"minIntervalMs":3000,"maxIntervalMs":500}',
    });
    expect(sync).toEqual({
      ok: false,
      message:
        'PAYOUT_DESK_SYNC must be JSON { "minIntervalMs": N, "maxIntervalMs": M } with 100 <= N <= M; it is {"minIntervalMs":3000,"maxIntervalMs":500}.',
    });
  });
});
