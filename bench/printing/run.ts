/**
 * Printing bench: `npx tsx bench/printing/run.ts [--warm N] [--cold N]`. Prints figures, asserts nothing.
 * - cold: the first certificate in a fresh process (one child process per sample);
 * - warm: median of N certificates in this process (font parsed once, cached by FontRegistry);
 * - pdfmake: the same certificate with the same font, for comparison;
 * - receipts: bench/printing/receipt.ts when present.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
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

function cold(lib: 'pdfkit' | 'pdfmake'): { firstDocMs: number; processMs: number; wallMs: number } {
  const samples = Array.from({ length: COLD }, () => {
    const t0 = performance.now();
    const r = spawnSync(
      process.execPath,
      ['--import', 'tsx', join(import.meta.dirname, 'pdf.ts'), '--cold', lib],
      {
        encoding: 'utf8',
        timeout: 120_000,
      },
    );
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

const pdfkitCold = cold('pdfkit');
const pdfmakeCold = cold('pdfmake');
print('certificate pdfkit cold', {
  ...pdfkitCold,
  n: COLD,
  targetMs: 1000,
  met: pdfkitCold.firstDocMs < 1000,
});
print('certificate pdfmake cold', { ...pdfmakeCold, n: COLD });
print('cold ratio pdfmake/pdfkit', { ratio: round(pdfmakeCold.firstDocMs / pdfkitCold.firstDocMs) });

const receiptBench = join(import.meta.dirname, 'receipt.ts');
if (existsSync(receiptBench)) {
  const mod = (await import(receiptBench)) as {
    benchReceipts?: () => Promise<Record<string, number | string>>;
  };
  if (typeof mod.benchReceipts === 'function') print('receipts', await mod.benchReceipts());
  else console.log('receipt bench not available');
} else console.log('receipt bench not available');
