/**
 * Soak: complete journeys (certificate, 秒批 filing with a capture, residence permit with a locker
 * deposit, queue ticket) one after another through the real host, devices at zero latency, the A4
 * spooler instant, the back office on loopback in this process. Prints journeys per minute, RSS,
 * heap and open file descriptors at start (after a warm-up), middle and end, their growth, lost
 * filings and privacy findings.
 *
 *   nice -n 19 node --expose-gc --import tsx bench/soak/run.ts [journeys=10000] [seed]
 */
import { soak } from '../../tests/reliability/soak';

const journeys = Number(process.argv[2] ?? 10_000);
const seed = Number(process.argv[3] ?? 20261205);
console.log(
  `bench/soak: ${journeys} journeys, seed ${seed}, node ${process.versions.node}, gc ${'gc' in globalThis}`,
);
const r = await soak({ journeys, seed, progress: (l) => console.log(l) });
const s = (x: { rssMb: number; heapMb: number; fds: number }) =>
  `RSS ${x.rssMb.toFixed(1)} MB, heap ${x.heapMb.toFixed(1)} MB, ${x.fds} fds`;
const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
console.log(
  [
    `${r.journeys} journeys in ${(r.elapsedMs / 60_000).toFixed(1)} min: ${r.perMinute.toFixed(0)} journeys/min (${JSON.stringify(r.byKind)})`,
    `start  ${s(r.samples.start)}`,
    `middle ${s(r.samples.middle)}`,
    `end    ${s(r.samples.end)}`,
    `growth RSS ${pct(r.growth.rss)}, heap ${pct(r.growth.heap)}, fds ${pct(r.growth.fds)} (target < 5 %)`,
    `filings acknowledged ${r.filings.acknowledged} (${r.filings.savedHere} saved on the kiosk first), lost ${r.filings.lost.length}; privacy findings ${r.privacy.length}`,
    ...r.filings.lost.map((l) => `  ! lost ${l}`),
    ...r.privacy.map((p) => `  ! ${p}`),
  ].join('\n'),
);
