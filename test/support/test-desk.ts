/**
 * A composed desk for an integration test: a data folder of its own in the temp directory,
 * a keychain service of its own in the real keyring, sync started by hand. `close` shuts the
 * desk, removes the audit key it stored and the folder. The set-up many desk tests repeated.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deletePassword } from 'keytar';
import { createDesk, type Desk, type DeskOptions } from '../../electron/services/desk';
import { AUDIT_KEY_ACCOUNT, createKeytarStore } from '../../electron/services/vault';

export type TestDesk = {
  desk: Desk;
  /** The desk's data folder (its SQLite file is `payout-desk.sqlite` there). */
  dir: string;
  close: () => Promise<void>;
};

/** `name`: a few words naming the test, for the folder and the keychain service. */
export async function openTestDesk(
  name: string,
  options: Omit<DeskOptions, 'dataDir' | 'secretStore'> = {},
): Promise<TestDesk> {
  const service = `payout-desk-test-${name}`;
  const dir = mkdtempSync(join(tmpdir(), `payout-desk-${name}-`));
  const desk = await createDesk({
    dataDir: dir,
    secretStore: createKeytarStore(service),
    sync: { startOnOpen: false },
    ...options,
  });
  return {
    desk,
    dir,
    close: async () => {
      await desk.close();
      await deletePassword(service, AUDIT_KEY_ACCOUNT);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
