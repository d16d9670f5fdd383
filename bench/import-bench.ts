/**
 * Import budgets: a 10,000-row CSV parsed, mapped and validated in < 300 ms (DESIGN.md
 * "Performance budgets"), and within 3x of papaparse alone on the same bytes (decode +
 * Papa.parse with a header row; issue 10 part 3, docs/import.md). Medians of 7 runs after
 * warm-up. The 1,000,000-row figures are bench/import-large-bench.ts.
 *
 * The importer is measured as the app runs it: bundled as ES modules (the renderer's worker
 * and main are bundles). Run straight from source under tsx, @noble/hashes is converted to
 * CommonJS with a getter on every internal call, which makes its SHA-256 about 9x slower
 * than in the app; that figure is printed too, for reference.
 * The same rows as an .xlsx workbook (docs/spreadsheets.md) are timed too, beside the CSV in
 * the same runs; that line has no budget of its own.
 * The desk worker reads files of up to 8 MiB with Node's native SHA-256 installed
 * (electron/services/node-sha256.ts); that path is printed on a line of its own, against
 * papaparse in the same runs. The budget line above stays the page worker's bundle.
 * One line per figure: `name: value (budget ...) OK|OVER`; exits non-zero only on a crash.
 * Run: npx tsx bench/import-bench.ts [rows]
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { utils as sheetUtils, write as writeWorkbook } from '@e965/xlsx';
import { buildSync } from 'esbuild';
import Papa from 'papaparse';
import { encodeAddress } from '../shared/address';
import { importPayoutFile as importFromSource } from '../shared/import';
import { findCurrency, type NetworkId } from '../shared/networks';
import { createRandom } from '../electron/simulator/random';

type BundledApi = {
  importPayoutFile: typeof importFromSource;
  checkAddress: typeof import('../shared/address').checkAddress;
  installWasmKeccak256: typeof import('../shared/keccak256').installWasmKeccak256;
};

type DeskBundle = BundledApi & {
  installNodeSha256: typeof import('../electron/services/node-sha256').installNodeSha256;
};

/**
 * The importer and the address check bundled the way Vite bundles them (esbuild, ESM): for
 * the browser (the page's worker), or for Node with the desk worker's native SHA-256 (the
 * desk reads every file of up to 8 MiB, docs/import.md). Each bundle has its own caches.
 */
