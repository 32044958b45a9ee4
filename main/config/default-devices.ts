import type { DeviceConfig } from './host-config';

/**
 * The simulated site `yizhan start` runs without a configuration file: every role of the product,
 * each device simulated with its real protocol (main/device-host/families says how each one is
 * simulated and logs it: the card reader through pcscd + vpcd or in process, the A4 printer through a
 * cups-pdf queue or in memory). The locker cabinet is the product's default (DEFAULT_LOCKER_PROTOCOL,
 * DEFAULT_LOCKER_BOARD) with 16 doors.
 */
export function defaultDevices(): DeviceConfig[] {
  const sim = { kind: 'simulated' as const };
  return [
    { id: 'id-reader-1', family: 'id-card-reader', transport: sim, options: {} },
    { id: 'card-reader-1', family: 'pcsc-reader', transport: sim, options: {} },
    { id: 'receipt-printer-1', family: 'escpos-printer', transport: sim, options: { profile: 'kp628' } },
    { id: 'a4-printer-1', family: 'a4-printer', transport: sim, options: {} },
    { id: 'scanner-1', family: 'scanner', transport: sim, options: {} },
    { id: 'camera-1', family: 'document-camera', transport: sim, options: {} },
    { id: 'locker-1', family: 'locker-board', transport: sim, options: { cabinet: { doorsPerBoard: 16 } } },
  ];
}
