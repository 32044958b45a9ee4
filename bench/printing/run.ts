/**
 * Printing bench: `npx tsx bench/printing/run.ts [--warm N] [--cold N]`. Prints figures, asserts nothing.
 * - cold: the first certificate in a fresh process (one child process per sample);
 * - warm: median of N certificates in this process (font parsed once, cached by FontRegistry);
 * - pdfmake: the same certificate with the same font, for comparison;
 * - receipts: bench/printing/receipt.ts when present.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { buildPdfkit, buildPdfmake } from './pdf';

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
  const outdir = mkdtempSync(join(dir, 'bench-'));
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
  entry: { args: string[] } = { args: ['--import', 'tsx', join(import.meta.dirname, 'pdf.ts')] },
): { firstDocMs: number; processMs: number; wallMs: number } {
  const samples = Array.from({ length: COLD }, () => {
    const t0 = performance.now();
    const r = spawnSync(process.execPath, [...entry.args, '--cold', lib], {
      encoding: 'utf8',
      timeout: 120_000,
    });
    const wallMs = performance.now() - t0;
    if (r.status !== 0) throw new Error(`cold ${lib} child failed: ${r.stderr}`);
    const out = JSON.parse(r.stdout.trim().split('\n').at(-1)!) as {
      firstDocMs: number;
      sinceProcessStartMs: number;
    };
    return { firstDocMs: out.firstDocMs, processMs: out.sinceProcessStartMs, wallMs };
  });
  return {
    firstDocMs: round(median(samples.map((s) => s.firstDocMs))),
    processMs: round(median(samples.map((s) => s.processMs))),
    wallMs: round(median(samples.map((s) => s.wallMs))),
  };
}

const print = (name: string, figures: Record<string, unknown>) =>
  console.log(`${name.padEnd(28)} ${JSON.stringify(figures)}`);

const os = await import('node:os');
print('machine', { cpus: os.cpus().length, load1: round(os.loadavg()[0]!), node: process.versions.node });

const pdfkitWarm = await warm(() => buildPdfkit());
const pdfmakeWarm = await warm(() => buildPdfmake());
print('certificate pdfkit warm', { ...pdfkitWarm, n: WARM, targetMs: 100, met: pdfkitWarm.medianMs < 100 });
print('certificate pdfmake warm', { ...pdfmakeWarm, n: WARM });
print('warm ratio pdfmake/pdfkit', { ratio: round(pdfmakeWarm.medianMs / pdfkitWarm.medianMs) });

const bundled = { args: [await bundleColdEntry()] };
const pdfkitColdBundled = cold('pdfkit', bundled);
const pdfkitCold = cold('pdfkit');
const pdfmakeCold = cold('pdfmake');
print('certificate pdfkit cold', {
  ...pdfkitCold,
  n: COLD,
  targetMs: 1000,
  met: pdfkitCold.firstDocMs < 1000,
});
print('certificate pdfmake cold', { ...pdfmakeCold, n: COLD });
print('certificate pdfkit cold, bundled as packaged', {
  ...pdfkitColdBundled,
  n: COLD,
  targetMs: 1000,
  met: pdfkitColdBundled.firstDocMs < 1000,
});
print('cold ratio pdfmake/pdfkit', { ratio: round(pdfmakeCold.firstDocMs / pdfkitCold.firstDocMs) });

const receiptBench = join(import.meta.dirname, 'receipt.ts');
if (existsSync(receiptBench)) {
  const mod = (await import(receiptBench)) as {
    benchReceipts?: () => Promise<Record<string, number | string>>;
  };
  if (typeof mod.benchReceipts === 'function') print('receipts', await mod.benchReceipts());
  else console.log('receipt bench not available');
} else console.log('receipt bench not available');
