/**
 * The handler table is assembled from one part per domain (profiles, history, single
 * payouts, drafts, audit), each written next to its service. A part is typed as exactly the
 * contract methods it answers; `composeHandlers` joins them and refuses, when the desk is
 * built, a method that two parts both answer or that none answers (the compiler checks the
 * second too, where the result is used as the whole table).
 */
import { DESK_METHODS, type DeskMethod } from '../../../shared/ipc';
import type { DeskHandlers } from './dispatch';

/** A domain's share of the handler table: the handlers of methods `M`, nothing else. */
export type HandlerPart<M extends DeskMethod> = Pick<DeskHandlers, M>;

type UnionToIntersection<U> = (U extends unknown ? (value: U) => void : never) extends (
  value: infer I,
) => void
  ? I
  : never;

/** The parts' methods together: the whole table when every contract method is in one part. */
export type ComposedHandlers<Parts extends readonly Partial<DeskHandlers>[]> = UnionToIntersection<
  Parts[number]
>;

export function composeHandlers<Parts extends readonly Partial<DeskHandlers>[]>(
  ...parts: Parts
): ComposedHandlers<Parts> {
  const table: Partial<Record<DeskMethod, unknown>> = {};
  for (const part of parts) {
    for (const [method, handler] of Object.entries(part)) {
      if (Object.hasOwn(table, method)) {
        throw new Error(`Two parts of the handler table answer "${method}": keep one.`);
      }
      if (!(DESK_METHODS as readonly string[]).includes(method)) {
        throw new Error(
          `A part of the handler table answers "${method}", which is not in the contract.`,
        );
      }
      table[method as DeskMethod] = handler;
    }
  }
  const missing = DESK_METHODS.filter((method) => !Object.hasOwn(table, method));
  if (missing.length > 0) {
    throw new Error(`No part of the handler table answers ${missing.join(', ')}.`);
  }
  return table as ComposedHandlers<Parts>;
}
