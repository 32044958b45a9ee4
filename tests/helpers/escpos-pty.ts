import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  EscposPrinterDriver,
  EscposPrinterSimulator,
  PROFILES,
  type EscposPrinterConfig,
  type PrinterProfile,
} from '../../devices/escpos-printer';
import type { ManualClock } from '../../devices/core';
import { createPtyPair, SerialTransport } from '../../devices/transports';
import { IoTracker, testClock } from './clock';
import { testGlyphs } from './escpos-font';

export interface PrinterRig {
  driver: EscposPrinterDriver;
  /** The current simulator (a new one after `replug`). */
  sim: EscposPrinterSimulator;
  driverTransport: SerialTransport;
  /** The clock driver and simulator run on; it moves only while the pty is quiet. */
  clock: ManualClock;
  /** Kills socat: both pty ends vanish, as when the USB-serial cable is pulled. */
  unplug(): Promise<void>;
  /** A new pty pair on the same path with a fresh simulator behind it. */
  replug(): Promise<void>;
  dispose(): Promise<void>;
}

/**
 * A driver and a simulator joined by a real socat pty pair (Debian package socat), each end opened
 * through serialport as in production. The simulator paces its input at `baudRate`.
 */
export async function printerOverPty(
  opts: {
    profile?: PrinterProfile;
    baudRate?: number;
    driver?: Partial<EscposPrinterConfig>;
    openDriverPort?: boolean;
  } = {},
): Promise<PrinterRig> {
  const profile = opts.profile ?? PROFILES.kp628;
  const baudRate = opts.baudRate ?? 115200;
  const dir = mkdtempSync(join(tmpdir(), 'yizhan-printer-'));
  const link = join(dir, 'printer');
  const io = new IoTracker();
  const clock = testClock(io.busy);
  const plug = async () => {
    const pair = await createPtyPair({ link });
    const wire = io.track(new SerialTransport({ path: pair.simulatorPath, baudRate }));
    await wire.open();
    return {
      pair,
      wire,
      sim: new EscposPrinterSimulator(wire, { profile, glyphs: testGlyphs(), baudRate, clock }),
    };
  };
  let side: Awaited<ReturnType<typeof plug>> | undefined = await plug();
  const unplug = async () => {
    if (!side) return;
    side.sim.dispose();
    await side.wire.close();
    await side.pair.close();
    side = undefined;
  };
  const driverTransport = io.track(new SerialTransport({ path: link, baudRate }));
  if (opts.openDriverPort !== false) await driverTransport.open();
  const driver = new EscposPrinterDriver(
    driverTransport,
    {
      deviceId: 'printer-1',
      profile,
      glyphs: testGlyphs(),
      baudRate,
      replyTimeoutMs: 1500,
      statusPollMs: 0,
      takePollMs: 30,
      takeTimeoutMs: 5000,
      ...opts.driver,
    },
    undefined,
    clock,
  );
  const rig: PrinterRig = {
    driver,
    sim: side.sim,
    driverTransport,
    clock,
    unplug,
    async replug() {
      await unplug();
      side = await plug();
      rig.sim = side.sim;
    },
    async dispose() {
      await driver.stop();
      await driverTransport.close();
      await unplug();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return rig;
}
