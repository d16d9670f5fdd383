/**
 * Schema 5 belongs to the intents work (outbox targets and the not-sent state), developed on
 * another branch. This no-op stands in for it on this branch only, so that 006 can keep its
 * number; the merge replaces this file with the real 005.
 */
import type { Migration } from './migration';

export const migration005: Migration = {
  version: 5,
  name: 'reserved-for-intents',
  up: () => undefined,
};
