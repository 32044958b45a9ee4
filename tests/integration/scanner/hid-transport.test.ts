// The HID POS path end to end without a virtual HID device (none can exist here: no /dev/uhid):
// recorded reports replayed through the real HidTransport on a stand-in for node-hid, into the driver.
import { EventEmitter } from 'node:events';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MemoryLogger } from '../../../devices/core';
import {
  defaultHidScannerConfig,
  HID_POS_USAGE_PAGE,
  HidScannerDriver,
  type ScanEvent,
} from '../../../devices/scanner';
import { HidTransport, type HidDevice, type NodeHid } from '../../../devices/transports/hid';

const FIXTURES = new URL('../../../devices/scanner/fixtures/', import.meta.url);
const recorded = (name: string): Buffer[] =>
  readFileSync(new URL(name, FIXTURES), 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'))
    .map((l) => Buffer.from(l.replace(/\s+/g, ''), 'hex'));

class ReplayDevice extends EventEmitter implements HidDevice {
  write = (v: number[] | Buffer) => Promise.resolve(v.length);
  close = () => Promise.resolve();
}

async function rig() {
  const device = new ReplayDevice();
  const backend: NodeHid = {
    devicesAsync: () =>
      Promise.resolve([
        { vendorId: 0x0c2e, productId: 0x0b61, path: 'kbd', usagePage: 0x01 },
        { vendorId: 0x0c2e, productId: 0x0b61, path: 'pos', usagePage: HID_POS_USAGE_PAGE },
      ]),
    HIDAsync: {
      open: (path) => (path === 'pos' ? Promise.resolve(device) : Promise.reject(new Error(path))),
    },
  };
  const transport = new HidTransport({
    vendorId: 0x0c2e,
    productId: 0x0b61,
    usagePage: HID_POS_USAGE_PAGE,
    backend,
  });
  await transport.open();
  const log = new MemoryLogger();
  const driver = new HidScannerDriver(
    transport,
    { deviceId: 'scanner-hid', ...defaultHidScannerConfig() },
    log,
  );
  const scans: ScanEvent[] = [];
  driver.events.on('scan', (s) => scans.push(s));
  return { device, driver, scans, log };
}

describe('HID POS scanner: recorded reports through HidTransport into the driver', () => {
  it('turns the recorded reports of a long 一码办 QR code and a receipt code into two scans', async () => {
    const { device, driver, scans, log } = await rig();
    expect(driver.status.current.health).toBe('online');
    for (const r of recorded('honeywell-report02-long-qr.constructed.hex')) device.emit('data', r);
    for (const r of recorded('honeywell-report02-code128.constructed.hex')) device.emit('data', r);
    expect(scans).toHaveLength(2);
    expect(scans[0]).toMatchObject({ symbology: 'qr' });
    expect(scans[0]!.text).toMatch(/^https:\/\/zwfw\.example\.gov\.cn\/ymb\/verify\?code=一码办-网证-/);
    expect(scans[1]).toEqual({ text: 'SF1234567890', symbology: 'code128' });
    expect(JSON.stringify(log.lines)).not.toContain('网证');
  });

  it('goes noDevice when node-hid reports the device gone', async () => {
    const { device, driver } = await rig();
    device.emit('error', new Error('could not read from HID device'));
    await new Promise((r) => setTimeout(r, 0));
    expect(driver.status.current.health).toBe('noDevice');
  });
});
