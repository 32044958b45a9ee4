import {
  defaultCabinetConfig,
  LockerCabinetDriver,
  LockerCabinetSimulator,
  type LockerCabinetConfig,
  type LockerProtocolName,
  type LockerSimulatorOptions,
} from '../../devices/locker-board';
import { MemoryLogger, type ManualClock } from '../../devices/core';
import { createPtyPair, SerialTransport, type PtyPair } from '../../devices/transports';
import { IoTracker, testClock } from './clock';

export interface LockerRig {
  driver: LockerCabinetDriver;
  sim: LockerCabinetSimulator;
  pty: PtyPair;
  log: MemoryLogger;
  /** Driver and simulator run on it; it moves only while the pty is quiet. */
  clock: ManualClock;
  dispose(): Promise<void>;
}

/**
 * Driver and simulator on the two ends of a real socat pty pair, each through SerialTransport at the
 * protocol's baud rate. Short timeouts keep fault cases fast; the behaviour is the production code's.
 */
export async function startLockerRig(
  protocol: LockerProtocolName,
  opts: { config?: Partial<LockerCabinetConfig>; sim?: Partial<LockerSimulatorOptions> } = {},
): Promise<LockerRig> {
  const config = defaultCabinetConfig(protocol, {
    boards: protocol === '8a' ? [1, 2] : [0, 1],
    openTimeoutMs: 700,
    pollIntervalMs: 40,
    replyTimeoutMs: 200,
    monitorIntervalMs: 60,
    missesBeforeNoDevice: 2,
    openAllGapMs: 20,
    ...opts.config,
  });
  const pty = await createPtyPair();
  const baudRate = protocol === '8a' ? 9600 : 19200;
  const io = new IoTracker();
  const clock = testClock(io.busy);
  const hostEnd = io.track(new SerialTransport({ path: pty.devicePath, baudRate }));
  const simEnd = io.track(new SerialTransport({ path: pty.simulatorPath, baudRate }));
  await hostEnd.open();
  await simEnd.open();
  const log = new MemoryLogger();
  const sim = new LockerCabinetSimulator(simEnd, {
    protocol,
    boards: config.boards,
    doorsPerBoard: config.doorsPerBoard,
    feedbackActiveMeans: config.feedbackActiveMeans,
    groupOrder: config.groupOrder,
    bitOrder: config.bitOrder,
    springMs: 50,
    autoCloseMs: null,
    clock,
    ...opts.sim,
  });
  const driver = new LockerCabinetDriver(hostEnd, { deviceId: 'locker-test', ...config }, log, clock);
  return {
    driver,
    sim,
    pty,
    log,
    clock,
    async dispose() {
      await driver.stop();
      sim.dispose();
      await hostEnd.close();
      await simEnd.close();
      await pty.close();
    },
  };
}
