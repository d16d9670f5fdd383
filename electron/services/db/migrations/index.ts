/**
 * The one ordered list of schema steps. A new migration is a new numbered file here and one
 * more entry below; applied migrations are never edited, because user databases already
 * carry their effect.
 */
import type { Migration } from './migration';
import { migration001 } from './001-initial';
import { migration002 } from './002-outbox';
import { migration003 } from './003-drafts';
import { migration004 } from './004-audit-chain';
import { migration007 } from './007-audit-key';

/**
 * 005 and 006 are reserved for the intents and drafts branches; these stand-ins keep the list
 * contiguous on this branch and are replaced by the real steps when the branches are merged.
 */
const reserved = (version: number): Migration => ({
  version,
  name: `reserved-${String(version)}`,
  up: () => undefined,
});

export const MIGRATIONS: readonly Migration[] = [
  migration001,
  migration002,
  migration003,
  migration004,
  reserved(5),
  reserved(6),
  migration007,
];

/** The schema version this build writes; a database above it is refused. */
export const LATEST_SCHEMA_VERSION: number = MIGRATIONS.length;

export type { Migration } from './migration';
