import type { DeviceConfig } from './host-config';

/**
 * The simulated device set `yizhan start` uses when no configuration file is given: one of each
 * family that can be simulated in-process. PC/SC cards need pcscd + vpcd (`yizhan sim card`), so a
 * card reader is configured only on machines that run them.
 */
export function defaultDevices(): DeviceConfig[] {
  const sim = { kind: 'simulated' as const };
  return [
    { id: 'id-reader-1', family: 'id-card-reader', transport: sim, options: {} },
    { id: 'receipt-printer-1', family: 'escpos-printer', transport: sim, options: { profile: 'kp628' } },
    { id: 'a4-printer-1', family: 'a4-printer', transport: sim, options: {} },
    { id: 'scanner-1', family: 'scanner', transport: sim, options: {} },
    { id: 'locker-1', family: 'locker-board', transport: sim, options: { protocol: 'cu' } },
  ];
}
