/**
 * DeskApi calls as the renderer makes them, through the real dispatch (validation included),
 * for integration tests that build a desk directly. `desk` is a getter: tests assign their
 * desk in beforeAll, and some restart it.
 */
import type { Desk } from '../../electron/services/desk';
import { dispatch } from '../../electron/services/ipc/dispatch';
import type { DeskError, DeskMethod, DeskResult } from '../../shared/ipc';

export function deskCalls(desk: () => Desk | undefined) {
  function current(): Desk {
    const found = desk();
    if (!found) throw new Error('no desk');
    return found;
  }
  async function call<T>(method: DeskMethod, argument?: unknown): Promise<DeskResult<T>> {
    return (await dispatch(current().handlers, method, argument)) as DeskResult<T>;
  }
  /** The value, or a thrown `method: CODE message` (a test that expects success). */
  async function value<T>(method: DeskMethod, argument?: unknown): Promise<T> {
    const result = await call<T>(method, argument);
    if (!result.ok) throw new Error(`${method}: ${result.error.code} ${result.error.message}`);
    return result.value;
  }
  /** The error, or a thrown "succeeded" (a test that expects a refusal). */
  async function failure(method: DeskMethod, argument?: unknown): Promise<DeskError> {
    const result = await call(method, argument);
    if (result.ok) throw new Error(`${method} succeeded`);
    return result.error;
  }
  return { call, value, failure };
}
