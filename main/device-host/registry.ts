import type { Clock, DeviceStatus, Logger } from '../../devices/core';
import type { PrintJournal } from '../../devices/escpos-printer';
import { ConfigError } from '../config/config-error';
import type { HostConfig } from '../config/host-config';
import type { DeviceRole } from '../config/roles';
import type { DeviceCondition, DeviceStatusDto } from '../ipc/contract';
import type { DeviceRegistry } from '../host/host';
import { familyOf } from './families';
import type { BuildContext, BuiltDevice } from './families/types';
import { createDeviceServices, type DeviceServices } from './services';
import { checkDevices } from './site-config';
import { startSimControl } from './sim-control/server';

export const toDto = (s: DeviceStatus<object>, condition?: DeviceCondition): DeviceStatusDto => ({
  deviceId: s.deviceId,
  family: s.family,
  health: s.health,
  ...(condition ? { condition } : {}),
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

/** The host's devices: the status registry the page and the back office see, and the role facade. */
export interface DeviceHost extends DeviceRegistry {
  readonly services: DeviceServices;
  readonly devices: readonly { device: BuiltDevice; roles: readonly DeviceRole[] }[];
}

export interface RegistryOptions {
  /** Durable receipt job states (main/printing). */
  journal?: PrintJournal;
  /** Open the sim control socket in the data dir when a device is simulated (the host does; default off). */
  simControl?: boolean;
  /** Time for every device (the system clock by default; tests pass a ManualClock). */
  clock?: Clock;
}

/**
 * Builds every configured device through its family. The configuration must be valid (an unknown
 * family or option is a ConfigError, never a silently missing device); a device that is valid but
 * fails to start is reported (`noDevice`, `startFailed`) and the kiosk serves what it can.
 */
export async function buildRegistry(
  config: HostConfig,
  log: Logger,
  opts: RegistryOptions = {},
): Promise<DeviceHost> {
  const checked = checkDevices(config);
  if (checked.problems.length) throw new ConfigError('the kiosk configuration', checked.problems);
  const built: { device: BuiltDevice; roles: readonly DeviceRole[] }[] = [];
  const failed: DeviceStatusDto[] = [];
  for (const dc of checked.config.devices) {
    const family = familyOf(dc.family)!;
    const dlog = log.child({ deviceId: dc.id, family: dc.family });
    const ctx: BuildContext = {
      log: dlog,
      mode: 'service',
      dataDir: config.dataDir,
      ...(opts.journal ? { journal: opts.journal } : {}),
      ...(opts.clock ? { clock: opts.clock } : {}),
    };
    try {
      const device = await family.build(
        { id: dc.id, family: dc.family, transport: dc.transport, options: dc.options },
        ctx,
      );
      built.push({ device, roles: dc.roles ?? family.roles });
    } catch (err) {
      dlog.error('device.startFailed', { error: err instanceof Error ? err.message : String(err) });
      failed.push({
        deviceId: dc.id,
        family: dc.family,
        health: 'noDevice',
        condition: 'notConnected',
        detail: { reason: 'startFailed' },
        changedAt: Date.now(),
      });
    }
  }
  const services = createDeviceServices(built);
  const simulated = built.filter(({ device }) => device.simulator !== undefined || device.link !== undefined);
  const control =
    opts.simControl === true && simulated.length > 0
      ? await startSimControl(config.dataDir, built, log.child({ component: 'simControl' })).catch(
          (err: unknown) => {
            log.error('simControl.failed', { error: err instanceof Error ? err.message : String(err) });
            return undefined;
          },
        )
      : undefined;
  const dto = (d: BuiltDevice) => toDto(d.status(), d.condition());
  return {
    services,
    devices: built,
    list: () => [...built.map(({ device }) => dto(device)), ...failed],
    onStatus(listener) {
      const offs = built.map(({ device }) => device.onStatus(() => listener(dto(device))));
      return () => offs.forEach((off) => off());
    },
    async stop() {
      await control?.close();
      await Promise.allSettled(built.map(({ device }) => device.stop()));
    },
  };
}
