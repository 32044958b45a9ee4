// The locker board and the serial scanner used to stay gone after a pulled cable until the kiosk was
// restarted. Built through their family (service mode, as the host builds them) on a real serial link
// (a socat pty pair), they now come back by themselves when the cable is put back.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { MemoryLogger, type ManualClock } from '../../../devices/core';
import { createPtyPair, SerialTransport, type PtyPair } from '../../../devices/transports';
import {
  cabinetConfig,
  createLockerSimulator,
  lockerBoard,
} from '../../../main/device-host/families/locker-board';
import { createScannerSimulator, scanner } from '../../../main/device-host/families/scanner';
import { IoTracker, testClock } from '../../helpers/clock';

const dir = mkdtempSync(path.join(tmpdir(), 'yizhan-relink-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Both ends of every cable are followed, so the clock never moves while bytes are on their way. */
let io: IoTracker;
let clock: ManualClock;
/** The device end of the current cable, as the family opened it. */
let deviceEnd: SerialTransport | undefined;
const context = (log: MemoryLogger) => ({
  log,
  mode: 'service' as const,
  clock,
  serialPort: (o: { path: string; baudRate: number }) => (deviceEnd = io.track(new SerialTransport(o))),
});
beforeEach(() => {
  io = new IoTracker();
  clock = testClock(io.busy);
});
/** Resolves when the device end sees the cable go (the kernel tells it; no clock time involved). */
const pulled = () => new Promise<void>((resolve) => deviceEnd!.onClose(() => resolve()));

/** A cable: a pty pair on `link` with a simulator attached to the far end; pull() kills socat. */
async function cable<S extends { dispose(): void }>(
  link: string,
  baudRate: number,
  attach: (wire: SerialTransport) => S,
) {
  const pair: PtyPair = await createPtyPair({ link });
  const wire = io.track(new SerialTransport({ path: pair.simulatorPath, baudRate }));
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
    const simulate = (w: SerialTransport) => createLockerSimulator(w, config, { clock });
    let c = await cable(link, 19200, simulate);
    const log = new MemoryLogger();
    const device = await lockerBoard.build(
      {
        id: 'lk-1',
        family: 'locker-board',
        transport: { kind: 'serial', path: link },
        options: lockerBoard.options.parse(options),
      },
      context(log),
    );
    try {
      await clock.until(() => device.condition() === 'ready');
      const gone = pulled();
      await c.pull();
      await gone;
      expect(device.condition()).toBe('notConnected');
      expect(log.lines.some((l) => l.event === 'link.closed')).toBe(true);
      // Half a minute without the cable: the supervisor keeps trying, the condition stays.
      await clock.advance(30_000);
      expect(device.condition()).toBe('notConnected');
      c = await cable(link, 19200, simulate);
      await clock.until(() => device.condition() === 'ready');
      await expect(clock.run(device.commands.open(1, 2))).resolves.toMatchObject({ board: 1, door: 2 });
      expect(c.sim.isOpen(1, 2)).toBe(true);
    } finally {
      await device.stop();
      await c.pull();
    }
  });

  it('serial scanner: configured again after the cable is put back, and scans arrive', async () => {
    const link = path.join(dir, 'scanner');
    const simulate = (w: SerialTransport) => createScannerSimulator(w, { clock });
    let c = await cable(link, 9600, simulate);
    const log = new MemoryLogger();
    const device = await scanner.build(
      { id: 'sc-1', family: 'scanner', transport: { kind: 'serial', path: link }, options: {} },
      context(log),
    );
    try {
      await clock.until(() => device.condition() === 'ready');
      const gone = pulled();
      await c.pull();
      await gone;
      expect(device.condition()).toBe('notConnected');
      c = await cable(link, 9600, simulate);
      await clock.until(() => device.condition() === 'ready');
      // The new module was configured from its factory zones (it may have been power-cycled).
      expect(c.sim.simulator.commands.length).toBeGreaterThan(0);
      const next = device.commands.next({ timeoutMs: 5000 });
      await clock.run(c.sim.scan('SF1234567890'));
      await expect(clock.run(next)).resolves.toMatchObject({ text: 'SF1234567890' });
    } finally {
      await device.stop();
      await c.pull();
    }
  });

  it('simulated link: unplug and replug from sim control reach the same supervisor', async () => {
    const device = await lockerBoard.build(
      {
        id: 'lk-2',
        family: 'locker-board',
        transport: { kind: 'simulated' },
        options: lockerBoard.options.parse({ cabinet: { monitorIntervalMs: 100 } }),
      },
      context(new MemoryLogger()),
    );
    try {
      await clock.until(() => device.condition() === 'ready');
      await device.link!.unplug();
      expect(device.condition()).toBe('notConnected');
      await clock.advance(30_000);
      expect(device.condition()).toBe('notConnected');
      await device.link!.replug();
      await clock.until(() => device.condition() === 'ready');
    } finally {
      await device.stop();
    }
  });
});
