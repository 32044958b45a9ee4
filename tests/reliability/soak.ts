/**
 * Soak: complete journeys (tests/reliability/journeys.ts) one citizen after another through the real
 * host with every device simulated at zero latency (A4 spooler instant) and the back office on
 * loopback. Samples this process's RSS, heap (after a GC when --expose-gc) and open file descriptors
 * at start (after a warm-up), middle and end; counts filings the host acknowledged that the back
 * office does not have; checks privacy every `privacyEvery` journeys over the kiosk's data directory,
 * temporary files and the log written since the last check (then the log is rotated, as a hall's
 * log shipper would).
 */
import { readdirSync, truncateSync } from 'node:fs';
import path from 'node:path';
import { startBackoffice, startKiosk, testDir } from '../helpers/kiosk-rig';
import { seededRandom } from '../helpers/outbox-plan';
import { serverFilings, staffLogin } from '../helpers/outbox-service';
import { findSecrets } from '../helpers/privacy';
import {
  Citizens,
  JOURNEY_KINDS,
  planWalk,
  retrieveDeposits,
  secretsOfWalk,
  tagOfForm,
  walk,
  type Walk,
} from './journeys';

export interface Sample {
  at: number;
  rssMb: number;
  heapMb: number;
  fds: number;
}

export interface SoakReport {
  journeys: number;
  perMinute: number;
  byKind: Record<string, number>;
  samples: { start: Sample; middle: Sample; end: Sample };
  growth: { rss: number; heap: number; fds: number };
  filings: { acknowledged: number; savedHere: number; lost: string[] };
  privacy: string[];
  elapsedMs: number;
}

const KIOSK_ID = 'soak';

function sample(at: number): Sample {
  (globalThis as { gc?: () => void }).gc?.();
  const m = process.memoryUsage();
  return {
    at,
    rssMb: m.rss / 2 ** 20,
    heapMb: m.heapUsed / 2 ** 20,
    fds: readdirSync('/proc/self/fd').length,
  };
}

export async function soak(o: {
  journeys: number;
  warmup?: number;
  seed?: number;
  privacyEvery?: number;
  progress?: (line: string) => void;
}): Promise<SoakReport> {
  const warmup = o.warmup ?? 50;
  const privacyEvery = o.privacyEvery ?? 25;
  const t = testDir('yizhan-soak');
  const bo = await startBackoffice(t.dir);
  const k = await startKiosk({ dir: t.dir, backoffice: bo, kioskId: KIOSK_ID, instantA4: true });
  // The PDFs an instant spooler keeps would grow without bound; the soak counts them only.
  let a4 = 0;
  const clerk = await staffLogin(bo.url, 'clerk');
  const citizens = await Citizens.create();
  const random = seededRandom(o.seed ?? 20261205);
  const byKind: Record<string, number> = {};
  const acked: Walk[] = [];
  const privacy: string[] = [];
  let unchecked: Walk[] = [];
  const check = () => {
    const hits = findSecrets([k.dataDir, k.logFile, t.tmp], unchecked.flatMap(secretsOfWalk));
    privacy.push(...hits.map((h) => `${h.what} in ${path.relative(t.dir, h.file)} (${h.encoding})`));
    unchecked = [];
    truncateSync(k.logFile);
    k.log.lines.length = 0;
    k.views.length = 0;
    k.ended.length = 0;
    k.receipts.length = 0;
  };
  let start: Sample | undefined;
  let middle: Sample | undefined;
  let t0 = 0;
  try {
    const total = warmup + o.journeys;
    for (let i = 0; i < total; i++) {
      if (i === warmup) {
        start = sample(0);
        t0 = performance.now();
      }
      if (i === warmup + Math.floor(o.journeys / 2)) middle = sample(i - warmup);
      // The warm-up walks every kind once first: what a kind opens on first use (a journal, a font)
      // is open before the start sample, so descriptors compare steady state with steady state.
      const kind =
        i < Math.min(warmup, JOURNEY_KINDS.length)
          ? JOURNEY_KINDS[i]!
          : JOURNEY_KINDS[Math.floor(random() * JOURNEY_KINDS.length)]!;
      const w = planWalk(i, kind, citizens, 'SOAK');
      await walk(k, w);
      a4 += k.printedPdfs.splice(0).length;
      if (i >= warmup) byKind[kind] = (byKind[kind] ?? 0) + 1;
      if (w.trackingNumber || w.savedHere) acked.push(w);
      unchecked.push(w);
      if (w.kind === 'residence') await retrieveDeposits(k, bo, clerk, KIOSK_ID);
      if (unchecked.length >= privacyEvery) check();
      if ((i + 1) % 500 === 0) o.progress?.(`${i + 1}/${total} journeys, ${JSON.stringify(sample(i))}`);
    }
    const elapsed = performance.now() - t0;
    if (unchecked.length > 0) check();
    // Filings saved here are delivered by the outbox in the background: give it time to drain.
    let lost: string[] = [];
    for (let i = 0; i < 60; i++) {
      const tags = new Set(
        (await serverFilings(bo.url, clerk))
          .filter((f) => f.kioskId === KIOSK_ID)
          .map((f) => tagOfForm(f.form)),
      );
      lost = acked.filter((w) => !tags.has(w.tag)).map((w) => `${w.tag} ${w.trackingNumber ?? 'saved here'}`);
      if (lost.length === 0) break;
      await new Promise((r) => setTimeout(r, 1000));
    }
    // Descriptors: a delivery or a kept-alive socket to the back office may still be open right after
    // the last journey; they close within the agents' idle timeouts (seconds). A leak does not.
    let end = sample(o.journeys);
    for (let i = 0; i < 30 && start && end.fds > start.fds; i++) {
      await new Promise((r) => setTimeout(r, 500));
      end = sample(o.journeys);
    }
    start ??= end;
    middle ??= end;
    const growth = (a: number, b: number) => (b - a) / a;
    o.progress?.(`A4 documents handed to the printer: ${a4}`);
    return {
      journeys: o.journeys,
      perMinute: o.journeys / (elapsed / 60_000),
      byKind,
      samples: { start, middle, end },
      growth: {
        rss: growth(start.rssMb, end.rssMb),
        heap: growth(start.heapMb, end.heapMb),
        fds: growth(start.fds, end.fds),
      },
      filings: { acknowledged: acked.length, savedHere: acked.filter((w) => w.savedHere).length, lost },
      privacy,
      elapsedMs: elapsed,
    };
  } finally {
    await k.stop();
    await bo.stop();
    t.remove();
  }
}
