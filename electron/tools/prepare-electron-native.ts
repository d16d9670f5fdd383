/**
 * `npm run native:electron [-- --for-dist] [--arch x64] [--out <folder>]`: prepares the
 * Electron-ABI build of better-sqlite3 that the desktop app's main process loads, in a folder
 * of its own (.native/electron-<version>-<platform>-<arch>/), never in node_modules: the Node
 * build there is what `npm test`, the browser host and the simulator CLI load.
 *
 * How: better-sqlite3's sources are copied to a staging folder, then (1) prebuild-install
 * fetches the published prebuilt for `--runtime electron --target <version>`, or else (2)
 * node-gyp compiles it against Electron's headers. Both need network access. The result's
 * ABI is read from the binary itself before it is kept: node-gyp silently builds against
 * Node's headers when `npm_config_nodedir` is set (npm passes user config to scripts as
 * environment), so those variables are removed from the tools' environment, and a build
 * that still comes out for the wrong ABI is refused. `--for-dist` also copies the build to
 * .native/package/, which electron-builder.yml ships as resources/native/.
 *
 * Exit 0 when the build is ready (prepared now or already there), 1 when it could not be
 * prepared (one paragraph on stderr says why and what it needs), 2 on bad usage.
 * See docs/desktop-runtime.md.
 */
import { spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import {
  binaryMismatch,
  BUILD_INFO_FILE,
  checkSqliteBuild,
  describeBuild,
  nativeBuildDirName,
  NATIVE_ROOT_DIR,
  SQLITE_ADDON_FILE,
  type ElectronRuntime,
  type NativeBuildInfo,
} from '../main/native-binding';

const root = resolve(__dirname, '../..');
const requireFromRoot = createRequire(join(root, 'package.json'));
const DEFAULT_HEADERS_URL = 'https://electronjs.org/headers';
/** The folder electron-builder.yml copies into the installer's resources as `native/`. */
const PACKAGE_DIR = 'package';
/** npm hands user config to scripts as npm_config_*; these would retarget node-gyp. */
const RETARGETING_ENV =
  /^npm_config_(nodedir|target|runtime|arch|disturl|dist_url|build_from_source)$/i;

/** A failure with the paragraph the person reads; thrown so that staging is always removed. */
class PrepareFailure extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

function fail(message: string, code = 1): never {
  throw new PrepareFailure(message, code);
}

function readIfPresent(file: string): Buffer | undefined {
  try {
    return readFileSync(file);
  } catch {
    return undefined;
  }
}

function packageVersion(name: string): string {
  const manifest = JSON.parse(
    readFileSync(requireFromRoot.resolve(`${name}/package.json`), 'utf8'),
  ) as { version: string };
  return manifest.version;
}

/** The tools' environment without anything that would make them target another runtime. */
function toolEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!RETARGETING_ENV.test(key)) env[key] = value;
  }
  return { ...env, ...extra };
}

/** The last lines of a tool's output that say what went wrong (not its stack or banner). */
function reasonOf(output: string, fallback: string): string {
  const noise =
    /^gyp (info|ERR! (stack\s+at|System|command|cwd|node -v|node-gyp -v|not ok))|trace-warnings|ExperimentalWarning|EnvHttpProxyAgent/;
  const all = output.split('\n').map((line) => line.trim());
  // node-gyp spreads its one message over several "gyp ERR! stack" lines before the frames.
  const gypMessage = all
    .filter((line) => line.startsWith('gyp ERR! stack ') && !/^gyp ERR! stack\s+at /.test(line))
    .map((line) => line.slice('gyp ERR! stack '.length))
    .join(' ');
  if (gypMessage !== '') return gypMessage;
  const lines = all.filter((line) => /warn|ERR!|error/i.test(line) && !noise.test(line));
  const picked = [...new Set(lines)].slice(-2).join(' / ');
  return picked === '' ? fallback : picked;
}

function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv) {
  const result = spawnSync(command, args, { cwd, env, encoding: 'utf8', timeout: 15 * 60_000 });
  const output = `${result.stdout}\n${result.stderr}`;
  const ok = result.status === 0 && result.error === undefined;
  return { ok, output: result.error ? `${result.error.message}\n${output}` : output };
}

