// kill -9 the REAL device host (main/host/worker.ts, bundled as the shells ship it) at seeded random
// points while a "renderer" submits filings through the Chromium bridge and the host delivers them
// to the real back office; restart it, resubmit whatever the renderer never saw acknowledged, and
// prove every filing reached the back office exactly once with exactly its materials.
//   OUTBOX_CRASH_SEED, OUTBOX_CRASH_KILLS, OUTBOX_CRASH_FILINGS reproduce or widen a run.
import Database from 'better-sqlite3';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { MemoryLogger } from '../../../devices/core';
import { startBridgeServer } from '../../../main/chromium-shell/bridge-server';
import { HostClient } from '../../../main/host/client';
import type { FilingStatusDto, Result, SubmitFilingInput } from '../../../main/ipc/contract';
import { bundleHost, startHostProcess, type HostRun } from '../../helpers/host-process';
import { planFiling, seededRandom, sha256Hex, submitInput } from '../../helpers/outbox-plan';
import {
  registerKiosk,
  serverFilings,
  staffLogin,
  startService,
  type TestService,
} from '../../helpers/outbox-service';

const SEED = Number(process.env.OUTBOX_CRASH_SEED ?? 20261201);
const KILLS = Number(process.env.OUTBOX_CRASH_KILLS ?? 40);
// More filings than kills can finish, so every kill lands while there is still work in flight.
const FILINGS = Number(process.env.OUTBOX_CRASH_FILINGS ?? 50);
const KIOSK_ID = 'crash-kiosk-01';
const TOKEN = 'crash-test-bridge-token-0123456789';

let dir: string;
let service: TestService;
let script: string;
let bridge: Awaited<ReturnType<typeof startBridgeServer>> | undefined;
const runs: HostRun[] = [];
const client = new HostClient(new MemoryLogger(), 20_000);

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'yizhan-outbox-crash-'));
  service = await startService({ dir: path.join(dir, 'server') });
  script = await bundleHost();
  mkdirSync(path.join(dir, 'renderer'));
  bridge = await startBridgeServer({
    rendererDir: path.join(dir, 'renderer'),
    handlers: client.forwardingHandlers(),
    onEvent: (l) => client.onEvent(l),
    snapshot: () => [],
    token: TOKEN,
    log: new MemoryLogger(),
  });
});

afterAll(async () => {
  for (const r of runs) r.proc.kill('SIGKILL');
  await bridge?.close();
  await service?.stop();
  rmSync(dir, { recursive: true, force: true });
  if (script) rmSync(script, { force: true });
});

/** The page's side: what it submitted, what it saw acknowledged, and how it calls the bridge. */
class Renderer {
  readonly acked = new Map<string, FilingStatusDto>();
  readonly attempts = new Map<string, number>();
  readonly unexpected: string[] = [];
  inFlight: string | undefined;
  answers = 0;

  constructor(
    private readonly filings: SubmitFilingInput[],
    private readonly random: () => number,
  ) {}

  get done(): boolean {
    return this.acked.size === this.filings.length;
  }

