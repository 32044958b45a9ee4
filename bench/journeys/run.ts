/**
 * Host-side time per journey: from the moment the citizen is identified (the card read) to the
 * journey's last effect done (a certificate or search result handed to the printer and reported
 * printed; for 办件进度查询 the progress shown), for the journeys that start with a card, on the
 * real host (main/host) with the real back office on loopback, the devices simulated at zero
 * latency and the A4 printer's physics left out (its spooler reports a job completed at once). What
 * remains is ours: the engine, the effect runner, the back office round trips (look-up, document
 * number), rendering the certificate in main/printing's worker, and the channels. Also the share of
 * that time spent rendering templates.
 *
 * Prints figures; asserts nothing.  npx tsx bench/journeys/run.ts [runs=200]
 * Target (issue #9): the certificate journey under 150 ms on this 2-core machine.
 */
import { A4Renderer } from '../../main/printing';
import { startBackoffice, startKiosk, testDir, type Kiosk } from '../../tests/helpers/kiosk-rig';
import { fileElsewhere } from '../../tests/helpers/journey-steps';
import { findPerson, type Person } from '../../tests/helpers/people';

const RUNS = Number(process.argv[2] ?? 200);

/** Times every A4 document main/printing renders (in its worker thread). */
class TimedRenderer extends A4Renderer {
  spentMs = 0;
  override async render(...args: Parameters<A4Renderer['render']>): ReturnType<A4Renderer['render']> {
    const t0 = performance.now();
    try {
      return await super.render(...args);
    } finally {
      this.spentMs += performance.now() - t0;
    }
  }
}

interface Journey {
  label: string;
  serviceId: string;
  /** From identified to the last effect; the taps the citizen makes on the way are instant here. */
  run(k: Kiosk): Promise<void>;
}

const next = (k: Kiosk) => k.send({ kind: 'next' });

const certificate = (label: string, serviceId: string): Journey => ({
  label,
  serviceId,
  async run(k) {
    await k.step('lookup');
    await next(k);
    await k.step('done');
  },
});

const JOURNEYS: Journey[] = [
  certificate('参保证明 (social insurance certificate)', 'social-insurance-certificate'),
  certificate('公积金缴存证明 (housing fund certificate)', 'housing-fund-certificate'),
  {
    label: '不动产登记信息查询 (real estate, shown and printed)',
    serviceId: 'real-estate-query',
    async run(k) {
      await k.step('lookup');
      await next(k);
      await k.step('print');
      await next(k);
      await k.step('done');
    },
  },
  {
    label: '办件进度查询 (progress by ID card, shown)',
    serviceId: 'progress-query',
    async run(k) {
      await k.step('lookup');
      await next(k);
      await k.step('done');
    },
  },
];

const pick = (xs: number[], q: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * q))]!;

async function once(
  k: Kiosk,
  j: Journey,
  who: Person,
  renderer: TimedRenderer,
): Promise<{ ms: number; renderMs: number }> {
  await k.call('session:start');
  await k.send({ kind: 'chooseService', serviceId: j.serviceId });
  // Services with a guide show it first; the others open on the identify step.
  await k.until((x) => ['guide', 'identify'].includes(x.view.step?.kind ?? ''), 'the first step');
  if (k.view.step?.kind === 'guide') await next(k);
  await k.step('identify');
  k.idCard.place(who.card);
  await k.until((x) => x.view.identity, 'identified');
  const t0 = performance.now();
  const rendered = renderer.spentMs;
  await j.run(k);
  const ms = performance.now() - t0;
  const renderMs = renderer.spentMs - rendered;
  const ended = k.ended.length;
  await k.send({ kind: 'finish' });
  k.idCard.remove();
  await k.until((x) => x.ended.length > ended, 'the end');
  return { ms, renderMs };
}

const t = testDir('yizhan-bench-journeys');
const bo = await startBackoffice(t.dir);
const renderer = new TimedRenderer();
const kiosk = await startKiosk({
  dir: t.dir,
  backoffice: bo,
  kioskId: 'bench-journeys',
  instantA4: true,
  renderer,
});
const who = await findPerson({ insured: true, housingFund: true, realEstate: true });
// A filing of theirs, so that 办件进度查询 has something to show.
await fileElsewhere(bo, who, 'print');
try {
  console.log(
    `bench/journeys: ${RUNS} runs per journey, real host + back office (SQLite) on loopback, devices at zero latency, A4 spooler instant; node ${process.versions.node}`,
  );
  for (const j of JOURNEYS) {
    for (let i = 0; i < 5; i++) await once(kiosk, j, who, renderer); // warm: caches, JIT, the worker's fonts
    const results: { ms: number; renderMs: number }[] = [];
    for (let i = 0; i < RUNS; i++) results.push(await once(kiosk, j, who, renderer));
    const ms = results.map((r) => r.ms);
    const share = results.reduce((n, r) => n + r.renderMs, 0) / results.reduce((n, r) => n + r.ms, 0);
    console.log(
      `${j.label}: identity → last effect median ${pick(ms, 0.5).toFixed(1)} ms, p95 ${pick(ms, 0.95).toFixed(1)} ms, ` +
        `max ${Math.max(...ms).toFixed(1)} ms; rendering templates ${(share * 100).toFixed(0)} % of it ` +
        `(render median ${pick(
          results.map((r) => r.renderMs),
          0.5,
        ).toFixed(1)} ms)`,
    );
  }
  console.log(`PDFs handed to the printer: ${kiosk.printedPdfs.length}`);
} finally {
  await kiosk.stop();
  await bo.stop();
  t.remove();
}
