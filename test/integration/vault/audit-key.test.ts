// The per-installation audit key on the real keychain (npm test's private gnome-keyring),
// under a test service name removed afterwards.
import { randomUUID } from 'node:crypto';
import { deletePassword, getPassword, setPassword } from 'keytar';
import { afterEach, describe, expect, it } from 'vitest';
import {
  AUDIT_KEY_ACCOUNT,
  createAuditKeyVault,
  createKeytarStore,
} from '../../../electron/services/vault';

let service: string;
afterEach(async () => {
  await deletePassword(service, AUDIT_KEY_ACCOUNT);
});

describe('audit key', () => {
  it('is created once, 32 random bytes, and read back the same afterwards', async () => {
    service = `payout-desk-test-${randomUUID()}`;
    const vault = createAuditKeyVault(createKeytarStore(service));
    expect(await vault.read()).toBeNull();
    const first = await vault.readOrCreate();
    expect(first.created).toBe(true);
    expect(first.key).toHaveLength(32);
    const again = await vault.readOrCreate();
    expect(again).toEqual({ key: first.key, created: false });
    expect(await vault.read()).toEqual(first.key);
    // Stored in its own account, never readable as a profile's credentials.
    expect(await getPassword(service, AUDIT_KEY_ACCOUNT)).toMatch(
      /^\{"v":1,"key":"[A-Za-z0-9+/=]{44}"\}$/,
    );
  });

  it('never replaces an entry it did not write', async () => {
    service = `payout-desk-test-${randomUUID()}`;
    await setPassword(service, AUDIT_KEY_ACCOUNT, 'something else');
    const vault = createAuditKeyVault(createKeytarStore(service));
    await expect(vault.readOrCreate()).rejects.toThrow(/left unchanged/);
    expect(await getPassword(service, AUDIT_KEY_ACCOUNT)).toBe('something else');
  });
});