  async call<T>(channel: string, input: object): Promise<Result<T>> {
    const res = await fetch(`${bridge!.url}ipc/${channel}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-kiosk-token': TOKEN },
      body: JSON.stringify(input),
    });
    return (await res.json()) as Result<T>;
  }

  /** Submits every filing not yet acknowledged, one citizen after another, until the host goes away. */
  async pass(alive: () => boolean): Promise<void> {
    for (const f of this.filings) {
      if (!alive()) return;
      if (this.acked.has(f.localId)) continue;
      this.attempts.set(f.localId, (this.attempts.get(f.localId) ?? 0) + 1);
      this.inFlight = f.localId;
      const r = await this.call<FilingStatusDto>('filings:submit', f);
      this.inFlight = undefined;
      this.answers++;
      if (r.ok) this.acked.set(f.localId, r.value);
      // The host died with the request in flight: the page keeps the filing and sends it again.
      else if (r.error.code === 'notConnected') return;
      else this.unexpected.push(`${f.localId}: ${r.error.code} ${r.error.message}`);
      // Citizens do not arrive back to back: leave the host time to deliver between submissions.
      await sleep(Math.floor(this.random() * 40));
    }
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitFor(cond: () => boolean, ms: number): Promise<boolean> {
  const until = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > until) return false;
    await sleep(2);
  }
  return true;
}

it(
  `every filing reaches the back office exactly once across ${KILLS} kill -9 of the real host (seed ${SEED})`,
  { timeout: 180_000 },
  async () => {
    const started = Date.now();
    const credential = await registerKiosk(service.url, KIOSK_ID);
    const config = {
      kioskId: KIOSK_ID,
      dataDir: path.join(dir, 'kiosk'),
      heartbeatIntervalMs: 1000,
      backoffice: { url: service.url, credential },
      // A back-office rig: no devices, said so (a kiosk site must name the roles it runs without).
      site: { requiredRoles: [] },
    };
    const start = async () => {
      const run = startHostProcess(script, config, path.join(dir, 'kiosk.json'), client, {
        YIZHAN_LOG_LEVEL: 'info',
      });
      runs.push(run);
      await run.ready;
      return run;
    };
    const plans = Array.from({ length: FILINGS }, (_, i) => planFiling(SEED, i));
    const renderer = new Renderer(plans.map(submitInput), seededRandom(SEED + 1));
    let events = 0;
    client.onEvent((e) => e.channel === 'filings:state' && events++);

    const random = seededRandom(SEED);
    const phases = { submitting: 0, delivering: 0, idle: 0 };
    for (let k = 0; k < KILLS; k++) {
      const run = await start();
      let alive = true;
      void run.exited.then(() => (alive = false));
      const pass = renderer.pass(() => alive);
      // Kill after a random number of steps (answers and outbox moves: durable, sending, created,
      // each upload, delivered) plus a few random milliseconds, so kills land before, inside and
      // after the submit call's commit and each delivery request.
      const steps = 1 + Math.floor(random() * 8);
      const from = renderer.answers + events;
      const busy = await waitFor(() => renderer.answers + events - from >= steps, 5_000);
      await sleep(Math.floor(random() * 15));
      if (renderer.inFlight) phases.submitting++;
      else if (busy) phases.delivering++;
      else phases.idle++;
      run.proc.kill('SIGKILL');
      expect(await run.exited).toBeNull();
      await pass;
    }

    // The last start runs to the end: the renderer resubmits what is left, the host delivers all.
    const last = await start();
    while (!renderer.done) await renderer.pass(() => true);
    const finalStatus = new Map<string, FilingStatusDto | null>();
    const until = Date.now() + 60_000;
    do {
      await sleep(100);
      for (const p of plans) {
        const r = await renderer.call<FilingStatusDto | null>('filings:status', { localId: p.localId! });
        finalStatus.set(p.localId!, r.ok ? r.value : null);
      }
    } while ([...finalStatus.values()].some((s) => s?.state !== 'delivered') && Date.now() < until);
    last.proc.kill('SIGTERM');
    expect(await last.exited).toBe(0);

    expect(renderer.unexpected).toEqual([]);
    expect(renderer.acked.size).toBe(FILINGS);
    // Server state: each planned filing exactly once, with exactly its materials, under the
    // tracking number the kiosk reports for it.
    const onServer = (await serverFilings(service.url, await staffLogin(service.url, 'clerk'))).filter(
      (f) => f.kioskId === KIOSK_ID,
    );
    expect(onServer).toHaveLength(FILINGS);
    for (const plan of plans) {
      const matches = onServer.filter((f) => f.form.testTag === plan.localId);
      expect(matches, `filing ${plan.localId}`).toHaveLength(1);
      const got = matches[0]!.materials.map((m) => `${m.name}:${m.kind}:${m.bytes}:${m.sha256}`).sort();
      const want = plan.materials
        .map((m) => `${m.name}:${m.kind}:${m.bytes.byteLength}:${sha256Hex(m.bytes)}`)
        .sort();
      expect(got, `materials of ${plan.localId}`).toEqual(want);
      expect(finalStatus.get(plan.localId!)).toMatchObject({
        state: 'delivered',
        trackingNumber: matches[0]!.trackingNumber,
      });
    }

    // The outbox kept no personal data once delivered, not even in freed pages or the WAL.
    const db = new Database(path.join(dir, 'kiosk', 'outbox.sqlite'), { readonly: true });
    try {
      const rows = db.prepare('SELECT state, body, filing_id FROM outbox_entry').all() as {
        state: string;
        body: string | null;
        filing_id: string | null;
      }[];
      expect(rows).toHaveLength(FILINGS);
      expect(rows.every((r) => r.state === 'delivered' && r.body === null && r.filing_id !== null)).toBe(
        true,
      );
      expect(db.prepare('SELECT COUNT(*) AS n FROM outbox_material').get()).toEqual({ n: 0 });
    } finally {
      db.close();
    }
    const raw = Buffer.concat(
      ['outbox.sqlite', 'outbox.sqlite-wal']
        .map((f) => path.join(dir, 'kiosk', f))
        .filter((f) => existsSync(f))
        .map((f) => readFileSync(f)),
    );
    const logs = runs.flatMap((r) => r.logs).join('\n');
    for (const p of plans) {
      expect(raw.includes(p.applicant.idNumber)).toBe(false);
      // The technician's log names filings, never the people in them.
      expect(logs).not.toContain(p.applicant.idNumber);
      expect(logs).not.toContain(p.applicant.name);
    }

    const resubmitted = [...renderer.attempts.values()].filter((n) => n > 1).length;
    const replayed = (logs.match(/"event":"filings\.durable"[^\n]*"replayed":true/g) ?? []).length;
    console.log(
      `outbox crash test (real host): seed=${SEED} kills=${KILLS} filings=${FILINGS} ` +
        `killedWhile submitting=${phases.submitting} delivering=${phases.delivering} idle=${phases.idle} ` +
        `resubmittedFilings=${resubmitted} answeredFromOutbox=${replayed} elapsedMs=${Date.now() - started}`,
    );
  },
);
