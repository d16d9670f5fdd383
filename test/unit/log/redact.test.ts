import { describe, expect, it } from 'vitest';
import { formatLogLine, REDACTED, redact } from '../../../electron/services/log';

const SECRET = 'b823a6b9ea72408583cef9ec8d67fa52';
const KEY = 'c529e14832b34b74972365cf7bf02430';

describe('log redaction', () => {
  it('drops Key, Sign and secrets by name, at any depth', () => {
    const line = formatLogLine(
      'error',
      'request failed',
      { headers: { Key: KEY, Sign: 'ab'.repeat(64) }, credentials: { secret: SECRET, key: KEY } },
      0,
    );
    expect(line).not.toContain(SECRET);
    expect(line).not.toContain(KEY);
    expect(line).toContain(REDACTED);
  });

  it('reduces payout bodies to their shape', () => {
    const redacted = redact({
      endpoint: 'createMassPayout',
      payload: { massAddresses: [{ depositAddress: 'T...', amount: '5' }] },
      massAddresses: [1, 2, 3],
    });
    expect(redacted).toEqual({
      endpoint: 'createMassPayout',
      payload: REDACTED,
      massAddresses: '[3 items]',
    });
  });

  it('masks long hex strings wherever they appear, including error messages', () => {
    const error = new Error(`signature ${'f'.repeat(128)} refused for key ${KEY}`);
    const line = formatLogLine('warn', `secret is ${SECRET}`, { error }, 0);
    expect(line).not.toContain(SECRET);
    expect(line).not.toContain(KEY);
    expect(line).not.toContain('f'.repeat(128));
  });

  it('keeps what is useful: codes, ids, states', () => {
    expect(
      redact({ code: 'NO_NETWORK', profileId: 'simulator', state: 'offline', id: '1001' }),
    ).toEqual({
      code: 'NO_NETWORK',
      profileId: 'simulator',
      state: 'offline',
      id: '1001',
    });
  });
});
