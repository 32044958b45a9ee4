/**
 * What rendering certificates costs the host's event loop (device polls, IPC, the outbox run on it):
 * the same certificates drawn in main/printing's worker thread and drawn in-process, with the
 * event loop's lag measured meanwhile (a 5 ms interval timer: how late each tick fires).
 * Prints figures; asserts nothing.  npx tsx bench/printing/host.ts [documents]
 */
import { existsSync, readFileSync } from 'node:fs';
import { A4Renderer } from '../../main/printing';
import { FontRegistry, renderPdf, socialInsuranceCertificate } from '../../print-templates/index';
import { certificateData } from './pdf';

const COUNT = Number(process.argv[2] ?? 30);
const data = certificateData('typical');

async function measure(label: string, render: () => Promise<Uint8Array>): Promise<void> {
  await render(); // warm: fonts parsed, layout caches filled
  const lags: number[] = [];
  let last = performance.now();
  const probe = setInterval(() => {
    const now = performance.now();
    lags.push(Math.max(0, now - last - 5));
    last = now;
  }, 5);
  const times: number[] = [];
  for (let i = 0; i < COUNT; i++) {
    const t0 = performance.now();
    await render();
    times.push(performance.now() - t0);
  }
  clearInterval(probe);
  lags.push(Math.max(0, performance.now() - last - 5)); // a loop that never ticked waited all along
  const pick = (xs: number[], q: number) =>
    [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * q))]!;
  console.log(
    `${label.padEnd(12)} render median ${pick(times, 0.5).toFixed(1)} ms, p95 ${pick(times, 0.95).toFixed(1)} ms; ` +
      `event-loop lag p50 ${pick(lags, 0.5).toFixed(1)} ms, p99 ${pick(lags, 0.99).toFixed(1)} ms, max ${Math.max(...lags).toFixed(1)} ms (${lags.length} ticks)`,
  );
}

const renderer = new A4Renderer();
const t0 = performance.now();
await renderer.start();
console.log(
  `render worker started and warm in ${(performance.now() - t0).toFixed(0)} ms; ${COUNT} certificates each way`,
);
await measure('worker', () => renderer.render('social-insurance-certificate', data));
await renderer.close();
const fonts = new FontRegistry((p) => (existsSync(p) ? readFileSync(p) : undefined));
await measure('in-process', () => renderPdf(socialInsuranceCertificate, data, { fonts }));
