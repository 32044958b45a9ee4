import type { DeviceStatus, Logger } from '../../devices/core';
import type { DeviceConfig, HostConfig } from '../config/host-config';
import type { DeviceStatusDto } from '../ipc/contract';
import type { DeviceRegistry } from '../host/host';
import { FAMILIES } from './families';

/** A running device as the host sees it: a status stream and a way to stop. */
export interface ManagedDevice {
  readonly id: string;
  status(): DeviceStatus<object>;
  onStatus(listener: (s: DeviceStatus<object>) => void): () => void;
  stop(): Promise<void>;
}

export type FamilyFactory = (config: DeviceConfig, log: Logger) => Promise<ManagedDevice>;

export const toDto = (s: DeviceStatus<object>): DeviceStatusDto => ({
  deviceId: s.deviceId,
  family: s.family,
  health: s.health,
  detail: { ...s.detail },
  changedAt: s.changedAt,
  ...(s.lastError
    ? {
        lastError: {
          code: s.lastError.code,
          ...(s.lastError.detail ? { detail: s.lastError.detail } : {}),
          at: s.lastError.at,
        },
      }
    : {}),
});

/** Builds every configured device. A device that fails to start is reported, not fatal: the kiosk serves what it can. */
export async function buildRegistry(
  config: HostConfig,
  log: Logger,
  families: Record<string, FamilyFactory> = FAMILIES,
): Promise<DeviceRegistry> {
  const devices: ManagedDevice[] = [];
  const failed: DeviceStatusDto[] = [];
  for (const dc of config.devices) {
    const factory = families[dc.family];
    const dlog = log.child({ deviceId: dc.id, family: dc.family });
    if (!factory) {
      dlog.error('device.unknownFamily', { known: Object.keys(families) });
      failed.push({
        deviceId: dc.id,
        family: dc.family,
        health: 'noDevice',
        detail: { reason: 'unknownFamily' },
        changedAt: Date.now(),
      });
      continue;
    }
    try {
      devices.push(await factory(dc, dlog));
    } catch (err) {
      dlog.error('device.startFailed', { error: err instanceof Error ? err.message : String(err) });
      failed.push({
        deviceId: dc.id,
        family: dc.family,
        health: 'noDevice',
        detail: { reason: 'startFailed' },
        changedAt: Date.now(),
      });
    }
  }
  return {
    list: () => [...devices.map((d) => toDto(d.status())), ...failed],
    onStatus(listener) {
      const offs = devices.map((d) => d.onStatus((s) => listener(toDto(s))));
      return () => offs.forEach((off) => off());
    },
    async stop() {
      await Promise.allSettled(devices.map((d) => d.stop()));
    },
  };
}
