// Back office throughput over loopback HTTP: filings/s and p99 with N concurrent simulated kiosks,
// heartbeats/s, on SQLite or PostgreSQL. Usage:
//   npx tsx bench/backoffice/run.ts [--db sqlite|postgres] [--kiosks 32] [--seconds 10] [--rate 1000]
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { startPostgres, type PgCluster } from '../../tests/helpers/postgres';
import { autocannon, type Options, type Result } from './autocannon';
import { openLoop } from './open-loop';

const { values } = parseArgs({
  options: {
    db: { type: 'string', default: 'sqlite' },
    kiosks: { type: 'string', default: '32' },
    seconds: { type: 'string', default: '10' },
    instant: { type: 'string', default: '40' },
    // The target: filings/s offered in the fixed-rate phase (p99 at this rate, not at saturation).
    rate: { type: 'string', default: '1000' },
  },
});
const kiosks = Number(values.kiosks);
const seconds = Math.min(Number(values.seconds), 60);
const backend = values.db === 'postgres' ? 'postgres' : 'sqlite';

let cluster: PgCluster | undefined;
let tmp: string | undefined;
let spec: string;
if (backend === 'postgres') {
  cluster = await startPostgres();
  spec = await cluster.createDatabase('bench');
} else {
  tmp = mkdtempSync(join(tmpdir(), 'yizhan-bench-'));
  spec = `sqlite:${join(tmp, 'backoffice.db')}`;
}

// BENCH_CPU_PROF=<dir> writes a V8 CPU profile of the server for `node --cpu-prof` analysis.
const profile = process.env.BENCH_CPU_PROF
  ? ['--cpu-prof', '--cpu-prof-dir', process.env.BENCH_CPU_PROF]
  : [];
const child = spawn(
  process.execPath,
  [...profile, '--import', 'tsx', new URL('./server.ts', import.meta.url).pathname, spec],
  {
    stdio: ['pipe', 'pipe', 'inherit'],
  },
);
const killTimer = setTimeout(() => child.kill('SIGKILL'), (seconds * 3 + 120) * 1000);
const first = await new Promise<string>((resolve, reject) => {
  createInterface({ input: child.stdout }).once('line', resolve);
  child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
});
const base = (JSON.parse(first) as { url: string }).url;

