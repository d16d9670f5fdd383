import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  mayAnswerIpc,
  mayGrantPermission,
  mayNavigate,
  newWindowDecision,
  secureWebPreferences,
} from '../../../electron/main/security-policy';
import { CONTENT_SECURITY_POLICY } from '../../../electron/browser-host/server';

const appUrl = 'app://desk/index.html';

describe('window options', () => {
  it('isolate and sandbox the page, with no Node and no insecure content', () => {
    expect(secureWebPreferences('/p.js')).toMatchObject({
      preload: '/p.js',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
    });
  });
});

describe('navigation and new windows', () => {
  it('stays on the app page', () => {
    expect(mayNavigate('app://desk/index.html#drafts', appUrl)).toBe(true);
    expect(mayNavigate('https://evil.example/', appUrl)).toBe(false);
    expect(mayNavigate('app://desk/other.html', appUrl)).toBe(false);
    expect(mayNavigate('file:///etc/passwd', appUrl)).toBe(false);
  });

  it('denies every new window and hands only https links to the system browser', () => {
    expect(newWindowDecision('https://tronscan.org/#/transaction/abc')).toEqual({
      action: 'deny',
      openExternally: true,
    });
    for (const url of [
      'http://x.example',
      'file:///etc/passwd',
      'smb://host/share',
      'javascript:alert(1)',
      'nonsense',
    ]) {
      expect(newWindowDecision(url)).toEqual({ action: 'deny', openExternally: false });
    }
  });
});

describe('permissions', () => {
  it.each(['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'unknown'])(
    'denies %s',
    (permission) => {
      expect(mayGrantPermission(permission)).toBe(false);
    },
  );
});

describe('IPC senders', () => {
  it('answers only the main frame of an app window showing the app page', () => {
    const good = { fromAppWindow: true, fromMainFrame: true, frameUrl: appUrl };
    expect(mayAnswerIpc(good, appUrl)).toBe(true);
    expect(mayAnswerIpc({ ...good, fromAppWindow: false }, appUrl)).toBe(false);
    expect(mayAnswerIpc({ ...good, fromMainFrame: false }, appUrl)).toBe(false);
    expect(mayAnswerIpc({ ...good, frameUrl: 'https://evil.example/' }, appUrl)).toBe(false);
  });
});

describe('Content-Security-Policy', () => {
  const directives = (csp: string) =>
    new Map(
      csp.split(';').map((part) => {
        const [name = '', ...values] = part.trim().split(/\s+/);
        return [name, values];
      }),
    );

  it('the page and the browser host declare the same strict policy', () => {
    const html = readFileSync('renderer/index.html', 'utf8');
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1];
    expect(meta).toBeDefined();
    // The header alone lets WebAssembly compile (the import worker's Keccak: a worker takes
    // the policy of its own response). A document enforces its meta policy as well, so the
    // page itself still cannot; script text is never evaluated under either.
    expect(directives(meta ?? '').get('script-src')).toEqual(["'self'"]);
    expect(directives(CONTENT_SECURITY_POLICY).get('script-src')).toEqual([
      "'self'",
      "'wasm-unsafe-eval'",
    ]);
    for (const csp of [meta ?? '', CONTENT_SECURITY_POLICY]) {
      const policy = directives(csp);
      expect(policy.get('default-src')).toEqual(["'self'"]);
      expect(policy.get('object-src')).toEqual(["'none'"]);
      expect(policy.get('base-uri')).toEqual(["'none'"]);
      expect(policy.get('frame-ancestors')).toEqual(["'none'"]);
      expect(csp).not.toMatch(/(?<!wasm-)unsafe-eval|\*|http:/);
    }
  });
});
