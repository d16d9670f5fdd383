import { describe, expect, it } from 'vitest';
import { composeHandlers } from '../../../electron/services/ipc/handler-table';
import type { DeskHandlers } from '../../../electron/services/ipc/dispatch';
import { DESK_METHODS, type DeskMethod } from '../../../shared/ipc';

/** Handlers that answer their own method's name, for telling the parts apart. */
function partOf(methods: readonly DeskMethod[]) {
  return Object.fromEntries(methods.map((method) => [method, () => method]));
}

describe('composeHandlers', () => {
  const half = Math.floor(DESK_METHODS.length / 2);
  const first = DESK_METHODS.slice(0, half);
  const second = DESK_METHODS.slice(half);

  it('joins parts into a table of exactly the contract methods', () => {
    const table = composeHandlers(partOf(first), partOf(second)) as Record<string, () => string>;
    expect(Object.keys(table).sort()).toEqual([...DESK_METHODS].sort());
    for (const method of DESK_METHODS) expect(table[method]?.()).toBe(method);
  });

  it('refuses a method that two parts answer, naming it', () => {
    const twice = first[0] ?? 'listProfiles';
    expect(() => composeHandlers(partOf(first), partOf([...second, twice]))).toThrow(
      `Two parts of the handler table answer "${twice}"`,
    );
  });

  it('refuses a method outside the contract', () => {
    // The compiler refuses this literal; the check is for what it cannot see (casts, JS).
    const foreign = { deleteEverything: () => true } as unknown as Partial<DeskHandlers>;
    expect(() => composeHandlers(partOf(DESK_METHODS), foreign)).toThrow(
      '"deleteEverything", which is not in the contract',
    );
  });

  it('refuses a table that leaves a method unanswered, naming it', () => {
    const [left, ...rest] = second;
    expect(() => composeHandlers(partOf(first), partOf(rest))).toThrow(
      `No part of the handler table answers ${String(left)}.`,
    );
  });
});
