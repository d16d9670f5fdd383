/**
 * Turns a keychain failure into one typed error the UI can act on. The message says what to
 * install or do; it never carries the secret, and nothing falls back to storing it in plain
 * text (DESIGN.md "Secrets").
 */

export type KeychainOperation = 'read' | 'write' | 'delete' | 'load';

/** Why no usable keychain: drives the first sentence of the message. */
export type KeychainUnavailableReason =
  'no-session-bus' | 'no-secret-service' | 'locked' | 'not-installed' | 'refused';

export class KeychainUnavailableError extends Error {
  override readonly name = 'KeychainUnavailableError';
  readonly code = 'KEYCHAIN_UNAVAILABLE';
  constructor(
    readonly reason: KeychainUnavailableReason,
    readonly operation: KeychainOperation,
    /** What the keychain itself said, with any secret of the call removed. */
    readonly keychainMessage: string,
    platform: NodeJS.Platform = process.platform,
  ) {
    super(describe(reason, keychainMessage, platform));
  }
}

const WHAT_HAPPENED: Record<KeychainUnavailableReason, string> = {
  'no-session-bus': 'no D-Bus session is reachable, so no keychain can be asked',
  'no-secret-service': 'no Secret Service keyring (such as the "login" keyring) is available',
  locked: 'the keyring is locked',
  'not-installed': 'the keychain library could not be loaded',
  refused: 'the system keychain refused the request',
};

const LINUX_HINT =
  'On Linux, install a Secret Service provider such as GNOME Keyring (package ' +
  '"gnome-keyring", with "libsecret-1-0") or KWallet with its Secret Service interface ' +
  'enabled, make sure it runs in your desktop D-Bus session (DBUS_SESSION_BUS_ADDRESS set) ' +
  'and that its default "login" keyring is unlocked, then try again.';

function describe(reason: KeychainUnavailableReason, said: string, platform: NodeJS.Platform) {
  const hint =
    platform === 'darwin'
      ? 'Open Keychain Access, unlock the "login" keychain, and try again.'
      : platform === 'win32'
        ? 'Check that Windows Credential Manager is available for your account, and try again.'
        : LINUX_HINT;
  return (
    `No usable system keychain: ${WHAT_HAPPENED[reason]} (keychain said: "${said}"). ` +
    `Payout Desk keeps API secrets only in the system keychain and has stored it nowhere ` +
    `else. ${hint}`
  );
}

// First match wins: a missing shared library also says "No such file or directory".
const PATTERNS: [RegExp, KeychainUnavailableReason][] = [
  [
    /cannot open shared object|libsecret|module did not self-register|was compiled against a different node\.js|cannot find module/i,
    'not-installed',
  ],
  [
    /cannot autolaunch d-bus|could not connect|failed to connect to socket|no such file or directory|connection refused|dbus_session_bus_address|org\.freedesktop\.dbus\.error\.(noserver|disconnected|filenotfound|noreply|timeout)/i,
    'no-session-bus',
  ],
  [/locked collection|is locked|prompt (was )?dismissed|cannot unlock/i, 'locked'],
  [
    /object does not exist at path|org\.freedesktop\.secrets|serviceunknown|not provided by any \.service files|no such (object|interface)|secret service/i,
    'no-secret-service',
  ],
];

function messageOf(error: unknown): string {
  if (error instanceof Error) return error.message;
  return typeof error === 'string' ? error : 'unknown error';
}

/**
 * Every failure of the binding means "the keychain cannot be used right now"; the known
 * messages (SETUP.md) pick a precise reason, anything else is reported as a refusal.
 * `secrets` are cut out of the keychain's own message before it is kept.
 */
export function toKeychainError(
  error: unknown,
  operation: KeychainOperation,
  secrets: readonly string[] = [],
  platform: NodeJS.Platform = process.platform,
): KeychainUnavailableError {
  if (error instanceof KeychainUnavailableError) return error;
  let said = messageOf(error);
  for (const secret of secrets) {
    if (secret.length > 0) said = said.split(secret).join('[redacted]');
  }
  const reason = PATTERNS.find(([pattern]) => pattern.test(said))?.[1] ?? 'refused';
  return new KeychainUnavailableError(reason, operation, said, platform);
}
