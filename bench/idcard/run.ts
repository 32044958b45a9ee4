// Time from "card placed" to "parsed record" for the ID card reader: the driver in this process, the
// simulator in its own (`yizhan sim idcard`, as a reader is its own hardware), a real socat pty pair
// between them. Compared with the wire-time limit of the bytes exchanged in that read.
// Run: npx tsx bench/idcard/run.ts [reads=200] [baud=115200] [rfReadDelayMs=20]
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { wireTimeMs } from '../../devices/core';
import { IdCardReaderDriver } from '../../devices/id-card-reader';
import { SerialTransport } from '../../devices/transports';

const READS = Number(process.argv[2] ?? 200);
const BAUD = Number(process.argv[3] ?? 115200);
const RF_DELAY_MS = Number(process.argv[4] ?? 20);
const ROOT = join(import.meta.dirname, '..', '..');

const dir = mkdtempSync(join(tmpdir(), 'yizhan-idcard-bench-'));
const devicePath = join(dir, 'reader');
// Precise timing: the simulator's own timer lateness would otherwise be charged to the driver.
const simArgs = [
  '--link',
  devicePath,
  '--no-card',
  '--baud',
  String(BAUD),
  '--rf-delay-ms',
  String(RF_DELAY_MS),
];
const sim = spawn(
  process.execPath,
  [join(ROOT, 'bin/yizhan.mjs'), 'sim', 'idcard', ...simArgs, '--precise-timing'],
  {
    cwd: ROOT,
    stdio: ['pipe', 'pipe', 'pipe'],
  },
);
let simStderr = '';
sim.stderr.on('data', (d: Buffer) => (simStderr += d.toString()));
sim.once('exit', (code) => {
  if (code) process.stderr.write(`simulator exited with ${code}: ${simStderr}\n`);
});
type SimEvent = { ready?: boolean; event?: string; at?: number };
const simEvents: ((e: SimEvent) => void)[] = [];
createInterface({ input: sim.stdout }).on('line', (line) => {
  const e = JSON.parse(line) as SimEvent;
  for (const l of simEvents.splice(0)) l(e);
});
const simSays = (what: string) =>
  new Promise<SimEvent>((resolve) => {
    const wait = (e: SimEvent) =>
      (what === 'ready' ? e.ready : e.event === what) ? resolve(e) : simEvents.push(wait);
    simEvents.push(wait);
  });
/** Epoch ms with sub-ms resolution, on the same scale as the simulator's `at`. */
const epochNow = () => performance.timeOrigin + performance.now();
await simSays('ready');

// Bytes of one read, counted on the driver's side of the wire: the find that saw the card (9F) and
// every exchange after it, up to the parsed record. RF delays: one per 30 01 / 30 10 / 30 03 sent.
const transport = new SerialTransport({ path: devicePath, baudRate: BAUD });
let inserted = false;
let bytes = 0;
let rfCommands = 0;
const write = transport.write.bind(transport);
transport.write = (b, signal) => {
  const [cmd, para] = [b[7], b[8]];
  if (!inserted && cmd === 0x20 && para === 0x01) bytes = 0;
  bytes += b.length;
  if (cmd === 0x30) rfCommands++;
  return write(b, signal);
};
transport.onData((chunk) => (bytes += chunk.length));
const driver = new IdCardReaderDriver(transport, { deviceId: 'bench', baudRates: [BAUD] });
let bytesAtRead = 0;
driver.events.on('cardInserted', () => (inserted = true));
// Taken when the record is parsed: the next find may be on the wire before readOnce's caller runs.
driver.events.on('cardRead', () => (bytesAtRead = bytes));

driver.start();
while (driver.status.current.health !== 'online') await new Promise((r) => setTimeout(r, 2));

const cpuStart = process.cpuUsage();
const wallStart = performance.now();
const totals: number[] = [];
const limits: number[] = [];
const wires: number[] = [];
let lastBytes = 0;
let lastRf = 0;
for (let i = 0; i < READS; i++) {
  if (driver.card !== 'absent') await driver.events.next('cardRemoved', AbortSignal.timeout(10_000));
  inserted = false;
  rfCommands = 0;
  // As on the identify screen: a read is asked for, then the card lands at a random phase of the
  // (armed) idle poll cycle. The clock starts when the simulator has the card on its reader.
  const read = driver.readOnce({ timeoutMs: 10_000 }).then(epochNow);
  await new Promise((r) => setTimeout(r, Math.random() * 10));
  const placed = simSays('placed');
  sim.stdin.write('place\n');
  const elapsed = (await read) - (await placed).at!;
  const wire = wireTimeMs(bytesAtRead, BAUD);
  totals.push(elapsed);
  wires.push(wire);
  limits.push(wire + rfCommands * RF_DELAY_MS);
  [lastBytes, lastRf] = [bytesAtRead, rfCommands];
  const removed = simSays('removed');
  sim.stdin.write('remove\n');
  await removed;
}

const cpu = process.cpuUsage(cpuStart);
const wall = performance.now() - wallStart;
await driver.stop();
const exited = new Promise((r) => sim.once('exit', r));
sim.kill('SIGTERM');
await exited;
rmSync(dir, { recursive: true, force: true });

const q = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(p * s.length) - 1)]!;
};
const limit = q(limits, 0.5);
const wire = q(wires, 0.5);
const fmt = (n: number) => n.toFixed(1).padStart(7);
const vs = (t: number, base: number) =>
  `(ratio ${(t / base).toFixed(3)}, overhead ${(((t - base) / base) * 100).toFixed(1)} %)`;
console.log(`ID card reader: ${READS} reads, ${BAUD} baud, simulator RF read delay ${RF_DELAY_MS} ms`);
console.log(`  bytes per read (commands + replies):     ${lastBytes}`);
console.log(`  wire time of those bytes (10 bit/byte):  ${fmt(wire)} ms`);
console.log(`  + simulator RF delay (${lastRf} × ${RF_DELAY_MS} ms):      ${fmt(lastRf * RF_DELAY_MS)} ms`);
console.log(`  = limit (wire + RF):                     ${fmt(limit)} ms`);
console.log(
  `  placed → parsed, median:                 ${fmt(q(totals, 0.5))} ms  ${vs(q(totals, 0.5), limit)}`,
);
console.log(
  `  placed → parsed, p95:                    ${fmt(q(totals, 0.95))} ms  ${vs(q(totals, 0.95), limit)}`,
);
console.log(
  `  placed → parsed, min / max:              ${fmt(Math.min(...totals))} / ${Math.max(...totals).toFixed(1)} ms`,
);
const rf = limit - wire;
console.log(
  `  overhead over wire time alone (RF delay subtracted): median ${(((q(totals, 0.5) - rf - wire) / wire) * 100).toFixed(1)} %, p95 ${(((q(totals, 0.95) - rf - wire) / wire) * 100).toFixed(1)} %`,
);
console.log(`  target: overhead above the limit < 10 %`);
console.log(
  `  CPU of the driver process: ${((cpu.user + cpu.system) / 1000 / READS).toFixed(1)} ms per read cycle (read + removal + idle polling), ${(((cpu.user + cpu.system) / 1000 / wall) * 100).toFixed(0)} % of one core over the run`,
);
console.log(
  `  host: ${cpus().length} CPUs, load average ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' / ')} (driver here, simulator in its own process)`,
);
