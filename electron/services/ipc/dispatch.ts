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

function validationError(method: string, issues: z.core.$ZodIssue[]): DeskError {
  const described = issues.map((issue) => {
    const path = issue.path.map(String).join('.');
    return path === '' ? issue.message : `${path}: ${issue.message}`;
  });
  return {
    code: 'VALIDATION',
    message: `${method}: ${described.join('; ')}`,
    details: issues.map((issue) => ({ path: issue.path.map(String), message: issue.message })),
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
