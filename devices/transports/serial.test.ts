import { afterEach, describe, expect, it } from 'vitest';
import { PortUnavailableError, toDeviceError } from '../core';
import { createPtyPair, type PtyPair } from './pty';
import { SerialTransport } from './serial';

let pair: PtyPair | undefined;
afterEach(async () => {
  await pair?.close();
  pair = undefined;
});

describe('SerialTransport over a socat pty pair', () => {
  it('carries bytes both ways and reports a pulled cable as disconnected', async () => {
    pair = await createPtyPair();
    const dev = new SerialTransport({ path: pair.devicePath, baudRate: 115200 });
    const sim = new SerialTransport({ path: pair.simulatorPath, baudRate: 115200 });
    await dev.open();
    await sim.open();
    const got: number[] = [];
    const all = new Promise<void>((resolve) =>
      sim.onData((c) => {
        got.push(...c);
        if (got.length >= 5) resolve();
      }),
    );
    await dev.write(Uint8Array.of(0xaa, 0xaa, 0xaa, 0x96, 0x69));
    await all;
    expect(got).toEqual([0xaa, 0xaa, 0xaa, 0x96, 0x69]);

    const closed = new Promise((resolve) => dev.onClose((reason) => resolve(reason)));
    await pair.close();
    await expect(closed).resolves.toBe('disconnected');
    expect(dev.isOpen).toBe(false);
    await expect(dev.write(Uint8Array.of(1))).rejects.toThrow(/not open/);
  });

  it('reports the cable pulled under a pending write as disconnected, not as our own close', async () => {
    pair = await createPtyPair();
    const dev = new SerialTransport({ path: pair.devicePath, baudRate: 115200 });
    await dev.open();
    const closed = new Promise((resolve) => dev.onClose((reason) => resolve(reason)));
    // Nobody reads the far end, so 1 MiB stays pending in the pty and socat: it can never finish.
    const pending = dev.write(new Uint8Array(1 << 20)).then(
      () => 'written',
      (e: unknown) => e,
    );
    await pair.close();
    expect(await pending).toMatchObject({ name: 'TransportClosedError' });
    await expect(closed).resolves.toBe('disconnected');
  });

  it('settles a write that the port closes under (it never waits for the port to open again)', async () => {
    pair = await createPtyPair();
    const dev = new SerialTransport({ path: pair.devicePath, baudRate: 115200 });
    await dev.open();
    const outcomes = Array.from({ length: 20 }, () =>
      dev.write(Uint8Array.of(1, 2, 3)).then(
        () => 'written',
        (e: unknown) => (e as Error).name,
      ),
    );
    await dev.close();
    // Each write either went out before the close or failed as closed; none is left hanging.
    const settled = await Promise.all(outcomes);
    expect(settled.every((o) => o === 'written' || o === 'TransportClosedError')).toBe(true);
    expect(settled).toContain('TransportClosedError');
  });

  it('reports its own close() as requested', async () => {
    pair = await createPtyPair();
    const dev = new SerialTransport({ path: pair.devicePath, baudRate: 115200 });
    await dev.open();
    const closed = new Promise((resolve) => dev.onClose((reason) => resolve(reason)));
    await dev.close();
    await expect(closed).resolves.toBe('requested');
    expect(dev.isOpen).toBe(false);
  });

  it('fails to open a path where no device is', async () => {
    const t = new SerialTransport({ path: '/dev/yizhan-does-not-exist', baudRate: 9600 });
    const err = await t.open().catch((e: unknown) => e);
    // The OS's reason once, no "Error: Error:" and no serialport wording around it.
    expect(err).toBeInstanceOf(PortUnavailableError);
    expect((err as Error).message).toBe(
      'cannot open serial port /dev/yizhan-does-not-exist: No such file or directory',
    );
    expect(toDeviceError(err, { deviceId: 'x' })).toMatchObject({
      code: 'notConnected',
      detail: 'portUnavailable',
      message: '无法打开端口 / cannot open serial port /dev/yizhan-does-not-exist: No such file or directory',
    });
    expect(t.isOpen).toBe(false);
  });
});
