// The locker board and the serial scanner used to stay gone after a pulled cable until the kiosk was
// restarted. Built through their family (service mode, as the host builds them) on a real serial link
// (a socat pty pair), they now come back by themselves when the cable is put back.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MemoryLogger } from '../../../devices/core';
import { createPtyPair, SerialTransport, type PtyPair } from '../../../devices/transports';
import {
  cabinetConfig,
  createLockerSimulator,
  lockerBoard,
} from '../../../main/device-host/families/locker-board';
import { createScannerSimulator, scanner } from '../../../main/device-host/families/scanner';

const dir = mkdtempSync(path.join(tmpdir(), 'yizhan-relink-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A cable: a pty pair on `link` with a simulator attached to the far end; pull() kills socat. */
async function cable<S extends { dispose(): void }>(
  link: string,
  baudRate: number,
  attach: (wire: SerialTransport) => S,
) {
  const pair: PtyPair = await createPtyPair({ link });
  const wire = new SerialTransport({ path: pair.simulatorPath, baudRate });
  await wire.open();
  const sim = attach(wire);
  return {
    sim,
    async pull() {
      sim.dispose();
      await wire.close();
      await pair.close();
    },
  };
}

describe('a pulled cable comes back without a restart', () => {
  it('locker board: notConnected while pulled, online and opening doors once put back', async () => {
    const link = path.join(dir, 'locker');
    const options = { protocol: 'cu' as const, cabinet: { monitorIntervalMs: 100, openTimeoutMs: 1500 } };
    const config = cabinetConfig(lockerBoard.options.parse(options));
    let c = await cable(link, 19200, (w) => createLockerSimulator(w, config));
    const log = new MemoryLogger();
    const device = await lockerBoard.build(
      {
        id: 'lk-1',
        family: 'locker-board',
        transport: { kind: 'serial', path: link },
        options: lockerBoard.options.parse(options),
      },
      { log, mode: 'service' },
    );
    try {
      await expect.poll(() => device.condition(), { timeout: 10_000 }).toBe('ready');
      await c.pull();
      await expect.poll(() => device.condition(), { timeout: 10_000 }).toBe('notConnected');
      await expect.poll(() => log.lines.some((l) => l.event === 'link.closed')).toBe(true);
      c = await cable(link, 19200, (w) => createLockerSimulator(w, config));
      await expect.poll(() => device.condition(), { timeout: 20_000 }).toBe('ready');
      await expect(device.commands.open(1, 2)).resolves.toMatchObject({ board: 1, door: 2 });
      expect(c.sim.isOpen(1, 2)).toBe(true);
    } finally {
      await device.stop();
      await c.pull();
    }
  }, 60_000);

  it('serial scanner: configured again after the cable is put back, and scans arrive', async () => {
    const link = path.join(dir, 'scanner');
    let c = await cable(link, 9600, (w) => createScannerSimulator(w));
    const log = new MemoryLogger();
    const device = await scanner.build(
      { id: 'sc-1', family: 'scanner', transport: { kind: 'serial', path: link }, options: {} },
      { log, mode: 'service' },
    );
    try {
      await expect.poll(() => device.condition(), { timeout: 10_000 }).toBe('ready');
      await c.pull();
      await expect.poll(() => device.condition(), { timeout: 10_000 }).toBe('notConnected');
      c = await cable(link, 9600, (w) => createScannerSimulator(w));
      await expect.poll(() => device.condition(), { timeout: 20_000 }).toBe('ready');
      // The new module was configured from its factory zones (it may have been power-cycled).
      expect(c.sim.simulator.commands.length).toBeGreaterThan(0);
      const next = device.commands.next({ timeoutMs: 5000 });
      await c.sim.scan('SF1234567890');
      await expect(next).resolves.toMatchObject({ text: 'SF1234567890' });
    } finally {
      await device.stop();
      await c.pull();
    }
  }, 60_000);

  it('simulated link: unplug and replug from sim control reach the same supervisor', async () => {
    const device = await lockerBoard.build(
      {
        id: 'lk-2',
        family: 'locker-board',
        transport: { kind: 'simulated' },
        options: lockerBoard.options.parse({ cabinet: { monitorIntervalMs: 100 } }),
      },
      { log: new MemoryLogger(), mode: 'service' },
    );
    try {
      await expect.poll(() => device.condition(), { timeout: 10_000 }).toBe('ready');
      await device.link!.unplug();
      await expect.poll(() => device.condition(), { timeout: 10_000 }).toBe('notConnected');
      await device.link!.replug();
      await expect.poll(() => device.condition(), { timeout: 20_000 }).toBe('ready');
    } finally {
      await device.stop();
    }
  }, 60_000);
});
