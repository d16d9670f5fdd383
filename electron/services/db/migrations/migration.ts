import type Database from 'better-sqlite3';

/**
 * One schema step. `up` runs inside the transaction that also records `version` in
 * `PRAGMA user_version`, so a step is either applied completely or not at all.
 */
export type Migration = {
  readonly version: number;
  readonly name: string;
  readonly up: (sqlite: Database.Database) => void;
};
