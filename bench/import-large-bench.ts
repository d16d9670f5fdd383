/**
 * Large-file budget (issue 10 part 4, docs/import.md): a 1,000,000-row CSV parsed, mapped and
 * validated by the importer as the renderer's import worker runs it (bundled as ES modules
 * for the browser, so @noble/hashes does the hashing), with peak memory under 500 MB.
 *
 * The importer runs in a child Node process of its own that does nothing else: it reads the
 * file's bytes (as the worker receives them), imports them and reports its peak resident set
 * size (`process.resourceUsage().maxRSS`, the operating system's high-water mark: heap,
 * bytes, text and code together), with the V8 heap capped at HEAP_CAP_MB: the import has to
 * fit in it or the process dies. Papaparse alone on
 * the same bytes, in a process of its own, is printed for reference.
 * One line per figure: `name: value (budget ...) OK|OVER`; exits non-zero only on a crash.
 * Run: npx tsx bench/import-large-bench.ts [rows]
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSync } from 'esbuild';
import { encodeAddress } from '../shared/address';
import { findCurrency, type NetworkId } from '../shared/networks';
import { createRandom } from '../electron/simulator/random';

const ROWS = Number(process.argv[2] ?? 1_000_000);
const BUDGET_MB = 500;
/**
 * The V8 heap the import is run in: it has to fit (a child that runs out of heap is reported
 * OVER). Left to itself, V8 lets the heap grow far past what is live before collecting, so
 * an uncapped RSS measures the collector's slack more than the import; it is printed too.
 * On the bench machine the 1,000,000-row import completed in a 320 MB heap and not in 300.
 */
const HEAP_CAP_MB = 340;
const root = join(import.meta.dirname, '..');

/** A seeded mulberry32 stream (the simulator's generator), so runs are reproducible. */
const prng = (seed: number): (() => number) => createRandom(seed).next;

const random = prng(11);
const int = (n: number) => Math.floor(random() * n);
const CODES = ['USDT_TRX', 'USDT_TRX', 'USDT', 'ETH', 'BTC', 'TRX', 'XDG', 'USDC'] as const;

/** Distinct recipients, mixed currencies, some quoted comments: a payroll export. */
function makeCsv(rows: number): Buffer {
  const parts: string[] = ['address,amount,currency,comment\r\n'];
  const hash = new Uint8Array(20);
  for (let row = 0; row < rows; row += 1) {
    const code = CODES[int(CODES.length)] ?? 'USDT_TRX';
    const network: NetworkId = findCurrency(code)?.network ?? 'tron';
    for (let index = 0; index < 20; index += 1) hash[index] = int(256);
    const decimals = Math.min(findCurrency(code)?.decimals ?? 2, 2);
    const amount = `${1 + int(25_000)}.${String(int(10 ** decimals)).padStart(decimals, '0')}`;
    const comment = row % 7 === 0 ? `"Payroll June, #${row}"` : `Payroll June #${row}`;
    parts.push(`${encodeAddress(network, hash)},${amount},${code},${comment}\r\n`);
  }
  return Buffer.from(parts.join(''));
}

const CHILD = `
import { readFileSync } from 'node:fs';
const [mode, file, bundle] = process.argv.slice(2);
const bytes = readFileSync(file); // a Buffer is a Uint8Array: no second copy
const started = performance.now();
let rows = 0;
let blocking = null;
if (mode === 'papa') {
  const Papa = (await import('papaparse')).default;
  rows = Papa.parse(new TextDecoder().decode(bytes), { skipEmptyLines: true }).data.length - 1;
} else {
  const { importPayoutFile, installWasmKeccak256 } = await import(bundle);
  // As the page's import worker does before its first reading (shared/keccak256.ts).
  if ((await installWasmKeccak256()) !== 'webassembly') throw new Error('no WebAssembly Keccak');
  const result = importPayoutFile(bytes);
  rows = result.rows.length;
  blocking = result.problems.map((entry) => entry.code).join(',') || null;
}
const ms = performance.now() - started;
console.log(JSON.stringify({ ms, rows, blocking, maxRssMb: process.resourceUsage().maxRSS / 1024 }));
`;

type ChildAnswer = {
  ms: number;
  rows: number;
  blocking: string | null;
  maxRssMb: number;
};

function runChild(
  dir: string,
  mode: 'papa' | 'import',
  file: string,
  bundle: string,
  heapMb?: number,
): ChildAnswer {
  const script = join(dir, 'child.mjs');
  writeFileSync(script, CHILD);
  const heap = heapMb === undefined ? [] : [`--max-old-space-size=${heapMb}`];
  const out = execFileSync(process.execPath, [...heap, script, mode, file, bundle], {
    stdio: ['ignore', 'pipe', 'ignore'],
    cwd: root,
    env: { ...process.env, NODE_PATH: join(root, 'node_modules') },
    maxBuffer: 1 << 20,
  });
  return JSON.parse(out.toString().trim().split('\n').at(-1) ?? '{}') as ChildAnswer;
}

function main(): void {
  const dir = mkdtempSync(join(root, 'node_modules', '.import-large-bench-'));
  try {
    const built = buildSync({
      stdin: {
        contents:
          "export { importPayoutFile } from './shared/import';\n" +
          "export { installWasmKeccak256 } from './shared/keccak256';\n",
        resolveDir: root,
        loader: 'ts',
      },
      bundle: true,
      format: 'esm',
      platform: 'browser',
      target: 'es2023',
      write: false,
    });
    const bundle = join(dir, 'import.mjs');
    writeFileSync(bundle, built.outputFiles[0]?.text ?? '');
    const file = join(dir, 'large.csv');
    const bytes = makeCsv(ROWS);
    writeFileSync(file, bytes);
    const rowsText = ROWS.toLocaleString('en-US');
    console.log(`file: ${rowsText} rows, ${(bytes.length / 1048576).toFixed(0)} MiB`);
    const papa = runChild(dir, 'papa', file, bundle);
    console.log(
      `papaparse alone: ${(papa.ms / 1000).toFixed(1)} s, peak RSS ${papa.maxRssMb.toFixed(0)} MB (reference)`,
    );
    let imported: ChildAnswer;
    try {
      imported = runChild(dir, 'import', file, bundle, HEAP_CAP_MB);
    } catch {
      console.log(
        `import ${rowsText} rows, peak memory of the parsing process: did not fit in a ${HEAP_CAP_MB} MB V8 heap (budget < ${BUDGET_MB} MB) OVER`,
      );
      return;
    }
    if (imported.rows !== ROWS) {
      throw new Error(
        `the importer read ${imported.rows} rows instead of ${ROWS} (${imported.blocking ?? 'no file problem'})`,
      );
    }
    console.log(
      `import ${rowsText} rows: ${(imported.ms / 1000).toFixed(1)} s, ${(imported.ms / papa.ms).toFixed(2)} x papaparse (reported, no budget)`,
    );
    console.log(
      `import ${rowsText} rows, peak memory of the parsing process (max RSS, V8 heap capped at ${HEAP_CAP_MB} MB): ` +
        `${imported.maxRssMb.toFixed(0)} MB (budget < ${BUDGET_MB} MB) ${imported.maxRssMb < BUDGET_MB ? 'OK' : 'OVER'}`,
    );
    const uncapped = runChild(dir, 'import', file, bundle);
    console.log(
      `the same without a heap cap (V8 grows the heap before it collects; reference): max RSS ${uncapped.maxRssMb.toFixed(0)} MB`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main();
