/**
 * Printing bench: `npx tsx bench/printing/run.ts [--warm N] [--cold N]`. Prints figures, asserts nothing.
 * - cold: the first certificate in a fresh process (one child process per sample), from source (tsx)
 *   and bundled as packaged; everything (imports, font reading and parsing) is inside the timer;
 * - warm: median of N certificates in this process (fonts parsed once, cached by FontRegistry);
 * - pdfmake: the same certificate with the same font files, for comparison;
 * - both variants of pdf.ts: `typical` (drawn with the shipped font subset) and `rare` (a 生僻字
 *   name: drawn with the full Noto CJK collection);
 * - receipts: bench/printing/receipt.ts.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { buildPdfkit, buildPdfmake, type Variant } from './pdf';

const { values } = parseArgs({ options: { warm: { type: 'string' }, cold: { type: 'string' } } });
const WARM = Number(values.warm ?? 15);
const COLD = Number(values.cold ?? 3);

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
};
const round = (n: number) => Math.round(n * 10) / 10;

async function warm(
  build: () => Promise<Uint8Array>,
): Promise<{ medianMs: number; minMs: number; bytes: number }> {
  let bytes = (await build()).length; // first document pays font loading; not counted
  const times: number[] = [];
  for (let i = 0; i < WARM; i++) {
    const t0 = performance.now();
    bytes = (await build()).length;
    times.push(performance.now() - t0);
  }
  return { medianMs: round(median(times)), minMs: round(Math.min(...times)), bytes };
}

/**
 * The kiosk ships bundled JavaScript (scripts/build-electron.mjs), so the product's cold start does
 * not compile TypeScript. This bundles pdf.ts the same way (packages stay in node_modules) so the cold
 * figure can be taken both from source (tsx) and as packaged.
 */
async function bundleColdEntry(): Promise<string> {
  const { build } = await import('esbuild');
  // Inside the repository (git-ignored .tmp/) so the bundle resolves packages from node_modules.
  const dir = join(import.meta.dirname, '..', '..', '.tmp');
  mkdirSync(dir, { recursive: true });
  // The shipped fonts sit next to the code as in a package: print-templates resolves ../fonts/ from its module.
  const root = mkdtempSync(join(dir, 'bench-'));
  const outdir = join(root, 'bundle');
  cpSync(join(import.meta.dirname, '..', '..', 'print-templates', 'fonts'), join(root, 'fonts'), {
    recursive: true,
    filter: (f) => !f.endsWith('.ts'),
  });
  // Splitting keeps the dynamically imported templates (and the pdfkit they load) in their own chunk,
  // loaded inside the timed region as in the tsx run, instead of hoisted before the timer starts.
  await build({
    entryPoints: [join(import.meta.dirname, 'pdf.ts')],
    outdir,
    splitting: true,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    logLevel: 'error',
    // The bundle lives in a temp dir; point import.meta.dirname-relative paths back at bench/printing.
    define: { 'import.meta.dirname': JSON.stringify(import.meta.dirname) },
  });
  return join(outdir, 'pdf.js');
}

function cold(
  lib: 'pdfkit' | 'pdfmake',
  variant: Variant,
  entry: { args: string[] } = { args: ['--import', 'tsx', join(import.meta.dirname, 'pdf.ts')] },
): { firstDocMs: number; minMs: number; processMs: number; wallMs: number; bytes: number } {
  const samples = Array.from({ length: COLD }, () => {
    const t0 = performance.now();
    const r = spawnSync(process.execPath, [...entry.args, '--cold', lib, variant], {
      encoding: 'utf8',
      timeout: 120_000,
    });
    const wallMs = performance.now() - t0;
    if (r.status !== 0) throw new Error(`cold ${lib} child failed: ${r.stderr}`);
    const out = JSON.parse(r.stdout.trim().split('\n').at(-1)!) as {
      firstDocMs: number;
      sinceProcessStartMs: number;
      bytes: number;
    };
    return { firstDocMs: out.firstDocMs, processMs: out.sinceProcessStartMs, wallMs, bytes: out.bytes };
  });
  return {
    firstDocMs: round(median(samples.map((s) => s.firstDocMs))),
    // On a shared machine the fastest sample is the best estimate of the unloaded figure.
    minMs: round(Math.min(...samples.map((s) => s.firstDocMs))),
    processMs: round(median(samples.map((s) => s.processMs))),
    wallMs: round(median(samples.map((s) => s.wallMs))),
    bytes: samples[0]!.bytes,
  };
}

const print = (name: string, figures: Record<string, unknown>) =>
  console.log(`${name.padEnd(28)} ${JSON.stringify(figures)}`);

const os = await import('node:os');
const load = () => round(os.loadavg()[0]!);
print('machine', { cpus: os.cpus().length, load1: load(), node: process.versions.node });

const bundleEntry = await bundleColdEntry();
const bundled = { args: [bundleEntry] };
process.on('exit', () => rmSync(dirname(dirname(bundleEntry)), { recursive: true, force: true }));
for (const variant of ['typical', 'rare'] as const) {
  const pdfkitWarm = await warm(() => buildPdfkit(variant));
  const pdfmakeWarm = await warm(() => buildPdfmake(variant));
  print(`${variant}: pdfkit warm`, { ...pdfkitWarm, n: WARM, targetMs: 100, met: pdfkitWarm.medianMs < 100 });
  print(`${variant}: pdfmake warm`, { ...pdfmakeWarm, n: WARM });
  print(`${variant}: warm ratio pdfmake/pdfkit`, {
    ratio: round(pdfmakeWarm.medianMs / pdfkitWarm.medianMs),
  });

  const pdfkitColdBundled = cold('pdfkit', variant, bundled);
  const pdfkitCold = cold('pdfkit', variant);
  const pdfmakeCold = cold('pdfmake', variant);
  const verdict = (ms: number) => ({ n: COLD, targetMs: 1000, met: ms < 1000 });
  print(`${variant}: pdfkit cold, bundled`, {
    ...pdfkitColdBundled,
    ...verdict(pdfkitColdBundled.firstDocMs),
  });
  print(`${variant}: pdfkit cold, tsx source`, { ...pdfkitCold, ...verdict(pdfkitCold.firstDocMs) });
  print(`${variant}: pdfmake cold, tsx`, { ...pdfmakeCold, n: COLD });
  print(`${variant}: cold ratio pdfmake/pdfkit`, {
    ratio: round(pdfmakeCold.firstDocMs / pdfkitCold.firstDocMs),
    load1: load(),
  });
}

const receiptBench = join(import.meta.dirname, 'receipt.ts');
if (existsSync(receiptBench)) {
  const mod = (await import(receiptBench)) as {
    benchReceipts?: () => Promise<Record<string, number | string>>;
  };
  if (typeof mod.benchReceipts === 'function') print('receipts', await mod.benchReceipts());
  else console.log('receipt bench not available');
} else console.log('receipt bench not available');
