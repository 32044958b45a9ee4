// Device health and condition: a leaf of the contract (index.ts and diagnostics.ts both import it).
import { z } from 'zod';

/** Mirrors devices/core HEALTH_VALUES; the contract cannot import devices/, so a test keeps them equal. */
export const Health = z.enum([
  'online',
  'offline',
  'noDevice',
  'hardwareError',
  'userError',
  'busy',
  'powerOff',
]);
export type Health = z.infer<typeof Health>;

/**
 * What a device can do now, named the way a person says it (缺纸 paper out, 纸将尽 paper low, 开盖
 * cover open …), so no screen has to guess it from `health` (paper out is not "offline"). Closed.
 * `ready`, `busy`, `paperLow`, `tonerLow` and `receiptNotTaken` still serve; every other one stops
 * the device's role until it clears.
 */
export const DeviceCondition = z.enum([
  'ready',
  'busy',
  'paperLow',
  'paperOut',
  'coverOpen',
  'receiptNotTaken',
  'cutterError',
  'printerOffline',
  'tonerLow',
  'tonerOut',
  'paperJam',
  'queueStopped',
  'notConnected',
  'noReader',
  'readerFault',
  'boardNotAnswering',
  'hardwareError',
]);
export type DeviceCondition = z.infer<typeof DeviceCondition>;
