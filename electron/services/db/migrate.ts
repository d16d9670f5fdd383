/**
 * Applies numbered migrations. Each step runs in its own IMMEDIATE transaction together with
 * the `user_version` bump, and re-reads the version inside it, so two processes opening the
 * same file at once cannot apply a step twice.
 */
import type Database from 'better-sqlite3';
import type { Migration } from './migrations';

/** The database was written by a newer build; opening it could lose data that build wrote. */
export class DatabaseTooNewError extends Error {
  override readonly name = 'DatabaseTooNewError';
  readonly code = 'DATABASE_TOO_NEW';
  constructor(
    readonly file: string,
    readonly databaseVersion: number,
    readonly supportedVersion: number,
  ) {
    super(
      `The local cache ${file} has schema version ${databaseVersion}, but this version of ` +
        `Payout Desk only knows schema versions up to ${supportedVersion}. It was written by a ` +
        `newer Payout Desk: update the app to open it. The file was left unchanged.`,
    );
  }
}

export function readSchemaVersion(sqlite: Database.Database): number {
  const version: unknown = sqlite.pragma('user_version', { simple: true });
  if (typeof version !== 'number') throw new TypeError('PRAGMA user_version returned no number');
  return version;
}

/** Throws unless the list is 1, 2, 3, ... in order: a gap would skip a step on some machines. */
export function checkMigrationList(migrations: readonly Migration[]): void {
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1) {
      throw new Error(
        `migration list out of order: entry ${index} is version ${migration.version}, expected ${index + 1}`,
      );
    }
  });
}

/** Returns the versions applied by this call (empty when the file was already current). */
export function applyMigrations(
  sqlite: Database.Database,
  migrations: readonly Migration[],
  file = sqlite.name,
): number[] {
  checkMigrationList(migrations);
  const applied: number[] = [];
  for (const migration of migrations) {
    const step = sqlite.transaction(() => {
      const current = readSchemaVersion(sqlite);
      if (current > migrations.length) {
        throw new DatabaseTooNewError(file, current, migrations.length);
      }
      if (current >= migration.version) return false;
      migration.up(sqlite);
      // PRAGMA takes no bound parameters; the value is an integer from our own list.
      sqlite.pragma(`user_version = ${String(Math.trunc(migration.version))}`);
      return true;
    });
    if (step.immediate()) applied.push(migration.version);
  }
  return applied;
}
