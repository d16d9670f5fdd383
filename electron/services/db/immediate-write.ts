/**
 * One IMMEDIATE write transaction: the write lock is taken before the first read, so what
 * the body checks (a draft is still being edited, a plan still hashes to what was reviewed,
 * an approval still matches) stays true until its writes are committed, whatever another
 * process on the same data folder does (docs/intents.md).
 */
import type { CacheDatabase } from './database';

export function immediateWrite<T>(db: CacheDatabase, body: () => T): T {
  return db.sqlite.transaction(body).immediate();
}
