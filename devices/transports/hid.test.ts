import { describe, expect, it } from 'vitest';
import { HidTransport, listHidDevices } from './hid';

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
