/**
 * The real global fetch, wrapped to remember what was sent, so tests can assert how many
 * attempts a call made and what each attempt signed. Nothing is faked: every request goes out.
 */
export type SentRequest = { url: string; body: string; headers: Record<string, string> };

export function recordingFetch(): { fetch: typeof globalThis.fetch; sent: SentRequest[] } {
  const sent: SentRequest[] = [];
  const wrapped: typeof globalThis.fetch = (input, init) => {
    const headers: Record<string, string> = {};
    new Headers(init?.headers).forEach((value, name) => {
      headers[name] = value;
    });
    const url = input instanceof Request ? input.url : String(input);
    sent.push({ url, body: typeof init?.body === 'string' ? init.body : '', headers });
    return globalThis.fetch(input, init);
  };
  return { fetch: wrapped, sent };
}
