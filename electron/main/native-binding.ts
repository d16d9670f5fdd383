/**
 * Which better-sqlite3 binary the Electron main process loads, and whether it is usable.
 *
 * `npm ci` builds better-sqlite3 for Node's ABI inside node_modules: the tests, the browser
 * host and the simulator CLI need exactly that build. Electron's main process has another
 * NODE_MODULE_VERSION and cannot load it, so an Electron build is kept apart, in a folder of
 * its own named after the runtime it was made for (docs/desktop-runtime.md):
 *
 *   unpackaged (`npm start`):   <app>/.native/electron-<version>-<platform>-<arch>/
 *   packaged (`npm run dist`):  <resources>/native/
 *
 * each holding `better_sqlite3.node` and `build-info.json`. Main hands the file to
 * better-sqlite3 through its `nativeBinding` option. Everything here is plain data and
 * functions (the file reads are injected), so the rules are tested under Node; the build
 * itself is scripts/electron-native.ts.
 *
 * keytar needs nothing of the kind: its binary is N-API (it exports
 * `napi_register_module_v1`), and one N-API build loads in Node and in Electron alike.
 */
import { join } from 'node:path';

export const SQLITE_ADDON_FILE = 'better_sqlite3.node';
export const BUILD_INFO_FILE = 'build-info.json';
/** The folder under the project root that holds Electron builds; never inside node_modules. */
export const NATIVE_ROOT_DIR = '.native';
/** The folder under process.resourcesPath where `npm run dist` puts the packaged build. */
export const PACKAGED_NATIVE_DIR = 'native';

/** The runtime a binary must match: an Electron version, its ABI, the OS and the CPU. */
export type ElectronRuntime = {
  electronVersion: string;
  /** NODE_MODULE_VERSION of that Electron (`process.versions.modules` inside it). */
  abi: string;
  platform: string;
  arch: string;
};

/** What scripts/electron-native.ts writes beside the binary. */
export type NativeBuildInfo = ElectronRuntime & {
  module: 'better-sqlite3';
  moduleVersion: string;
  /** How it was obtained: a published prebuilt, or compiled here against Electron's headers. */
  source: 'prebuilt' | 'compiled';
};

export function nativeBuildDirName(runtime: ElectronRuntime): string {
  return `electron-${runtime.electronVersion}-${runtime.platform}-${runtime.arch}`;
}

/** The unpackaged build folder for a runtime, under the project (or app) root. */
export function nativeBuildDir(root: string, runtime: ElectronRuntime): string {
  return join(root, NATIVE_ROOT_DIR, nativeBuildDirName(runtime));
}

const REGISTER_SYMBOL = 'node_register_module_v';

/**
 * The NODE_MODULE_VERSIONs a non-N-API addon was compiled for, read from its exported
 * `node_register_module_v<N>` symbol (present in ELF, Mach-O and PE alike: node.h exports it
 * from every context-aware module). A build that node-gyp made against Node's headers while
 * claiming Electron shows Node's number here, whatever its folder or info file says.
 */
export function abisInBinary(bytes: Uint8Array): string[] {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  const found = new Set<string>();
  let at = text.indexOf(REGISTER_SYMBOL);
  while (at !== -1) {
    const digits = /^\d+/.exec(text.slice(at + REGISTER_SYMBOL.length, at + 40));
    if (digits) found.add(digits[0]);
    at = text.indexOf(REGISTER_SYMBOL, at + REGISTER_SYMBOL.length);
  }
  return [...found];
}

/** True when the binary is an N-API addon (one build serves Node and Electron). */
export function isNapiBinary(bytes: Uint8Array): boolean {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
    .toString('latin1')
    .includes('napi_register_module_v1');
}

/** Why a binary does not fit the runtime, in one sentence; undefined when it fits. */
export function binaryMismatch(bytes: Uint8Array, runtime: ElectronRuntime): string | undefined {
  const abis = abisInBinary(bytes);
  if (abis.length === 1 && abis[0] === runtime.abi) return undefined;
  if (abis.length === 0) {
    return `it is not a Node addon built for NODE_MODULE_VERSION ${runtime.abi} (no module registration found)`;
  }
  return `it was compiled for NODE_MODULE_VERSION ${abis.join(', ')}, but Electron ${runtime.electronVersion} needs ${runtime.abi}`;
}

export function describeBuild(
  info: Pick<NativeBuildInfo, 'moduleVersion'> & ElectronRuntime,
): string {
  return `better-sqlite3 ${info.moduleVersion} for Electron ${info.electronVersion} (ABI ${info.abi}, ${info.platform}-${info.arch})`;
}

