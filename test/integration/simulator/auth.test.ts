import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CALYPSO_PATHS } from '../../../shared/calypso/endpoints';
import { stringifyCalypsoJson } from '../../../shared/calypso/json';
import { signBody } from '../../../electron/services/calypso/sign';
import { startSimulator, type RunningSimulator } from '../../../electron/simulator/index';
import { bodyAs, errorCodeOf, field, signedRequest } from './signed-request';

describe('simulator authentication', () => {
  let sim: RunningSimulator;

  beforeAll(async () => {
    sim = await startSimulator();
  });
  afterAll(async () => {
    await sim.close();
  });

  it('accepts a correctly signed request and answers the account with exact balances', async () => {
    const reply = await signedRequest(sim, CALYPSO_PATHS.getAccount);
    expect(reply.status).toBe(200);
    const account = bodyAs(reply, 'account');
    expect(account.account).toBe(sim.merchant.account);
    expect(account.ownerId).toMatch(/^[0-9a-f-]{36}$/);
    expect(account.balances.find((b) => b.currency === 'ETH')?.amount).toBe(
      '1250.123456789012345678',
    );
    expect(reply.text).toContain('"amount":1250.123456789012345678');
  });

  it('issues demo credentials in the documented formats', () => {
    expect(sim.merchant.account).toMatch(/^0x[0-9a-f]{40}$/);
    expect(sim.merchant.key).toMatch(/^[0-9a-f]{32}$/);
    expect(sim.merchant.secret).toMatch(/^[0-9a-f]{32}$/);
  });

  it('answers an unknown or missing Key with 002', async () => {
    const unknown = await signedRequest(sim, CALYPSO_PATHS.getAccount, undefined, {
      key: '0'.repeat(32),
    });
    expect(unknown.status).toBe(400);
    expect(errorCodeOf(unknown)).toBe('002');
    expect(field(unknown.body, 'traceId')).toEqual(expect.any(String));
    const missing = await fetch(`${sim.baseUrl}${CALYPSO_PATHS.getAccount}`, {
      method: 'POST',
      body: '{}',
    });
    expect(missing.status).toBe(400);
    expect(await missing.json()).toMatchObject({ errorCode: '002' });
  });

  it('answers a wrong signature with 003', async () => {
    const wrongSecret = await signedRequest(sim, CALYPSO_PATHS.getAccount, undefined, {
      secret: 'b823a6b9ea72408583cef9ec8d67fa52',
    });
    expect(wrongSecret.status).toBe(400);
    expect(errorCodeOf(wrongSecret)).toBe('003');
    const garbage = await signedRequest(sim, CALYPSO_PATHS.getAccount, undefined, {
      sign: 'abc',
    });
    expect(errorCodeOf(garbage)).toBe('003');
  });

  it('verifies the signature over the raw bytes, so any serialisation that was signed works', async () => {
    const pretty = JSON.stringify(
      { account: sim.merchant.account, timestamp: sim.clock.now() },
      null,
      2,
    );
    const ok = await signedRequest(sim, CALYPSO_PATHS.getAccount, undefined, { rawBody: pretty });
    expect(ok.status).toBe(200);
    // Signing the compact form but sending the pretty one is a different byte string.
    const compact = JSON.stringify(JSON.parse(pretty));
    const mismatch = await signedRequest(sim, CALYPSO_PATHS.getAccount, undefined, {
      rawBody: pretty,
      sign: signBody(compact, sim.merchant.secret),
    });
    expect(errorCodeOf(mismatch)).toBe('003');
  });

  it('answers a timestamp outside ±3 minutes, or in seconds, with 011', async () => {
    const now = sim.clock.now();
    for (const timestamp of [now - 181_000, now + 181_000, Math.floor(now / 1000), 'soon']) {
      const reply = await signedRequest(sim, CALYPSO_PATHS.getAccount, undefined, { timestamp });
      expect(reply.status).toBe(400);
      expect(errorCodeOf(reply)).toBe('011');
    }
    const edge = await signedRequest(sim, CALYPSO_PATHS.getAccount, undefined, {
      timestamp: now - 170_000,
    });
    expect(edge.status).toBe(200);
  });

  it('checks the timestamp against its own clock, and reports that clock in the Date header', async () => {
    sim.clock.advance(3_600_000);
    try {
      const machineTime = await signedRequest(sim, CALYPSO_PATHS.getAccount, undefined, {
        timestamp: Date.now(),
      });
      expect(errorCodeOf(machineTime)).toBe('011');
      const dateHeader = Date.parse(machineTime.date ?? '');
      expect(Math.abs(dateHeader - sim.clock.now())).toBeLessThan(5_000);
      expect(dateHeader - Date.now()).toBeGreaterThan(3_500_000);
      const simTime = await signedRequest(sim, CALYPSO_PATHS.getAccount);
      expect(simTime.status).toBe(200);
    } finally {
      sim.clock.advance(-3_600_000);
    }
  });

  it("refuses an account that is not the key's own (002) and a missing account (001)", async () => {
    const other = sim.addMerchant({ name: 'Second Merchant' });
    const foreign = await signedRequest(sim, CALYPSO_PATHS.getAccount, undefined, {
      account: other.account,
    });
    expect(foreign.status).toBe(400);
    expect(errorCodeOf(foreign)).toBe('002');
    const own = await signedRequest({ ...sim, merchant: other }, CALYPSO_PATHS.getAccount);
    expect(bodyAs(own, 'account').account).toBe(other.account);
    const missing = await signedRequest(sim, CALYPSO_PATHS.getAccount, undefined, {
      rawBody: stringifyCalypsoJson({ timestamp: sim.clock.now() }),
    });
    expect(errorCodeOf(missing)).toBe('001');
  });

  it('answers a body that is not JSON with 001 and a payout call without payload with 001', async () => {
    const notJson = await signedRequest(sim, CALYPSO_PATHS.getAccount, undefined, {
      rawBody: '{"account": ',
    });
    expect(errorCodeOf(notJson)).toBe('001');
    const noPayload = await signedRequest(sim, CALYPSO_PATHS.listPayouts, undefined);
    expect(errorCodeOf(noPayload)).toBe('001');
    expect(field(noPayload.body, 'message')).toMatch(/payload/);
  });
});
