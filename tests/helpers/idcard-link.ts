import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MemoryLogger, type ManualClock } from '../../devices/core';
import {
  IdCardReaderDriver,
  IdCardReaderSimulator,
  type IdCardReaderConfig,
  type IdCardSimulatorOptions,
} from '../../devices/id-card-reader';
import { createPtyPair, SerialTransport, type PtyPair } from '../../devices/transports';
import { ptyLineRate } from '../../main/cli/commands/sim-idcard';
import { IoTracker, testClock } from './clock';

/**
 * A real serial link for ID-card tests: a socat pty pair in a private temp dir, the simulator on one
 * end through SerialTransport, and helpers to pull and re-insert the "cable" (kill socat, start a new
 * pair on the same link path). Needs the Debian package `socat`.
 */
export interface IdCardLink {
  devicePath: string;
  sim: IdCardReaderSimulator;
  /** The clock simulator and drivers run on; it moves only while the pty is quiet. */
  clock: ManualClock;
  pair: PtyPair;
  /** Kills socat: both serial ends see a disconnect. */
  unplug(): Promise<void>;
  /** Starts a new pty pair on the same device path and attaches the same simulator to it. */
  replug(): Promise<void>;
  /** A driver on the device end, opened at `baudRate` (it probes from there). */
  driver(opts?: Partial<IdCardReaderConfig> & { baudRate?: number }): {
    driver: IdCardReaderDriver;
    transport: SerialTransport;
    log: MemoryLogger;
  };
  close(): Promise<void>;
}

export async function openIdCardLink(simOpts: Partial<IdCardSimulatorOptions> = {}): Promise<IdCardLink> {
  const dir = mkdtempSync(join(tmpdir(), 'yizhan-idcard-'));
  const devicePath = join(dir, 'reader');
  const io = new IoTracker();
  const clock = testClock(io.busy);
  const sim = new IdCardReaderSimulator({
    baudRate: 115200,
    rfReadDelayMs: 5,
    hostBaudRate: io.wrap(ptyLineRate(devicePath)),
    clock,
    ...simOpts,
  });
  const drivers: IdCardReaderDriver[] = [];
  let simTransport: SerialTransport | undefined;

  const plug = async (): Promise<PtyPair> => {
    const pair = await createPtyPair({ link: devicePath });
    simTransport = io.track(new SerialTransport({ path: pair.simulatorPath, baudRate: sim.baudRate }));
    await simTransport.open();
    sim.attach(simTransport);
    return pair;
  };

  const link: IdCardLink = {
    devicePath,
    sim,
    clock,
    pair: await plug(),
    async unplug() {
      await link.pair.close();
    },
    async replug() {
      link.pair = await plug();
    },
    driver(opts = {}) {
      const { baudRate, ...rest } = opts;
      const transport = io.track(new SerialTransport({ path: devicePath, baudRate: baudRate ?? 115200 }));
      const log = new MemoryLogger();
      const driver = new IdCardReaderDriver(
        transport,
        {
          deviceId: 'idcard-test',
          supervisor: { initialBackoffMs: 50, maxBackoffMs: 200, debounceMs: 2000 },
          ...rest,
        },
        log,
        clock,
      );
      drivers.push(driver);
      return { driver, transport, log };
    },
    async close() {
      for (const d of drivers) await d.stop();
      await simTransport?.close();
      await link.pair.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return link;
}
