/**
 * Opens the local cache: one SQLite file per machine user, shared by every profile. Guards
 * the file against a build that does not understand it: a newer schema is refused before
 * anything (even the journal mode) is written.
 */
import Database from 'better-sqlite3';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from './migrations';
import { applyMigrations, DatabaseTooNewError, readSchemaVersion } from './migrate';
import { foldCase, FOLD_FUNCTION } from './search-index';

export type CacheDatabase = {
  readonly file: string;
  readonly sqlite: Database.Database;
  readonly schemaVersion: number;
  /**
   * A prepared statement for SQL text built by this package from fixed fragments (never from
   * user text), kept for reuse: history queries come in a bounded number of shapes.
   */
  statement: (sql: string) => Database.Statement;
  close: () => void;
};

export type OpenDatabaseOptions = {
  /** How long a write waits for another connection's lock before SQLITE_BUSY. */
  busyTimeoutMs?: number;
  /** Caps the file's size in pages (the fault suite's "disk full"); unset in the app. */
  maxPageCount?: number;
  /** better-sqlite3's addon file; Electron's main passes its own build (docs/desktop-runtime.md). */
  nativeBinding?: string;
};

const STATEMENT_CACHE_LIMIT = 256;

export function openDatabase(file: string, options: OpenDatabaseOptions = {}): CacheDatabase {
  const sqlite = new Database(file, { nativeBinding: options.nativeBinding });
  try {
    sqlite.pragma(`busy_timeout = ${String(Math.trunc(options.busyTimeoutMs ?? 5000))}`);
    const found = readSchemaVersion(sqlite);
    if (found > LATEST_SCHEMA_VERSION) {
      throw new DatabaseTooNewError(file, found, LATEST_SCHEMA_VERSION);
    }
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = NORMAL');
    sqlite.pragma('foreign_keys = ON');
    // History pages and bulk upserts touch several indexes of ~100k rows: 32 MB of page
    // cache keeps them in memory instead of re-reading pages.
    sqlite.pragma('cache_size = -32000');
    sqlite.pragma('temp_store = MEMORY');
    applyMigrations(sqlite, MIGRATIONS, file);
    sqlite.function(FOLD_FUNCTION, { deterministic: true }, (text: unknown) =>
      typeof text === 'string' ? foldCase(text) : null,
    );
    // The planner picks between the per-field indexes from statistics; a bounded sample
    // keeps ANALYZE (run by optimize) to milliseconds even on 100k payouts.
    sqlite.pragma('analysis_limit = 1000');
    sqlite.pragma('optimize = 0x10002');
    if (options.maxPageCount !== undefined) {
      sqlite.pragma(`max_page_count = ${String(Math.trunc(options.maxPageCount))}`);
    }
  } catch (error) {
    sqlite.close();
    throw error;
  }

  const statements = new Map<string, Database.Statement>();
  return {
    file,
    sqlite,
    schemaVersion: readSchemaVersion(sqlite),
    statement: (sql) => {
      let statement = statements.get(sql);
      if (statement === undefined) {
        if (statements.size >= STATEMENT_CACHE_LIMIT) statements.clear();
        statement = sqlite.prepare(sql);
        statements.set(sql, statement);
      }
      return statement;
    },
    close: () => {
      statements.clear();
      if (sqlite.open) {
        sqlite.pragma('optimize');
        sqlite.close();
      }
    },
  };
}
