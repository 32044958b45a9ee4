import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { HidTransport, listHidDevices, type HidDevice, type HidDeviceInfo, type NodeHid } from './hid';

// No virtual HID device can be created on this machine (no /dev/uhid), so these tests prove the
// failure paths a kiosk meets when the scanner is absent; report parsing is tested with recorded reports.
describe('HidTransport through node-hid', () => {
  it('lists devices without throwing when there are none', async () => {
    const devices = await listHidDevices();
    expect(Array.isArray(devices)).toBe(true);
  });

  it('rejects open cleanly and stays closed when the VID/PID is absent', async () => {
    const t = new HidTransport({ vendorId: 0x0c2e, productId: 0x0b61, usagePage: 0x8c });
    expect(t.framing).toBe('message');
    expect(t.describe).toBe('hid:0c2e:0b61');
    await expect(t.open()).rejects.toMatchObject({
      name: 'TransportClosedError',
      message: /no such HID device/,
    });
    expect(t.isOpen).toBe(false);
    await expect(t.write(Uint8Array.of(0xfd, 0x00))).rejects.toThrow(/not open/);
    await t.close();
  });

  it('rejects open of a path that does not exist', async () => {
    const t = new HidTransport({ path: '/dev/hidraw-yizhan-absent' });
    await expect(t.open()).rejects.toMatchObject({ name: 'TransportClosedError', message: /cannot open/ });
    expect(t.isOpen).toBe(false);
  });

  it('refuses a configuration that names no device', () => {
    expect(() => new HidTransport({})).toThrow(TypeError);
  });
});

/** A stand-in for node-hid: lists the given interfaces and opens fake devices that emit what a test pushes. */
function fakeBackend(interfaces: HidDeviceInfo[]) {
  const opened: { path: string; device: FakeDevice }[] = [];
  const backend: NodeHid = {
    devicesAsync: () => Promise.resolve(interfaces),
    HIDAsync: {
      open: (path: string) => {
        if (!interfaces.some((d) => d.path === path)) return Promise.reject(new Error('cannot open device'));
        const device = new FakeDevice();
        opened.push({ path, device });
        return Promise.resolve(device);
      },
    },
  };
  return { backend, opened };
}

class FakeDevice extends EventEmitter implements HidDevice {
  readonly written: number[][] = [];
  closed = false;
  write(values: number[] | Buffer): Promise<number> {
    this.written.push(Array.from(values));
    return Promise.resolve(values.length);
  }
  close(): Promise<void> {
    this.closed = true;
    return Promise.resolve();
  }
}

const SCANNER = [
  { vendorId: 0x0c2e, productId: 0x0b61, path: '/dev/hidraw3', usagePage: 0x0001 }, // keyboard interface
  { vendorId: 0x0c2e, productId: 0x0b61, path: '/dev/hidraw4', usagePage: 0x008c }, // HID POS interface
];

describe('HidTransport with a stand-in backend', () => {
  it('opens the interface on the requested usage page and delivers each report as one message', async () => {
    const { backend, opened } = fakeBackend(SCANNER);
    const t = new HidTransport({ vendorId: 0x0c2e, productId: 0x0b61, usagePage: 0x8c, backend });
    await t.open();
    expect(opened.map((o) => o.path)).toEqual(['/dev/hidraw4']);
    const got: Uint8Array[] = [];
    t.onData((r) => got.push(r));
    // node-hid hands out Buffers that may be views into a reused pool: each message must be a copy.
    const pool = Buffer.from([0x02, 0x03, 0x5d, 0x51, 0x31, 0x41, 0x42, 0x43, 0x02, 0x01]);
    opened[0]!.device.emit('data', pool.subarray(0, 8));
    opened[0]!.device.emit('data', pool.subarray(8, 10));
    pool.fill(0);
    expect(got.map((r) => Array.from(r))).toEqual([
      [0x02, 0x03, 0x5d, 0x51, 0x31, 0x41, 0x42, 0x43],
      [0x02, 0x01],
    ]);
    await t.write(Uint8Array.of(0xfd, 0x03, 0x16, 0x54, 0x0d));
    expect(opened[0]!.device.written).toEqual([[0xfd, 0x03, 0x16, 0x54, 0x0d]]);
  });

  it('refuses a scanner that offers no HID POS interface (keyboard mode) instead of reading the keyboard', async () => {
    const { backend, opened } = fakeBackend([SCANNER[0]!]);
    const t = new HidTransport({ vendorId: 0x0c2e, productId: 0x0b61, usagePage: 0x8c, backend });
    await expect(t.open()).rejects.toMatchObject({
      name: 'TransportClosedError',
      message: /no interface on usage page 0x008c \(found 0x0001\).*HID POS mode/,
    });
    expect(opened).toEqual([]);
  });

  it('takes the device when the backend lists no usage pages at all', async () => {
    const { backend, opened } = fakeBackend([{ vendorId: 1, productId: 2, path: '/dev/hidraw0' }]);
    const t = new HidTransport({ vendorId: 1, productId: 2, usagePage: 0x8c, backend });
    await t.open();
    expect(opened.map((o) => o.path)).toEqual(['/dev/hidraw0']);
  });

  it('closes as disconnected when the device reports a read error (unplugged)', async () => {
    const { backend, opened } = fakeBackend(SCANNER);
    const t = new HidTransport({ path: '/dev/hidraw4', backend });
    await t.open();
    const reasons: string[] = [];
    t.onClose((r) => reasons.push(r));
    opened[0]!.device.emit('error', new Error('could not read from HID device'));
    await new Promise((r) => setTimeout(r, 0));
    expect(reasons).toEqual(['disconnected']);
    expect(t.isOpen).toBe(false);
    expect(opened[0]!.device.closed).toBe(true);
    await expect(t.write(Uint8Array.of(0))).rejects.toThrow(/not open/);
  });
});