function main(): void {
  let values: {
    'for-dist'?: boolean;
    arch?: string;
    out?: string;
    'prebuilt-host'?: string;
    'headers-url'?: string;
    force?: boolean;
  };
  try {
    ({ values } = parseArgs({
      options: {
        'for-dist': { type: 'boolean' },
        arch: { type: 'string' },
        out: { type: 'string' },
        'prebuilt-host': { type: 'string' },
        'headers-url': { type: 'string' },
        force: { type: 'boolean' },
      },
      strict: true,
    }));
  } catch (error) {
    fail(`native:electron: ${error instanceof Error ? error.message : String(error)}`, 2);
  }

  const electronVersion = packageVersion('electron');
  // The electron package states its own ABI; node-abi's table is the fallback.
  const abiFile = join(dirname(requireFromRoot.resolve('electron/package.json')), 'abi_version');
  let abi = readIfPresent(abiFile)?.toString('utf8').trim() ?? '';
  if (!/^\d+$/.test(abi)) {
    try {
      const nodeAbi = requireFromRoot('node-abi') as {
        getAbi: (target: string, runtime: string) => string;
      };
      abi = nodeAbi.getAbi(electronVersion, 'electron');
    } catch {
      fail(
        `native:electron: neither the electron package nor node-abi knows Electron ${electronVersion}'s ABI: update node-abi (npm update node-abi) and try again.`,
      );
    }
  }
  const runtime: ElectronRuntime = {
    electronVersion,
    abi,
    platform: process.platform,
    arch: values.arch ?? process.arch,
  };
  const moduleVersion = packageVersion('better-sqlite3');
  const wanted = describeBuild({ ...runtime, moduleVersion });
  const outRoot = resolve(values.out ?? join(root, NATIVE_ROOT_DIR));
  const buildDir = join(outRoot, nativeBuildDirName(runtime));

  function copyForDist() {
    if (!values['for-dist']) return;
    const packageDir = join(outRoot, PACKAGE_DIR);
    rmSync(packageDir, { recursive: true, force: true });
    cpSync(buildDir, packageDir, { recursive: true });
    console.log(`Staged for the installer: ${packageDir}`);
  }

  const existing = checkSqliteBuild(buildDir, runtime, moduleVersion, readIfPresent);
  if (existing.ok && !values.force) {
    console.log(`Electron build of better-sqlite3 is ready: ${existing.file}`);
    copyForDist();
    return;
  }

  mkdirSync(outRoot, { recursive: true });
  const staging = mkdtempSync(join(outRoot, '.staging-'));
  try {
    // A copy of the package's sources: the tools write build/ there, never in node_modules.
    const sourceDir = dirname(requireFromRoot.resolve('better-sqlite3/package.json'));
    const work = join(staging, 'better-sqlite3');
    for (const entry of ['package.json', 'binding.gyp', 'lib', 'src', 'deps']) {
      cpSync(join(sourceDir, entry), join(work, entry), { recursive: true });
    }
    const built = join(work, 'build', 'Release', SQLITE_ADDON_FILE);
    const extraEnv: Record<string, string> = {};
    if (values['prebuilt-host'] !== undefined) {
      extraEnv.npm_config_better_sqlite3_binary_host = values['prebuilt-host'];
    }
    const env = toolEnv(extraEnv);

    console.log(`Preparing ${wanted}...`);
    let source: NativeBuildInfo['source'] = 'prebuilt';
    const prebuilt = run(
      process.execPath,
      [
        requireFromRoot.resolve('prebuild-install/bin.js'),
        '--runtime=electron',
        `--target=${electronVersion}`,
        `--arch=${runtime.arch}`,
        `--platform=${runtime.platform}`,
        '--verbose',
      ],
      work,
      env,
    );
    const problems: string[] = [];
    if (!prebuilt.ok || !existsSync(built)) {
      problems.push(
        `no prebuilt binary could be fetched (${reasonOf(prebuilt.output, 'prebuild-install failed')})`,
      );
      source = 'compiled';
      const compiled = run(
        process.execPath,
        [
          requireFromRoot.resolve('node-gyp/bin/node-gyp.js'),
          'rebuild',
          '--release',
          '--runtime=electron',
          `--target=${electronVersion}`,
          `--arch=${runtime.arch}`,
          `--dist-url=${values['headers-url'] ?? DEFAULT_HEADERS_URL}`,
          // Electron's headers get a cache of their own: node-gyp keys its cache by version only.
          `--devdir=${join(outRoot, '.electron-headers')}`,
        ],
        work,
        env,
      );
      if (!compiled.ok || !existsSync(built)) {
        problems.push(
          `compiling it against Electron's headers failed (${reasonOf(compiled.output, 'node-gyp failed')})`,
        );
        fail(
          [
            `Could not prepare ${wanted}:`,
            ...problems.map((problem) => `  - ${problem}`),
            'The prebuilt comes from the better-sqlite3 releases on GitHub and the headers from',
            `${values['headers-url'] ?? DEFAULT_HEADERS_URL}: both need network access; compiling also needs`,
            'python3 and a C++ toolchain. node_modules was not touched: `npm test` still uses its Node build.',
          ].join('\n'),
        );
      }
    }

    const why = binaryMismatch(readFileSync(built), runtime);
    if (why !== undefined) {
      fail(
        `Refused the ${source} better-sqlite3 binary: ${why}. node-gyp probably used Node's headers (check npm_config_nodedir and your npm config's nodedir). node_modules was not touched.`,
      );
    }
    const info: NativeBuildInfo = { module: 'better-sqlite3', moduleVersion, ...runtime, source };
    // Assembled beside the final folder, then swapped in: an interrupted run leaves either the
    // old build or none, never half of one.
    const assembled = join(staging, 'result');
    mkdirSync(assembled);
    cpSync(built, join(assembled, SQLITE_ADDON_FILE));
    writeFileSync(join(assembled, BUILD_INFO_FILE), `${JSON.stringify(info, null, 2)}\n`);
    rmSync(buildDir, { recursive: true, force: true });
    renameSync(assembled, buildDir);
    console.log(
      `Electron build of better-sqlite3 is ready (${source}): ${join(buildDir, SQLITE_ADDON_FILE)}`,
    );
    copyForDist();
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

try {
  main();
} catch (error) {
  if (!(error instanceof PrepareFailure)) throw error;
  console.error(error.message);
  process.exitCode = error.exitCode;
}
