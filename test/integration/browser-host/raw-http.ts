/**
 * Raw HTTP for the browser host's tests: what a browser or fetch() would never send (a forged
 * Host header, no Host at all, a malformed target, a half-sent body) goes over a plain socket.
 */
import { connect } from 'node:net';

export type RawAnswer = { status: number; headers: string; body: string; raw: string };

/** Sends `request` as-is and reads until the host closes the connection (or `waitMs`). */
export function rawRequest(
  port: number,
  request: string | Buffer,
  waitMs = 5000,
): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => socket.destroy(), waitMs);
    socket.on('connect', () => socket.write(request));
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', (error) => {
      // A reset after the answer arrived is still an answer.
      if (chunks.length === 0) {
        clearTimeout(timer);
        reject(error);
      }
    });
    socket.on('close', () => {
      clearTimeout(timer);
      const raw = Buffer.concat(chunks).toString('latin1');
      const [head = '', ...rest] = raw.split('\r\n\r\n');
      const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(head)?.[1] ?? 0);
      resolve({ status, headers: head, body: rest.join('\r\n\r\n'), raw });
    });
  });
}

/** One request line plus headers, closing the connection after the answer. */
export function requestText(
  method: string,
  target: string,
  headers: Record<string, string>,
  body = '',
): string {
  const lines = [`${method} ${target} HTTP/1.1`];
  for (const [name, value] of Object.entries(headers)) lines.push(`${name}: ${value}`);
  lines.push('Connection: close');
  if (body !== '' && !('Content-Length' in headers) && !('Transfer-Encoding' in headers)) {
    lines.push(`Content-Length: ${Buffer.byteLength(body)}`);
  }
  return `${lines.join('\r\n')}\r\n\r\n${body}`;
}
