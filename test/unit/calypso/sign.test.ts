import { describe, expect, it } from 'vitest';
import { signBody, verifySignature } from '../../../electron/services/calypso';

const DOC_SECRET = 'b823a6b9ea72408583cef9ec8d67fa52';

describe('signBody', () => {
  it('matches the published test vector of calypso-api.md', () => {
    expect(signBody('{"timestamp":1}', DOC_SECRET)).toBe(
      'b16e9d45f49f2069becbc4f108b237bee588cfc353fe9501df103e692acbc68d482a10d34c12bea22fedde7e28e1b8e57a6a0a373b0e9a27c5257bd8b36e13b9',
    );
  });

  it('matches the second (simulator) vector with an envelope body', () => {
    const body =
      '{"account":"0x0000000000000000000000000000000000000001","timestamp":1700000000000,"payload":{"id":"42"}}';
    expect(signBody(body, DOC_SECRET)).toBe(
      '6f951c330fc652080694cdb81036a058ec9f2bf00e00fb2e12b833a621531828c94c78036fd43018d8959734ee6ab425f120d9f85ce8a03949b35a67924e08ac',
    );
  });

  it('keys the HMAC with the secret string, not its hex-decoded bytes', () => {
    expect(signBody('{"timestamp":1}', DOC_SECRET).startsWith('b84d7aec6a0e1588')).toBe(false);
  });

  it('signs the exact bytes: a pretty-printed body has another signature', () => {
    const pretty = signBody('{\n  "timestamp": 1\n}', DOC_SECRET);
    expect(pretty.startsWith('1def3cb76cf9ecfa')).toBe(true);
  });

  it('verifies only the matching signature', () => {
    const sign = signBody('{"timestamp":1}', DOC_SECRET);
    expect(verifySignature('{"timestamp":1}', DOC_SECRET, sign)).toBe(true);
    expect(verifySignature('{"timestamp":2}', DOC_SECRET, sign)).toBe(false);
    expect(verifySignature('{"timestamp":1}', DOC_SECRET, 'abc')).toBe(false);
  });
});
