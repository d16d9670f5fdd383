/**
 * A second process holding the cache open the way a desk does (openDatabaseWithRecovery), for
 * tests that kill it or have it quit. Prints one JSON line once the cache is open (with
 * whether it ran quick_check), writes a row so the file has been used, then closes cleanly
 * when a line "close" arrives on stdin, or waits to be killed.
 * Argv: the cache file, the backups folder.
 */
import { createInterface } from 'node:readline';
import { createAuditLog, openDatabaseWithRecovery } from '../../electron/services/db';

const [file, backupsDir] = process.argv.slice(2);
if (file === undefined || backupsDir === undefined)
  throw new Error('usage: cache-holder FILE BACKUPS');

const { db, checked } = openDatabaseWithRecovery(file, backupsDir);
createAuditLog(db).append({ atMs: Date.now(), profileId: null, action: 'test.held', detail: {} });
process.stdout.write(`${JSON.stringify({ open: true, checked })}\n`);

createInterface({ input: process.stdin }).on('line', (line) => {
  if (line.trim() !== 'close') return;
  db.close();
  process.stdout.write(`${JSON.stringify({ closed: true })}\n`);
  process.exit(0);
});
