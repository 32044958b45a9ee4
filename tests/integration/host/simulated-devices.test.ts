import { describe, expect, it } from 'vitest';
import { MemoryLogger } from '../../../devices/core';
import { defaultDevices } from '../../../main/config/default-devices';
import { HostConfig } from '../../../main/config/host-config';
import { buildRegistry } from '../../../main/device-host/registry';

describe('device host with the default simulated devices', () => {
  it('builds every family from configuration and each reaches online over its real protocol', async () => {
    const log = new MemoryLogger();
    const registry = await buildRegistry(HostConfig.parse({ devices: defaultDevices() }), log);
    try {
      await expect
        .poll(() => Object.fromEntries(registry.list().map((d) => [d.deviceId, d.health])), {
          timeout: 20_000,
          interval: 100,
        })
        .toEqual({
          'id-reader-1': 'online',
          'card-reader-1': 'online',
          'receipt-printer-1': 'online',
          'a4-printer-1': 'online',
          'scanner-1': 'online',
          'camera-1': 'online',
          'locker-1': 'online',
        });
      expect(log.lines.filter((l) => l.level === 'error')).toEqual([]);
    } finally {
      await registry.stop();
    }
  });

  it('keeps serving when one configured device cannot start', async () => {
    // Valid configuration, but the device cannot come up here: an A4 printer bound to a cups-pdf
    // queue that does not exist. (An invalid one, such as an unknown profile, is refused at start.)
    const registry = await buildRegistry(
      HostConfig.parse({
        devices: [
          { id: 'reader-1', family: 'id-card-reader', transport: { kind: 'simulated' } },
          {
            id: 'printer-x',
            family: 'a4-printer',
            transport: { kind: 'simulated' },
            options: { simulator: { spooler: 'cups-pdf', cupsPdfQueue: 'yizhan-no-such-queue' } },
          },
        ],
      }),
      new MemoryLogger(),
    );
    try {
      const list = registry.list();
      expect(list.find((d) => d.deviceId === 'printer-x')).toMatchObject({
        health: 'noDevice',
        detail: { reason: 'startFailed' },
      });
      await expect
        .poll(() => registry.list().find((d) => d.deviceId === 'reader-1')?.health, { timeout: 10_000 })
        .toBe('online');
    } finally {
      await registry.stop();
    }
  });

  it('reports a configured HID POS scanner that is not plugged in as noDevice and keeps looking for it', async () => {
    const log = new MemoryLogger();
    const registry = await buildRegistry(
      HostConfig.parse({
        devices: [
          {
            id: 'hid-scanner-1',
            family: 'scanner',
            // No such device on this machine: node-hid loads for real and finds nothing.
            transport: { kind: 'hid', vendorId: 0x0c2e, productId: 0x0b61 },
          },
        ],
      }),
      log,
    );
    try {
      expect(registry.list()).toMatchObject([{ deviceId: 'hid-scanner-1', health: 'noDevice' }]);
      // The supervisor retries with backoff instead of giving up.
      await expect
        .poll(() => log.lines.filter((l) => l.event === 'link.openFailed').length, { timeout: 10_000 })
        .toBeGreaterThan(1);
      expect(registry.list()[0]?.health).toBe('noDevice');
    } finally {
      await registry.stop();
    }
  });

  it('refuses a hid transport that names no device', () => {
    const parsed = HostConfig.safeParse({
      devices: [{ id: 'hid-scanner-1', family: 'scanner', transport: { kind: 'hid' } }],
    });
    expect(parsed.success).toBe(false);
  });
});