async function post(path: string, headers: Record<string, string>, body: unknown): Promise<Response> {
  return fetch(`${base}/api/v1${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
}

const creds: { kioskId: string; auth: string }[] = [];
for (let i = 0; i < kiosks; i++) {
  const kioskId = `bench-${String(i).padStart(3, '0')}`;
  const r = await post(
    '/kiosks/register',
    { 'x-enrollment-token': 'bench-enroll' },
    { kioskId, name: kioskId, site: 'bench' },
  );
  creds.push({ kioskId, auth: `Bearer ${((await r.json()) as { credential: string }).credential}` });
}

let kioskCursor = 0;
let seq = 0;
function kioskOf(context: Record<string, unknown>): { kioskId: string; auth: string } {
  context.kiosk ??= creds[kioskCursor++ % creds.length];
  return context.kiosk as { kioskId: string; auth: string };
}

function filingRequest(serviceId: string) {
  return {
    method: 'POST',
    path: '/api/v1/filings',
    setupRequest(req: object, context: Record<string, unknown>) {
      const k = kioskOf(context);
      const n = ++seq;
      const sole = serviceId === 'sole-proprietor-registration';
      return {
        ...req,
        headers: {
          'content-type': 'application/json',
          authorization: k.auth,
          'idempotency-key': `bench-${process.pid}-${n}`,
        },
        body: JSON.stringify({
          serviceId,
          kioskId: k.kioskId,
          applicant: { idNumber: '110105200001011238', name: '张晓明', phone: '13800138000' },
          form: sole
            ? {
                businessName: `晓明打字复印店${n}`,
                ownerType: 'naturalPerson',
                businessScope: ['打字复印'],
                address: '北京市东城区1号',
              }
            : { subject: '申请开具证明', purpose: '就业', note: `第${n}件` },
          delivery: { method: 'print' },
        }),
      };
    },
  };
}

const heartbeatRequest = {
  method: 'POST',
  setupRequest(req: object, context: Record<string, unknown>) {
    const k = kioskOf(context);
    return {
      ...req,
      path: `/api/v1/kiosks/${k.kioskId}/heartbeat`,
      headers: { 'content-type': 'application/json', authorization: k.auth },
      body: JSON.stringify({
        sentAt: new Date().toISOString(),
        appVersion: '0.1.0',
        configVersion: 1,
        session: 'idle',
        devices: [
          { deviceId: 'idcard', family: 'id-card-reader', health: 'online', detail: {} },
          { deviceId: 'receipt', family: 'escpos-printer', health: 'online', detail: { paper: 'ok' } },
          { deviceId: 'a4', family: 'a4-printer', health: 'online', detail: { tray1: 'ok' } },
          { deviceId: 'locker', family: 'locker-board', health: 'online', detail: { doorsOpen: 0 } },
        ],
      }),
    };
  },
};

/** Server CPU time (user + system) in ms from /proc: shows what a request costs apart from the machine's load. */
function serverCpuMs(): number {
  try {
    const f = readFileSync(`/proc/${child.pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return ((Number(f[11]) + Number(f[12])) * 1000) / 100; // USER_HZ is 100 on Linux
  } catch {
    return Number.NaN;
  }
}

async function measure(name: string, opts: Options): Promise<void> {
  const cpu0 = serverCpuMs();
  const r = await autocannon(opts);
  report(name, r, opts.connections ?? 10, serverCpuMs() - cpu0);
}

function report(name: string, r: Result, connections: number, cpuMs: number) {
  const ok = Object.entries(r.statusCodeStats)
    .filter(([c]) => c.startsWith('2'))
    .reduce((n, [, v]) => n + v.count, 0);
  const line = {
    bench: name,
    db: backend,
    connections,
    seconds: r.duration,
    ok,
    perSecond: Math.round(ok / r.duration),
    latencyMs: { p50: r.latency.p50, p90: r.latency.p90, p99: r.latency.p99, max: r.latency.max },
    serverCpuMsPerRequest: +(cpuMs / Math.max(ok, 1)).toFixed(3),
    serverCpuShare: +(cpuMs / (r.duration * 1000)).toFixed(2),
    loadAverage: loadavg()[0],
    errors: r.errors + r.timeouts,
    non2xx: r.non2xx,
  };
  console.log(JSON.stringify(line));
}

try {
  // Warm-up: JIT, prepared statements, connection pools.
  await autocannon({
    url: base,
    connections: 4,
    amount: 500,
    requests: [filingRequest('generic-application')],
  });
  // Closed loop: as fast as the service goes (throughput; latency is mostly queueing).
  await measure('filings', {
    url: base,
    connections: kiosks,
    duration: seconds,
    requests: [filingRequest('generic-application')],
  });
  // Open loop at the target rate, evenly spaced: the latency a kiosk sees when the hall files
  // that fast (the closed loop above only shows how long a saturated queue is).
  {
    const rate = Number(values.rate);
    const cpu0 = serverCpuMs();
    const r = await openLoop({
      url: base,
      rate,
      seconds,
      connections: kiosks,
      next: (n) => {
        const built = filingRequest('generic-application').setupRequest(
          {},
          { kiosk: creds[n % creds.length] },
        ) as {
          headers: Record<string, string>;
          body: string;
        };
        return { method: 'POST', path: '/api/v1/filings', headers: built.headers, body: built.body };
      },
    });
    console.log(
      JSON.stringify({
        bench: 'filingsAtRate',
        db: backend,
        offeredPerSecond: rate,
        seconds: r.duration,
        ok: r.ok,
        perSecond: Math.round(r.ok / r.duration),
        latencyMs: r.latency,
        serverCpuMsPerRequest: +((serverCpuMs() - cpu0) / Math.max(r.ok, 1)).toFixed(3),
        loadAverage: loadavg()[0],
        errors: r.errors,
        non2xx: r.non2xx,
      }),
    );
  }
  await measure('heartbeats', {
    url: base,
    connections: kiosks,
    duration: seconds,
    requests: [heartbeatRequest],
  });
  // 秒批 renders a PDF per filing: a bounded count, fewer connections.
  await measure('instantApprovals', {
    url: base,
    connections: Math.min(kiosks, 4),
    amount: Number(values.instant),
    timeout: 60,
    requests: [filingRequest('sole-proprietor-registration')],
  });
  const login = await post('/staff/login', {}, { username: 'supervisor', password: 'bench-supervisor' });
  const { token } = (await login.json()) as { token: string };
  const audit = await fetch(`${base}/api/v1/staff/audit/verify`, {
    headers: { authorization: `Bearer ${token}` },
  });
  console.log(JSON.stringify({ bench: 'auditVerify', db: backend, ...((await audit.json()) as object) }));
} finally {
  clearTimeout(killTimer);
  child.stdin.end();
  await new Promise((r) => child.once('exit', r));
  await cluster?.stop();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
}
