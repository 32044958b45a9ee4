import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { testClock } from '../../tests/helpers/clock';
import { MemoryLogger } from '../core';
import { memoryPair } from '../transports/memory';
import { defaultHidScannerConfig } from './config';
import type { ScanEvent } from './driver';
import { HidScannerDriver } from './hid-driver';

/** Recorded reports CONSTRUCTED from the documented Honeywell layout (see the fixture headers). */
const reports = (name: string): Uint8Array[] =>
  readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8')
    .split('\n')
    .filter((l) => l.trim() && !l.startsWith('#'))
    .map((l) =>
      Uint8Array.from(
        l
          .trim()
          .split(/\s+/)
          .map((b) => parseInt(b, 16)),
      ),
    );

async function rig() {
  const [host, device] = memoryPair('hid', 'message');
  await host.open();
  await device.open();
  const log = new MemoryLogger();
  const clock = testClock();
  const driver = new HidScannerDriver(
    host,
    { deviceId: 'scanner-hid', ...defaultHidScannerConfig({ continuationTimeoutMs: 50 }) },
    log,
    clock,
  );
  const scans: ScanEvent[] = [];
  driver.events.on('scan', (s) => scans.push(s));
  /** Lets the written reports arrive; moves no time. */
  const settle = () => clock.settle();
  return { host, device, driver, scans, log, settle, clock };
}

describe('HidScannerDriver over a message transport replaying recorded reports', () => {
  it('emits one scan for a long QR code split over continued reports', async () => {
    const { device, scans, log, settle, driver } = await rig();
    for (const r of reports('honeywell-report02-long-qr.constructed.hex')) await device.write(r);
    await settle();
    expect(scans).toHaveLength(1);
    expect(scans[0]!.symbology).toBe('qr');
    expect(scans[0]!.text).toContain('一码办-网证');
    expect(driver.status.current).toMatchObject({ health: 'online', detail: { scans: 1 } });
    // scan text can carry personal data: only its length reaches the log
    expect(JSON.stringify(log.lines)).not.toContain('张');
  });

  it('emits a Code 128 receipt code from a single report', async () => {
    const { device, scans, settle } = await rig();
    for (const r of reports('honeywell-report02-code128.constructed.hex')) await device.write(r);
    await settle();
    expect(scans).toEqual([{ text: 'SF1234567890', symbology: 'code128' }]);
  });

  it('drops a half-received code whose continuation never comes, then reads the next code whole', async () => {
    const { device, scans, settle, clock, log } = await rig();
    const [first] = reports('honeywell-report02-long-qr.constructed.hex');
    await device.write(first!);
    await clock.advance(49);
    expect(log.lines.some((l) => l.event === 'scanner.hidContinuationLost')).toBe(false);
    await clock.advance(1);
    expect(log.lines.some((l) => l.event === 'scanner.hidContinuationLost')).toBe(true);
    for (const r of reports('honeywell-report02-code128.constructed.hex')) await device.write(r);
    await settle();
    expect(scans).toEqual([{ text: 'SF1234567890', symbology: 'code128' }]);
  });

  it('reports noDevice when the scanner is unplugged', async () => {
    const { host, driver } = await rig();
    host.unplug();
    expect(driver.status.current.health).toBe('noDevice');
  });

  it('refuses a stream transport', () => {
    const [stream] = memoryPair('serial');
    expect(() => new HidScannerDriver(stream, { deviceId: 'x', ...defaultHidScannerConfig() })).toThrow(
      TypeError,
    );
  });
});
