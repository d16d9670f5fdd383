/**
 * The app's log: JSON lines in the OS log folder, every field passed through redact() first.
 * Writes are synchronous appends: a log line must survive the crash it describes.
 */
import { appendFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { redact } from './redact';

export { redact, REDACTED } from './redact';

export type LogLevel = 'info' | 'warn' | 'error';
export type Logger = {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
};

export function formatLogLine(
  level: LogLevel,
  message: string,
  fields: Record<string, unknown> | undefined,
  atMs: number,
): string {
  const line = {
    at: new Date(atMs).toISOString(),
    level,
    message: redact(message),
    ...(fields ? { fields: redact(fields) } : {}),
  };
  return `${JSON.stringify(line)}\n`;
}

export function createFileLogger(file: string, now: () => number = Date.now): Logger {
  mkdirSync(dirname(file), { recursive: true });
  const write = (level: LogLevel, message: string, fields?: Record<string, unknown>) => {
    try {
      appendFileSync(file, formatLogLine(level, message, fields, now()));
    } catch {
      // A full disk must not turn a log line into a crash.
    }
  };
  return {
    info: (message, fields) => {
      write('info', message, fields);
    },
    warn: (message, fields) => {
      write('warn', message, fields);
    },
    error: (message, fields) => {
      write('error', message, fields);
    },
  };
}

export const silentLogger: Logger = {
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};
