/**
 * The gate every UI call passes through, whatever the transport (Electron IPC or the browser
 * host): the method must be in the contract, the argument must match its schema, and any
 * failure comes back as `{code, message, details}`. Services only ever see validated values.
 */
import type { z } from 'zod';
import {
  DESK_SCHEMAS,
  type DeskArgument,
  type DeskError,
  type DeskMethod,
  type DeskResult,
  type DeskResults,
} from '../../../shared/ipc';
import { toDeskError } from './to-desk-error';

export type DeskHandlers = {
  [M in DeskMethod]: (argument: DeskArgument<M>) => Promise<DeskResults[M]> | DeskResults[M];
};

function isDeskMethod(method: unknown): method is DeskMethod {
  return typeof method === 'string' && Object.hasOwn(DESK_SCHEMAS, method);
}

/**
 * How much of a refusal is spelled out. Unbounded, a malformed 99,999-row createDraft was
 * answered with 84 MB of issues (and an object with thousands of unknown keys names each of
 * them): found by the fault suite's IPC fuzz (test/faults/ipc-fuzz.faults.test.ts).
 */
const MAX_ISSUES_SHOWN = 10;
const MAX_ISSUE_TEXT = 200;

function clip(text: string): string {
  return text.length > MAX_ISSUE_TEXT ? `${text.slice(0, MAX_ISSUE_TEXT - 1)}…` : text;
}

function validationError(method: string, issues: z.core.$ZodIssue[]): DeskError {
  const shown = issues.slice(0, MAX_ISSUES_SHOWN).map((issue) => ({
    path: issue.path.map((part) => clip(String(part))),
    message: clip(issue.message),
  }));
  const described = shown.map(({ path, message }) =>
    path.length === 0 ? message : `${path.join('.')}: ${message}`,
  );
  const more = issues.length - shown.length;
  if (more > 0) described.push(`and ${more} more problem${more === 1 ? '' : 's'}`);
  return {
    code: 'VALIDATION',
    message: `${method}: ${described.join('; ')}`,
    details: shown,
  };
}

export async function dispatch(
  handlers: DeskHandlers,
  method: unknown,
  argument: unknown,
): Promise<DeskResult<unknown>> {
  if (!isDeskMethod(method)) {
    return {
      ok: false,
      error: { code: 'VALIDATION', message: `unknown method: ${String(method).slice(0, 60)}` },
    };
  }
  const parsed = DESK_SCHEMAS[method].safeParse(argument);
  if (!parsed.success) return { ok: false, error: validationError(method, parsed.error.issues) };
  const handler = handlers[method] as (value: unknown) => unknown;
  try {
    return { ok: true, value: await handler(parsed.data) };
  } catch (error) {
    return { ok: false, error: toDeskError(error) };
  }
}
