// PC/SC card read timing over the real stack: @pokusew/pcsclite → pcscd → vpcd → virtual card (TCP).
// Runs its own private pcscd (scripts/services/pcscd.sh, needs root). Usage: npx tsx bench/devices/card.ts [inserts=50]
import { spawn } from 'node:child_process';
import type { Socket } from 'node:net';
import { MemoryLogger, type CardChannel } from '../../devices/core';
import { PcscTransport } from '../../devices/transports/pcsc';
import { TcpTransport } from '../../devices/transports/tcp';
import { PcscCardSimulator, PcscReaderDriver } from '../../devices/pcsc-reader';
import { ensurePcscd, VPCD_PORT } from '../../tests/helpers/pcsc';
import { loadProfile, virtualCard, waitUntil } from '../../tests/helpers/pcsc-cards';

const INSERTS = Number(process.argv[2] ?? 50);
const APDUS = 200;

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
};
const fmt = (xs: number[]) =>
  `median ${pct(xs, 50).toFixed(2)} ms, p95 ${pct(xs, 95).toFixed(2)} ms, min ${Math.min(...xs).toFixed(2)}, max ${Math.max(...xs).toFixed(2)} (n=${xs.length})`;

/**
 * What the same APDUs would cost on the wire of a real contact card: ISO 7816-3 T=1 at the default
 * speed (F = 372, D = 1, 3.5712 MHz clock → 9600 bit/s, 12 etu per character), each APDU carried in
 * an I-block with a 3-byte prologue and a 1-byte LRC each way. Readers that negotiate a faster TA1
 * (PPS) divide this by D.
 */
const ETU_MS = (372 / 3.5712e6) * 1000;
const contactWireMs = (bytes: number, blocks: number) => (bytes + blocks * 4) * 12 * ETU_MS;

/** The transport with a byte count on every transmit (both directions), for the wire-time figure. */
function counting(
  t: PcscTransport,
): CardChannel & { bytes: number; blocks: number; cardPresent(r: string): boolean } {
  const c = {
    bytes: 0,
    blocks: 0,
    describe: t.describe,
    readers: () => t.readers(),
    cardPresent: (r: string) => t.cardPresent(r),
    onReaderChange: (l: Parameters<CardChannel['onReaderChange']>[0]) => t.onReaderChange(l),
    onCardChange: (l: Parameters<CardChannel['onCardChange']>[0]) => t.onCardChange(l),
    connect: (r: string, s?: AbortSignal) => t.connect(r, s),
    disconnect: (r: string) => t.disconnect(r),
    close: () => t.close(),
    transmit: async (r: string, apdu: Uint8Array, s?: AbortSignal) => {
      const res = await t.transmit(r, apdu, s);
      c.bytes += apdu.length + res.length;
      c.blocks += 2;
      return res;
    },
  };
  return c;
}

const pcscd = ensurePcscd();
const reader = pcscd.readers[0];
const transport = new PcscTransport({ socketPath: pcscd.socketPath });
const channel = counting(transport);
const driver = new PcscReaderDriver(channel, { deviceId: 'bench', reader }, new MemoryLogger());
driver.start();
await waitUntil(() => transport.readers().includes(reader), 10_000, 'vpcd reader');

// 1. Insert → parsed social security record.
const profile = loadProfile('ssc-gen2');
const card = virtualCard(pcscd, profile);
const insertToRecord: number[] = [];
const readOnly: number[] = [];
const removal: number[] = [];
let apdus = 0;
let readBytes = 0;
let readBlocks = 0;
for (let i = 0; i < INSERTS + 1; i++) {
  const before = card.apduCount;
  const [bytesBefore, blocksBefore] = [channel.bytes, channel.blocks];
  const t0 = performance.now();
  await card.insert();
  await waitUntil(() => driver.status.current.detail.card === 'present', 5_000, 'present');
  const t1 = performance.now();
  await driver.readCard({ timeoutMs: 10_000 });
  const t2 = performance.now();
  await card.remove();
  await driver.waitForRemoval({ timeoutMs: 5_000 });
  const t3 = performance.now();
  if (i === 0) continue; // first insert warms up the dialer and the native module
  insertToRecord.push(t2 - t0);
  readOnly.push(t2 - t1);
  removal.push(t3 - t2);
  apdus = card.apduCount - before;
  readBytes = channel.bytes - bytesBefore;
  readBlocks = channel.blocks - blocksBefore;
}

// 2. Per-APDU round trip (SELECT SSSE), with the quickack route (127.0.0.2) and without (127.0.0.1).
async function roundTrips(host: string, n: number): Promise<number[]> {
  const sim = new PcscCardSimulator(
    profile,
    new TcpTransport({ host, port: VPCD_PORT, dial: () => dialTo(host) }),
  );
  await sim.insert();
  await waitUntil(() => transport.cardPresent(reader), 5_000, 'present');
  await transport.connect(reader);
  const select = Buffer.from('00A404000F7378312E73682EC9E7BBE1B1A3D5CF', 'hex');
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await transport.transmit(reader, select);
    times.push(performance.now() - t0);
  }
  await transport.disconnect(reader);
  await sim.remove();
  await waitUntil(() => !transport.cardPresent(reader), 5_000, 'absent');
  return times;
}
// The helper dials 127.0.0.2 (quickack); for the comparison we need a socket to 127.0.0.1.
async function dialTo(host: string) {
  if (host === '127.0.0.2') return pcscd.dial(0);
  const child = spawn(
    'nsenter',
    [
      '-t',
      String(pcscd.netnsPid),
      '-n',
      '--',
      process.execPath,
      '-e',
      `const s=require('node:net').connect(${VPCD_PORT},'${host}');s.setNoDelay(true);s.once('connect',()=>{s.pause();process.send('ok',s)});`,
    ],
    { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] },
  );
  return new Promise<Socket>((resolve) =>
    child.once('message', (_m, handle) => {
      const s = handle as Socket;
      s.resume();
      child.disconnect();
      resolve(s);
    }),
  );
}
const quick = await roundTrips('127.0.0.2', APDUS);
const nagle = await roundTrips('127.0.0.1', 20);

console.log(
  `pcsc-reader bench (${new Date().toISOString()}), real pcscd ${pcscd.dir}, virtual card ${profile.description}`,
);
console.log(`insert → parsed social security record: ${fmt(insertToRecord)}`);
console.log(`  of which card detected → record (connect + ${apdus} APDUs + disconnect): ${fmt(readOnly)}`);
console.log(`removal → reported absent: ${fmt(removal)}`);
console.log(`APDUs per social security read: ${apdus} (${readBytes} bytes of C-APDU + R-APDU)`);
console.log(
  `wire time of those bytes: vpcd TCP ${(apdus * pct(quick, 50)).toFixed(2)} ms at the median round trip; ` +
    `a real contact card at the ISO 7816-3 default speed (T=1, 9600 bit/s) ${contactWireMs(readBytes, readBlocks).toFixed(1)} ms`,
);
console.log(`APDU round trip with quickack route (127.0.0.2): ${fmt(quick)}`);
console.log(`APDU round trip without it (127.0.0.1, Nagle + delayed ACK): ${fmt(nagle)}`);

await driver.stop();
await transport.close();
pcscd.stop();
process.exit(0);
