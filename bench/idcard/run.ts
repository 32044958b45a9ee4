// Time from "card placed" to "parsed record" for the ID card reader, driver ↔ simulator over a real
// socat pty pair, compared with the wire-time limit of the bytes exchanged in that read.
// Run: npx tsx bench/idcard/run.ts [reads=200] [baud=115200] [rfReadDelayMs=20]
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { wireTimeMs } from '../../devices/core';
import { IdCardReaderDriver, IdCardReaderSimulator, SAMPLE_CARDS } from '../../devices/id-card-reader';
import { createPtyPair, SerialTransport } from '../../devices/transports';
import { ptyLineRate } from '../../main/cli/commands/sim-idcard';

const READS = Number(process.argv[2] ?? 200);
const BAUD = Number(process.argv[3] ?? 115200);
const RF_DELAY_MS = Number(process.argv[4] ?? 20);
const COMMAND_BYTES = 10; // every command the driver sends is CMD PARA without data

const dir = mkdtempSync(join(tmpdir(), 'yizhan-idcard-bench-'));
const devicePath = join(dir, 'reader');
const pair = await createPtyPair({ link: devicePath });
const sim = new IdCardReaderSimulator({
  baudRate: BAUD,
  rfReadDelayMs: RF_DELAY_MS,
  hostBaudRate: ptyLineRate(devicePath),
  // Timer lateness inside the simulator would otherwise be charged to the driver.
  preciseTiming: true,
});
const simEnd = new SerialTransport({ path: pair.simulatorPath, baudRate: BAUD });
await simEnd.open();
sim.attach(simEnd);
const driver = new IdCardReaderDriver(new SerialTransport({ path: devicePath, baudRate: BAUD }), {
  deviceId: 'bench',
  baudRates: [BAUD],
});

// Bytes of the exchanges that belong to one read: the find that saw the card (9F) and everything after it.
let counting = false;
let bytes = 0;
let rfDelays = 0;
sim.events.on('response', ({ name, bytes: n, sw3 }) => {
  if (!counting || (name === 'findCard' && sw3 !== 0x9f)) return;
  bytes += COMMAND_BYTES + n;
  if (name === 'readBase' || name === 'readBaseWithFingerprint' || name === 'readExtraAddress') rfDelays++;
});

const waitFor = async (cond: () => boolean) => {
  while (!cond()) await new Promise((r) => setTimeout(r, 2));
};

driver.start();
await waitFor(() => driver.status.current.health === 'online');

const cpuStart = process.cpuUsage();
const wallStart = performance.now();
const totals: number[] = [];
const limits: number[] = [];
const wires: number[] = [];
for (let i = 0; i < READS; i++) {
  if (driver.card !== 'absent') await driver.events.next('card-removed', AbortSignal.timeout(10_000));
  // As on the identify screen: a read is asked for, then the card lands at a random phase of the
  // (armed) idle poll cycle.
  const read = driver.readOnce({ timeoutMs: 10_000 });
  await new Promise((r) => setTimeout(r, Math.random() * 10));
  bytes = 0;
  rfDelays = 0;
  counting = true;
  const t0 = performance.now();
  sim.placeCard(SAMPLE_CARDS.resident);
  await read;
  const elapsed = performance.now() - t0;
  counting = false;
  const wire = wireTimeMs(bytes, BAUD);
  totals.push(elapsed);
  wires.push(wire);
  limits.push(wire + rfDelays * RF_DELAY_MS);
  sim.removeCard();
}

const cpu = process.cpuUsage(cpuStart);
const wall = performance.now() - wallStart;
await driver.stop();
await simEnd.close();
await pair.close();
rmSync(dir, { recursive: true, force: true });

const q = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(p * s.length) - 1)]!;
};
const limit = q(limits, 0.5);
const fmt = (n: number) => n.toFixed(1).padStart(7);
console.log(`ID card reader: ${READS} reads, ${BAUD} baud, simulator RF read delay ${RF_DELAY_MS} ms`);
console.log(`  bytes per read (commands + replies):     ${bytes}`);
console.log(`  wire time of those bytes (10 bit/byte):  ${fmt(q(wires, 0.5))} ms`);
console.log(
  `  + simulator RF delay (${rfDelays} × ${RF_DELAY_MS} ms):      ${fmt(rfDelays * RF_DELAY_MS)} ms`,
);
console.log(`  = limit (wire + RF):                     ${fmt(limit)} ms`);
console.log(
  `  placed → parsed, median:                 ${fmt(q(totals, 0.5))} ms  (ratio ${(q(totals, 0.5) / limit).toFixed(3)}, overhead ${(((q(totals, 0.5) - limit) / limit) * 100).toFixed(1)} %)`,
);
console.log(
  `  placed → parsed, p95:                    ${fmt(q(totals, 0.95))} ms  (ratio ${(q(totals, 0.95) / limit).toFixed(3)}, overhead ${(((q(totals, 0.95) - limit) / limit) * 100).toFixed(1)} %)`,
);
console.log(
  `  placed → parsed, min / max:              ${fmt(Math.min(...totals))} / ${Math.max(...totals).toFixed(1)} ms`,
);
const wire = q(wires, 0.5);
const overWire = (t: number) => ((t - (limit - wire) - wire) / wire) * 100;
console.log(
  `  overhead over wire time alone (RF delay subtracted): median ${overWire(q(totals, 0.5)).toFixed(1)} %, p95 ${overWire(q(totals, 0.95)).toFixed(1)} %`,
);
console.log(`  target: overhead above the limit < 10 %`);
console.log(
  `  CPU of this process: ${((cpu.user + cpu.system) / 1000 / READS).toFixed(1)} ms per read cycle (read + removal + idle polling), ${(((cpu.user + cpu.system) / 1000 / wall) * 100).toFixed(0)} % of one core over the run`,
);
console.log(
  `  host: ${cpus().length} CPUs, load average ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' / ')} (driver and simulator share one Node process)`,
);
