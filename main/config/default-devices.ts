import type { DeviceConfig } from './host-config';

/** The simulated device set `yizhan start` uses when no configuration file is given. */
export function defaultDevices(): DeviceConfig[] {
  return [];
}
