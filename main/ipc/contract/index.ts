// The IPC contract: the only module shared by main, preload and (types and schemas only) the renderer.
// Pure: zod schemas and types, no side effects at import.
import { z } from 'zod';

// Health and DeviceCondition live in a leaf module: diagnostics.ts needs them and is re-exported
// below, so taking them from this file would be an import cycle (a TDZ error under native ESM).
import { DeviceCondition, Health } from './health';

export { DeviceCondition, Health };

/**
 * Mirrors devices/core DEVICE_ERROR_CODES plus application codes. Filing refusals:
 * `tooLarge`, `contentMismatch` (not a real JPEG/PDF) and `badMaterial` (no name or kind), each
 * with `detail` naming the field at fault (`materials.2`, or `materials` for the total);
 * `notConfigured`: this kiosk has no back office, so it cannot accept a filing.
 */
export const FailureCode = z.enum([
  'timeout',
  'canceled',
  'notConnected',
  'busy',
  'protocol',
  'rejected',
  'hardware',
  'userAction',
  'unsupported',
  'invalidArgument',
  'sequence',
  'noMedia',
  'forbidden',
  'network',
  'internal',
  'tooLarge',
  'contentMismatch',
  'badMaterial',
  'notConfigured',
]);
export type FailureCode = z.infer<typeof FailureCode>;

/**
 * What the renderer receives instead of an exception. `message` is for logs; the screen shows i18n
 * text by code. `detail` refines the code: a device's fault, or for `invalidArgument` the input
 * paths at fault, comma-separated (`applicant.idNumber,materials.0.data`).
 */
export const Failure = z.object({
  code: FailureCode,
  message: z.string(),
  detail: z.string().optional(),
  deviceId: z.string().optional(),
});
export type Failure = z.infer<typeof Failure>;

export type Result<T> = { ok: true; value: T } | { ok: false; error: Failure };

export const DeviceStatusDto = z.object({
  deviceId: z.string(),
  family: z.string(),
  health: Health,
  /** Present for every device the host built; see DeviceCondition. */
  condition: DeviceCondition.optional(),
  detail: z.record(z.string(), z.unknown()),
  changedAt: z.number(),
  lastError: z.object({ code: FailureCode, detail: z.string().optional(), at: z.number() }).optional(),
});
export type DeviceStatusDto = z.infer<typeof DeviceStatusDto>;

export * from './filings';
export * from './flow';
export * from './diagnostics';
