// Runs against the real OS keychain: `npm test` starts a private D-Bus session with an
// unlocked gnome-keyring (scripts/run-tests.mjs). Entries use a test service name and are
// removed after each test.
import { randomUUID } from 'node:crypto';
import { getPassword, setPassword, deletePassword } from 'keytar';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createCredentialVault,
  createKeytarStore,
  KEYCHAIN_SERVICE,
  maskKey,
} from '../../../electron/services/vault';

const SERVICE = 'payout-desk-test';
const store = createKeytarStore(SERVICE);
const vault = createCredentialVault(store);
const created: [string, string][] = [];

function profileId(): string {
  const id = `test-${randomUUID()}`;
  created.push([SERVICE, id]);
  return id;
}

afterEach(async () => {
  for (const [service, account] of created.splice(0)) await deletePassword(service, account);
});

const KEY = 'c5290b7a77a54f4e8a4b7e0d2430';
const SECRET = 'b823a6b9ea72408583cef9ec8d67fa52';

describe('credential vault on the real keychain', () => {
  it('stores key and secret and reads them back for signing', async () => {
    const id = profileId();
    expect(await vault.hasCredentials(id)).toBe(false);
    expect(await vault.readCredentials(id)).toBeNull();
    await vault.saveCredentials(id, { key: KEY, secret: SECRET });
    expect(await vault.hasCredentials(id)).toBe(true);
    expect(await vault.readCredentials(id)).toEqual({ key: KEY, secret: SECRET });
  });

  it('never returns the secret from anything but readCredentials', async () => {
    // saveCredentials resolves to nothing (its type is Promise<void>).
    const id = profileId();
    await vault.saveCredentials(id, { key: KEY, secret: SECRET });
    const results: unknown[] = [await vault.hasCredentials(id), maskKey(KEY)];
    results.push(await vault.deleteCredentials(id));
    const seen = JSON.stringify(results);
    expect(seen).not.toContain(SECRET);
    expect(seen).not.toContain(KEY);
    expect(maskKey(KEY)).toBe('c529…2430');
  });

  it('deletes the entry', async () => {
    const id = profileId();
    await vault.saveCredentials(id, { key: KEY, secret: SECRET });
    expect(await vault.deleteCredentials(id)).toBe(true);
    expect(await vault.readCredentials(id)).toBeNull();
    expect(await vault.hasCredentials(id)).toBe(false);
    expect(await getPassword(SERVICE, id)).toBeNull();
    expect(await vault.deleteCredentials(id)).toBe(false);
  });

  it('keeps one entry per profile, replaced as a whole', async () => {
    const a = profileId();
    const b = profileId();
    await vault.saveCredentials(a, { key: 'key-a-000000000000', secret: 'secret-a' });
    await vault.saveCredentials(b, { key: 'key-b-000000000000', secret: 'secret-b' });
    await vault.saveCredentials(a, { key: 'key-a-222222222222', secret: 'secret-a2' });
    expect(await vault.readCredentials(a)).toEqual({
      key: 'key-a-222222222222',
      secret: 'secret-a2',
    });
    expect(await vault.readCredentials(b)).toEqual({
      key: 'key-b-000000000000',
      secret: 'secret-b',
    });
    await vault.deleteCredentials(a);
    expect(await vault.hasCredentials(b)).toBe(true);
  });

  it('uses the service "payout-desk" with the profile id as account by default', async () => {
    const id = `test-${randomUUID()}`;
    created.push([KEYCHAIN_SERVICE, id]);
    await createCredentialVault(createKeytarStore()).saveCredentials(id, {
      key: KEY,
      secret: SECRET,
    });
    const raw = await getPassword('payout-desk', id);
    expect(JSON.parse(raw ?? 'null')).toMatchObject({ key: KEY, secret: SECRET });
  });

  it('treats an entry it did not write as no credentials', async () => {
    const id = profileId();
    await setPassword(SERVICE, id, 'plain text someone typed');
    expect(await vault.readCredentials(id)).toBeNull();
    expect(await vault.hasCredentials(id)).toBe(false);
  });

  it('refuses an empty secret and stores nothing', async () => {
    const id = profileId();
    await expect(vault.saveCredentials(id, { key: KEY, secret: '' })).rejects.toThrow(TypeError);
    expect(await getPassword(SERVICE, id)).toBeNull();
  });
});
