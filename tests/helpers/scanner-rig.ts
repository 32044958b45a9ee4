import { MemoryLogger, type ManualClock } from '../../devices/core';
import {
  defaultSerialScannerConfig,
  ScannerSimulator,
  SerialScannerDriver,
  type ScanEvent,
  type ScannerSimulatorOptions,
  type SerialScannerConfig,
} from '../../devices/scanner';
import { createPtyPair, SerialTransport, type PtyPair } from '../../devices/transports';
import { IoTracker, testClock } from './clock';

export interface ScannerRig {
  driver: SerialScannerDriver;
  sim: ScannerSimulator;
  pty: PtyPair;
  log: MemoryLogger;
  scans: ScanEvent[];
  /** Driver and simulator run on it; it moves only while the pty is quiet. */
  clock: ManualClock;
  dispose(): Promise<void>;
}

/** Serial scanner driver and GM65 simulator on the two ends of a real socat pty pair at 9600 8N1. */
export async function startScannerRig(
  opts: { config?: Partial<SerialScannerConfig>; sim?: ScannerSimulatorOptions } = {},
): Promise<ScannerRig> {
  const pty = await createPtyPair();
  const io = new IoTracker();
  const clock = testClock(io.busy);
  const hostEnd = io.track(new SerialTransport({ path: pty.devicePath, baudRate: 9600 }));
  const simEnd = io.track(new SerialTransport({ path: pty.simulatorPath, baudRate: 9600 }));
  await hostEnd.open();
  await simEnd.open();
  const log = new MemoryLogger();
  const sim = new ScannerSimulator(simEnd, { ...opts.sim, clock });
  const driver = new SerialScannerDriver(
    hostEnd,
    { deviceId: 'scanner-test', ...defaultSerialScannerConfig(opts.config) },
    log,
    clock,
  );
  const scans: ScanEvent[] = [];
  driver.events.on('scan', (s) => scans.push(s));
  return {
    driver,
    sim,
    pty,
    log,
    scans,
    clock,
    async dispose() {
      driver.dispose();
      sim.dispose();
      await hostEnd.close();
      await simEnd.close();
      await pty.close();
    },
  };
}
