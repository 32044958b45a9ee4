import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  EscposPrinterDriver,
  EscposPrinterSimulator,
  PROFILES,
  type EscposPrinterOptions,
  type PrinterProfile,
} from '../../devices/escpos-printer';
import { createPtyPair, SerialTransport } from '../../devices/transports';
import { testGlyphs } from './escpos-font';

export interface PrinterRig {
  driver: EscposPrinterDriver;
  sim: EscposPrinterSimulator;
  driverTransport: SerialTransport;
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
    driver?: Partial<EscposPrinterOptions>;
    openDriverPort?: boolean;
  } = {},
): Promise<PrinterRig> {
  const profile = opts.profile ?? PROFILES.kp628;
  const baudRate = opts.baudRate ?? 115200;
  const dir = mkdtempSync(join(tmpdir(), 'yizhan-printer-'));
  const pair = await createPtyPair({ link: join(dir, 'printer') });
  const simTransport = new SerialTransport({ path: pair.simulatorPath, baudRate });
  await simTransport.open();
  const sim = new EscposPrinterSimulator(simTransport, { profile, glyphs: testGlyphs(), baudRate });
  const driverTransport = new SerialTransport({ path: pair.devicePath, baudRate });
  if (opts.openDriverPort !== false) await driverTransport.open();
  const driver = new EscposPrinterDriver(driverTransport, {
    deviceId: 'printer-1',
    profile,
    glyphs: testGlyphs(),
    baudRate,
    replyTimeoutMs: 1500,
    statusPollMs: 0,
    takePollMs: 30,
    takeTimeoutMs: 5000,
    ...opts.driver,
  });
  return {
    driver,
    sim,
    driverTransport,
    async dispose() {
      await driver.stop();
      await driverTransport.close();
      sim.dispose();
      await simTransport.close();
      await pair.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
