/**
 * `npm run audit:verify -- [--data-dir <folder>]`: checks the local audit log's hash chain
 * and prints the first broken link. Exit 0 when intact, 1 when broken, 2 on bad usage.
 */
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createAuditLog, openDatabase } from '../services/db';

function defaultDataDir(): string {
  return join(process.env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'Payout Desk');
}

let dataDir = defaultDataDir();
try {
  const { values } = parseArgs({ options: { 'data-dir': { type: 'string' } }, strict: true });
  dataDir = values['data-dir'] ?? dataDir;
} catch (error) {
  console.error(`audit:verify: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(2);
}
const file = join(dataDir, 'payout-desk.sqlite');
if (!existsSync(file)) {
  console.error(`audit:verify: no Payout Desk database at ${file} (pass --data-dir)`);
  process.exit(2);
}
const db = openDatabase(file);
const result = createAuditLog(db).verify();
db.close();
if (result.ok) {
  console.log(`audit log intact: ${result.checked} entries verified`);
} else {
  console.log(
    `audit log BROKEN at entry ${result.firstBrokenId ?? '?'}: ${result.reason} (${result.checked} entries before it verified)`,
  );
  process.exit(1);
}
