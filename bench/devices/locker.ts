// Time to open a locker door and confirm it open (unlock → status polls until the sensor shows it
// open), driver ↔ simulator over a real socat pty, next to the wire time of the bytes exchanged at the
// board's baud rate. Run: npx tsx bench/devices/locker.ts [opens=50]
import { silentLogger, wireTimeMs, type Transport } from '../../devices/core';
import {
  defaultCabinetConfig,
  LockerCabinetDriver,
  LockerCabinetSimulator,
  type LockerProtocolName,
} from '../../devices/locker-board';
import { createPtyPair, SerialTransport } from '../../devices/transports';

const OPENS = Number(process.argv[2] ?? 50);
const SPRING_MS = 60;

/** Counts bytes in both directions on the host end. */
function counting(t: Transport): Transport & { bytes: number } {
  const c = {
    bytes: 0,
    describe: t.describe,
    framing: t.framing,
    get isOpen() {
      return t.isOpen;
    },
    open: (s?: AbortSignal) => t.open(s),
    close: () => t.close(),
    onData: (l: (chunk: Uint8Array) => void) => t.onData(l),
    onClose: (l: Parameters<Transport['onClose']>[0]) => t.onClose(l),
    write: (b: Uint8Array, s?: AbortSignal) => {
      c.bytes += b.length;
      return t.write(b, s);
    },
  };
  t.onData((chunk) => (c.bytes += chunk.length));
  return c;
}

const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

async function run(protocol: LockerProtocolName): Promise<void> {
  const pty = await createPtyPair();
  const baudRate = protocol === '8a' ? 9600 : 19200;
  const hostEnd = new SerialTransport({ path: pty.devicePath, baudRate });
  const simEnd = new SerialTransport({ path: pty.simulatorPath, baudRate });
  await hostEnd.open();
  await simEnd.open();
  const host = counting(hostEnd);
  const config = defaultCabinetConfig(protocol, { boards: [protocol === '8a' ? 1 : 0], doorsPerBoard: 16 });
  const board = config.boards[0]!;
  const sim = new LockerCabinetSimulator(simEnd, {
    protocol,
    boards: config.boards,
    doorsPerBoard: 16,
    feedbackActiveMeans: config.feedbackActiveMeans,
    springMs: SPRING_MS,
    autoCloseMs: null,
  });
  try {
    const driver = new LockerCabinetDriver(host, { deviceId: 'bench', ...config }, silentLogger);
    await driver.readBoard(board);
    const times: number[] = [];
    const wire: number[] = [];
    for (let i = 0; i < OPENS; i++) {
      const door = (i % 16) + 1;
      host.bytes = 0;
      const t0 = performance.now();
      await driver.open(board, door);
      times.push(performance.now() - t0);
      wire.push(wireTimeMs(host.bytes, baudRate));
      sim.closeDoor(board, door);
      await driver.readBoard(board);
    }
    const s = [...times].sort((a, b) => a - b);
    const w = [...wire].sort((a, b) => a - b);
    console.log(
      `${protocol.padEnd(3)} @${String(baudRate).padEnd(5)} opens=${OPENS}  open+confirm median ${pct(s, 50).toFixed(1)} ms, p95 ${pct(s, 95).toFixed(1)} ms, max ${s.at(-1)!.toFixed(1)} ms` +
        `  | wire time of the exchanged bytes median ${pct(w, 50).toFixed(1)} ms, p95 ${pct(w, 95).toFixed(1)} ms` +
        `  | (door spring ${SPRING_MS} ms, poll every ${config.pollIntervalMs} ms)`,
    );
  } finally {
    sim.dispose();
    await hostEnd.close();
    await simEnd.close();
    await pty.close();
  }
}

for (const protocol of ['8a', 'cu'] as const) await run(protocol);
