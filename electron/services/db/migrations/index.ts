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
import { migration005 } from './005-intents';
import { migration006 } from './006-draft-lineage';
import { migration007 } from './007-audit-key';
import { migration008 } from './008-draft-tallies';
import { migration009 } from './009-address-book';
import { migration010 } from './010-approvals';
import { migration011 } from './011-test-payments';
import { migration012 } from './012-file-columns';
import { migration013 } from './013-amount-within-currency';
import { migration014 } from './014-deleted-row-origin';

export const MIGRATIONS: readonly Migration[] = [
  migration001,
  migration002,
  migration003,
  migration004,
  migration005,
  migration006,
  migration007,
  migration008,
  migration009,
  migration010,
  migration011,
  migration012,
  migration013,
  migration014,
];

/** The schema version this build writes; a database above it is refused. */
export const LATEST_SCHEMA_VERSION: number = MIGRATIONS.length;

export type { Migration } from './migration';
