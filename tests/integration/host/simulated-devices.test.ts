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
          'receipt-printer-1': 'online',
          'a4-printer-1': 'online',
          'scanner-1': 'online',
          'locker-1': 'online',
        });
      expect(log.lines.filter((l) => l.level === 'error')).toEqual([]);
    } finally {
      await registry.stop();
    }
  });

  it('keeps serving when one configured device cannot start', async () => {
    const registry = await buildRegistry(
      HostConfig.parse({
        devices: [
          { id: 'reader-1', family: 'id-card-reader', transport: { kind: 'simulated' } },
          {
            id: 'printer-x',
            family: 'escpos-printer',
            transport: { kind: 'simulated' },
            options: { profile: 'no-such-model' },
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
});