/** Why a build-info file does not describe the wanted build; undefined when it does. */
export function buildInfoMismatch(
  info: unknown,
  runtime: ElectronRuntime,
  moduleVersion: string,
): string | undefined {
  const wanted = describeBuild({ ...runtime, moduleVersion });
  if (typeof info !== 'object' || info === null) {
    return `its ${BUILD_INFO_FILE} is missing or unreadable (this app needs ${wanted})`;
  }
  const fields = info as Record<string, unknown>;
  const same =
    fields.module === 'better-sqlite3' &&
    fields.moduleVersion === moduleVersion &&
    fields.electronVersion === runtime.electronVersion &&
    fields.abi === runtime.abi &&
    fields.platform === runtime.platform &&
    fields.arch === runtime.arch;
  if (same) return undefined;
  const had = [
    fields.moduleVersion,
    fields.electronVersion,
    fields.abi,
    fields.platform,
    fields.arch,
  ]
    .map((value) => (typeof value === 'string' ? value : '?'))
    .join(' / ');
  return `it was made for ${had} (better-sqlite3 / Electron / ABI / platform / arch), but this app needs ${wanted}`;
}

export type SqliteBindingLookup =
  { ok: true; file: string } | { ok: false; problem: 'missing' | 'stale'; message: string };

export type LocateSqliteBindingInput = {
  runtime: ElectronRuntime;
  /** better-sqlite3's version in this app's node_modules (its JavaScript half). */
  moduleVersion: string;
  isPackaged: boolean;
  /** `app.getAppPath()`: the project root when unpackaged. */
  appPath: string;
  /** `process.resourcesPath`: where the packaged build lives. */
  resourcesPath: string;
  /** Reads a file, or returns undefined when it does not exist or cannot be read. */
  readFile: (file: string) => Buffer | undefined;
};

export type SqliteBuildCheck =
  | { ok: true; file: string }
  | { ok: false; problem: 'missing' | 'stale'; file: string; why: string };

/**
 * Whether `dir` holds a usable build for the runtime: the binary exists, its info file names
 * this better-sqlite3, Electron, ABI, OS and CPU, and the binary's own ABI agrees. Shared by
 * main (before opening the database) and the tool that prepares the build (to skip work).
 */
export function checkSqliteBuild(
  dir: string,
  runtime: ElectronRuntime,
  moduleVersion: string,
  readFile: (file: string) => Buffer | undefined,
): SqliteBuildCheck {
  const file = join(dir, SQLITE_ADDON_FILE);
  const binary = readFile(file);
  if (binary === undefined) {
    return { ok: false, problem: 'missing', file, why: 'the file does not exist' };
  }
  let info: unknown;
  try {
    info = JSON.parse(readFile(join(dir, BUILD_INFO_FILE))?.toString('utf8') ?? 'null');
  } catch {
    info = null;
  }
  const why = buildInfoMismatch(info, runtime, moduleVersion) ?? binaryMismatch(binary, runtime);
  return why === undefined ? { ok: true, file } : { ok: false, problem: 'stale', file, why };
}

/**
 * The Electron build of better-sqlite3 main must load, or the sentence that says what is
 * missing or stale and how to get a good one. A stale build (another better-sqlite3, another
 * Electron, another ABI, OS or CPU, or a binary whose ABI is not the one it claims) is
 * refused here rather than left to crash inside `require` with NODE_MODULE_VERSION.
 */
export function locateSqliteBinding(input: LocateSqliteBindingInput): SqliteBindingLookup {
  const { runtime, moduleVersion } = input;
  const dir = input.isPackaged
    ? join(input.resourcesPath, PACKAGED_NATIVE_DIR)
    : nativeBuildDir(input.appPath, runtime);
  const remedy = input.isPackaged
    ? 'This installation of Payout Desk is damaged: reinstall it.'
    : 'Run `npm start` again (it prepares the Electron build first) or `npm run native:electron`.';
  const check = checkSqliteBuild(dir, runtime, moduleVersion, input.readFile);
  if (check.ok) return check;
  const wanted = describeBuild({ ...runtime, moduleVersion });
  const message =
    check.problem === 'missing'
      ? `Payout Desk cannot open its database: there is no Electron build of better-sqlite3 at ${check.file} (this app needs ${wanted}). ${remedy}`
      : `Payout Desk cannot open its database: the Electron build of better-sqlite3 at ${check.file} does not fit this app: ${check.why}. ${remedy}`;
  return { ok: false, problem: check.problem, message };
}
