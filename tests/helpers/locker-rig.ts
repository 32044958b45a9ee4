import {
  defaultCabinetConfig,
  LockerCabinetDriver,
  LockerCabinetSimulator,
  type LockerCabinetConfig,
  type LockerProtocolName,
  type LockerSimulatorOptions,
} from '../../devices/locker-board';
import { MemoryLogger } from '../../devices/core';
import { createPtyPair, SerialTransport, type PtyPair } from '../../devices/transports';

export interface LockerRig {
  driver: LockerCabinetDriver;
  sim: LockerCabinetSimulator;
  pty: PtyPair;
  log: MemoryLogger;
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
  const hostEnd = new SerialTransport({ path: pty.devicePath, baudRate });
  const simEnd = new SerialTransport({ path: pty.simulatorPath, baudRate });
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
    ...opts.sim,
  });
  const driver = new LockerCabinetDriver('locker-test', hostEnd, config, log);
  return {
    driver,
    sim,
    pty,
    log,
    async dispose() {
      driver.stop();
      sim.dispose();
      await hostEnd.close();
      await simEnd.close();
      await pty.close();
    },
  };
}

export async function waitUntil(cond: () => boolean, ms = 3000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}