async function loadBundle(): Promise<BundledApi>;
async function loadBundle(host: 'desk'): Promise<DeskBundle>;
async function loadBundle(host: 'page' | 'desk' = 'page'): Promise<BundledApi | DeskBundle> {
  const root = join(import.meta.dirname, '..');
  const built = buildSync({
    stdin: {
      contents:
        "export { importPayoutFile } from './shared/import';\n" +
        "export { checkAddress } from './shared/address';\n" +
        "export { installWasmKeccak256 } from './shared/keccak256';\n" +
        (host === 'desk'
          ? "export { installNodeSha256 } from './electron/services/node-sha256';\n"
          : ''),
      resolveDir: root,
      loader: 'ts',
    },
    bundle: true,
    format: 'esm',
    platform: host === 'desk' ? 'node' : 'browser',
    target: 'es2023',
    write: false,
  });
  const dir = mkdtempSync(join(tmpdir(), 'import-bench-'));
  try {
    const file = join(dir, 'import.mjs');
    writeFileSync(file, built.outputFiles[0]?.text ?? '');
    return (await import(pathToFileURL(file).href)) as BundledApi | DeskBundle;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const ROWS = Number(process.argv[2] ?? 10_000);
const WARMUP = 3;
const RUNS = 7;

/** A seeded mulberry32 stream (the simulator's generator), so runs are reproducible. */
const prng = (seed: number): (() => number) => createRandom(seed).next;

let random = prng(7);
const int = (n: number) => Math.floor(random() * n);

// A payroll/affiliate mix: mostly Tether on Tron and Ethereum, some native coins.
const MIX: readonly [string, number][] = [
  ['USDT_TRX', 40],
  ['USDT', 20],
  ['ETH', 8],
  ['USDC', 6],
  ['BTC', 8],
  ['TRX', 6],
  ['XDG', 4],
  ['BNB', 4],
  ['USDT_MATIC', 4],
];
const WEIGHT = MIX.reduce((sum, [, weight]) => sum + weight, 0);

function pickCurrency(): string {
  let roll = int(WEIGHT);
  for (const [code, weight] of MIX) {
    if (roll < weight) return code;
    roll -= weight;
  }
  return 'USDT_TRX';
}

function address(network: NetworkId): string {
  const hash = new Uint8Array(20);
  for (let index = 0; index < 20; index += 1) hash[index] = int(256);
  return encodeAddress(network, hash);
}

function amount(code: string): string {
  const whole = String(1 + int(25_000));
  const decimals = Math.min(findCurrency(code)?.decimals ?? 2, code === 'BTC' ? 8 : 2);
  const fraction = String(int(10 ** decimals)).padStart(decimals, '0');
  return decimals === 0 ? whole : `${whole}.${fraction}`;
}

const NAMES = ['Alice Martin', 'Bob Nguyen', 'Chloé Dubois', 'Dmitri Ivanov', 'Eva Müller'];
const CITIES = ['Berlin', 'Lisbon', 'Austin', 'Warsaw', 'Manila'];

function makeCsv(
  rows: number,
  seed: number,
): { bytes: Uint8Array; addresses: [string, NetworkId][] } {
  random = prng(seed);
  const lines = ['address,amount,currency,comment'];
  const addresses: [string, NetworkId][] = [];
  for (let row = 0; row < rows; row += 1) {
    const code = pickCurrency();
    const network = findCurrency(code)?.network ?? 'tron';
    const to = address(network);
    addresses.push([to, network]);
    const name = NAMES[int(NAMES.length)] ?? '';
    const city = CITIES[int(CITIES.length)] ?? '';
    // Some comments carry a delimiter, so they are quoted the way Excel quotes them.
    const comment =
      row % 7 === 0
        ? `"Payroll June 2025, ${name}, ${city}"`
        : `Payroll June 2025 - ${name} #${row}`;
    lines.push(`${to},${amount(code)},${code},${comment}`);
  }
  return { bytes: new TextEncoder().encode(`${lines.join('\r\n')}\r\n`), addresses };
}

/** The CSV's rows as an .xlsx as Excel saves it (compressed), amounts as number cells. */
function asWorkbook(csv: Uint8Array): Uint8Array {
  const rows = Papa.parse<string[]>(new TextDecoder().decode(csv), { skipEmptyLines: true }).data;
  const cells = rows.map((row, index) =>
    index === 0 ? row : row.map((cell, column) => (column === 1 ? Number(cell) : cell)),
  );
  const book = sheetUtils.book_new();
  sheetUtils.book_append_sheet(book, sheetUtils.aoa_to_sheet(cells), 'Payouts');
  const bytes: ArrayBuffer = writeWorkbook(book, {
    type: 'array',
    bookType: 'xlsx',
    compression: true,
  }) as ArrayBuffer;
  return new Uint8Array(bytes);
}

/** Median time of `action(run)` over RUNS runs, after WARMUP runs. */
function median(action: (run: number) => void): number {
  return pairedMedians([action])[0] ?? Number.NaN;
}

/**
 * Medians of several actions run in turn within each run, so a ratio between them compares
 * times taken under the same load (the machine is shared: the load changes within seconds).
 */
function pairedMedians(actions: readonly ((run: number) => void)[]): number[] {
  for (let run = 0; run < WARMUP; run += 1) for (const action of actions) action(run);
  const times = actions.map((): number[] => []);
  for (let run = WARMUP; run < WARMUP + RUNS; run += 1) {
    actions.forEach((action, index) => {
      const start = performance.now();
      action(run);
      times[index]?.push(performance.now() - start);
    });
  }
  return times.map((list) => {
    list.sort((a, b) => a - b);
    return list[Math.floor(list.length / 2)] ?? Number.NaN;
  });
}

async function main(): Promise<void> {
  const bundled = await loadBundle();
  // Both hosts install hash-wasm's Keccak before they read a file (shared/keccak256.ts).
  const keccak = await bundled.installWasmKeccak256();
  // A different file (other recipients) for every run: the importer keeps checksum results
  // between calls, and the budget is about a file it has not seen.
  const files = Array.from({ length: WARMUP + RUNS }, (_, run) => makeCsv(ROWS, 100 + run));
  const fileOf = (run: number) => files[run] ?? files[0] ?? makeCsv(ROWS, 1);
  const decoder = new TextDecoder('utf-8');

  let rowsSeen = 0;
  const [papaMs = Number.NaN, importMs = Number.NaN] = pairedMedians([
    (run) => {
      Papa.parse(decoder.decode(fileOf(run).bytes), { header: true, skipEmptyLines: true });
    },
    (run) => {
      rowsSeen = bundled.importPayoutFile(fileOf(run).bytes).rows.length;
    },
  ]);
  if (rowsSeen !== ROWS) throw new Error(`the importer read ${rowsSeen} rows instead of ${ROWS}`);
  const againMs = median((run) => {
    bundled.importPayoutFile(fileOf(run).bytes);
  });
  const checksumMs = median((run) => {
    for (const [to, network] of fileOf(run).addresses) bundled.checkAddress(to, network);
  });
  const sourceMs = median((run) => {
    importFromSource(fileOf(run).bytes);
  });
  // Other recipients again, so neither format finds the other's checksums cached.
  const pairs = Array.from({ length: WARMUP + RUNS }, (_, run) => ({
    csv: makeCsv(ROWS, 300 + run).bytes,
    xlsx: asWorkbook(makeCsv(ROWS, 500 + run).bytes),
  }));
  const pairOf = (run: number) => pairs[run] ?? pairs[0];
  let sheetRows = 0;
  const [csvMs = Number.NaN, xlsxMs = Number.NaN] = pairedMedians([
    (run) => {
      bundled.importPayoutFile(pairOf(run)?.csv ?? new Uint8Array());
    },
    (run) => {
      sheetRows = bundled.importPayoutFile(pairOf(run)?.xlsx ?? new Uint8Array()).rows.length;
    },
  ]);
  if (sheetRows !== ROWS) throw new Error(`the .xlsx gave ${sheetRows} rows instead of ${ROWS}`);

  // The desk's path: the same importer with Node's SHA-256, as the desk worker installs it,
  // on files neither bundle has seen, against papaparse in the same runs.
  const desk = await loadBundle('desk');
  desk.installNodeSha256();
  await desk.installWasmKeccak256();
  const deskFiles = Array.from({ length: WARMUP + RUNS }, (_, run) => makeCsv(ROWS, 700 + run));
  const deskFileOf = (run: number) => deskFiles[run] ?? deskFiles[0] ?? makeCsv(ROWS, 1);
  const [deskPapaMs = Number.NaN, deskMs = Number.NaN] = pairedMedians([
    (run) => {
      Papa.parse(decoder.decode(deskFileOf(run).bytes), { header: true, skipEmptyLines: true });
    },
    (run) => {
      desk.importPayoutFile(deskFileOf(run).bytes);
    },
  ]);

  const ratio = importMs / papaMs;
  const fmt = (ms: number) => ms.toFixed(1);
  const rowsText = ROWS.toLocaleString('en-US');
  const kib = ((files[0]?.bytes.length ?? 0) / 1024).toFixed(0);
  console.log(
    `file: ${rowsText} rows, ${kib} KiB, mixed currencies, distinct recipients; Keccak: ${keccak}`,
  );
  console.log(`papaparse alone: ${fmt(papaMs)} ms (decode + Papa.parse, header row)`);
  console.log(
    `import ${rowsText} rows: ${fmt(importMs)} ms (budget < 300 ms) ${importMs < 300 ? 'OK' : 'OVER'}`,
  );
  console.log(
    `ratio to papaparse: ${ratio.toFixed(2)} x (budget <= 3x) ${ratio <= 3 ? 'OK' : 'OVER'}`,
  );
  console.log(
    `of which address checksums (checkAddress on ${rowsText} distinct addresses): ${fmt(checksumMs)} ms; ` +
      `the rest: ${(Math.max(0, importMs - checksumMs) / papaMs).toFixed(2)} x papaparse`,
  );
  console.log(
    `the same file read again (new mapping or separator; checksums cached): ${fmt(againMs)} ms, ${(againMs / papaMs).toFixed(2)} x papaparse`,
  );
  const deskRatio = deskMs / deskPapaMs;
  console.log(
    `desk's path (files <= 8 MiB: the bundle with Node's SHA-256 installed, as the desk worker runs it): ` +
      `${fmt(deskMs)} ms, ${deskRatio.toFixed(2)} x papaparse (${fmt(deskPapaMs)} ms) (budget <= 3x) ${deskRatio <= 3 ? 'OK' : 'OVER'}`,
  );
  console.log(`import from source under tsx (reference only): ${fmt(sourceMs)} ms`);
  const xlsxKib = ((pairs[0]?.xlsx.length ?? 0) / 1024).toFixed(0);
  console.log(
    `import ${rowsText} rows as an .xlsx (${xlsxKib} KiB): ${fmt(xlsxMs)} ms (no budget), ${(xlsxMs / csvMs).toFixed(2)} x the same import of a CSV (${fmt(csvMs)} ms)`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
