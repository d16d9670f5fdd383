/**
 * `npm run audit:verify -- [--data-dir <folder>] [--keychain-service <name>]`: checks the
 * local audit log's chain with this installation's key from the OS keychain (the tool runs
 * as the same user as the app), and every outbox payload against the hash its audit entry
 * recorded. Prints the first problem, and says when the log is not keyed or the key could
 * not be read. Exit 0 when intact, 1 when broken, 2 on bad usage. Never creates a key (it
 * opens the database like the app, so an old schema is migrated first).
 */
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { AuditVerification } from '../../shared/ipc';
import { createAuditLog, openDatabase } from '../services/db';
import { createAuditKeyVault, createKeytarStore, KEYCHAIN_SERVICE } from '../services/vault';

function defaultDataDir(): string {
  return join(process.env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'Payout Desk');
}

function describeKeying(result: AuditVerification, keyProblem: string | null): string {
  switch (result.keying) {
    case 'keyed':
      return (result.keyedFromId ?? 1) <= 1
        ? "sealed with this installation's key"
        : `sealed with this installation's key from entry ${String(result.keyedFromId)} on (the entries before it are covered by that seal)`;
    case 'key-unavailable':
      return `sealed, but the key could not be read from the keychain${keyProblem ? ` (${keyProblem})` : ''}: only the links were checked, not the seals`;
    case 'unkeyed':
      return 'UNKEYED: no installation key has ever sealed this log (no keychain), so anyone who can write the file could have rewritten it consistently';
  }
}

let dataDir = defaultDataDir();
let service = KEYCHAIN_SERVICE;
try {
  const { values } = parseArgs({
    options: { 'data-dir': { type: 'string' }, 'keychain-service': { type: 'string' } },
    strict: true,
  });
  dataDir = values['data-dir'] ?? dataDir;
  service = values['keychain-service'] ?? service;
} catch (error) {
  console.error(`audit:verify: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(2);
}
const file = join(dataDir, 'payout-desk.sqlite');
if (!existsSync(file)) {
  console.error(`audit:verify: no Payout Desk database at ${file} (pass --data-dir)`);
  process.exit(2);
}

async function main(): Promise<number> {
  let key: Buffer | null = null;
  let keyProblem: string | null = null;
  try {
    key = await createAuditKeyVault(createKeytarStore(service)).read();
  } catch (error) {
    keyProblem = error instanceof Error ? error.message : String(error);
  }
  const db = openDatabase(file);
  const result = createAuditLog(db, { key }).verify();
  db.close();
  const keying = describeKeying(result, keyProblem);
  if (result.ok) {
    console.log(
      `audit log intact: ${String(result.checked)} entries verified, ${String(result.outboxChecked)} outbox payloads match their audited hash; ${keying}`,
    );
    return 0;
  }
  console.log(
    `audit log BROKEN at entry ${String(result.firstBrokenId ?? '?')}: ${result.reason} (${String(result.checked)} entries before it verified); ${keying}`,
  );
  return 1;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(`audit:verify: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 2;
  },
);
