import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { DEFAULT_TIME_ZONE, isTimeZone } from '../../domain/time';

/**
 * Site and device configuration of one kiosk. Devices are `simulated` unless a site file says
 * otherwise; the back office is embedded unless a URL is configured.
 */
export const DeviceConfig = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  family: z.string(),
  transport: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('simulated') }),
    z.object({
      kind: z.literal('serial'),
      path: z.string(),
      baudRate: z.number().int().positive().optional(),
    }),
    z.object({ kind: z.literal('pcsc'), reader: z.string().optional() }),
    /** A USB HID device (HID POS scanner): a hidraw path, or vendor and product id from `lsusb`. */
    z
      .object({
        kind: z.literal('hid'),
        path: z.string().optional(),
        vendorId: z.number().int().min(0).max(0xffff).optional(),
        productId: z.number().int().min(0).max(0xffff).optional(),
      })
      .refine((t) => t.path !== undefined || (t.vendorId !== undefined && t.productId !== undefined), {
        message: 'a hid transport needs a path, or a vendorId and a productId',
      }),
    z.object({ kind: z.literal('spooler'), queue: z.string() }),
  ]),
  options: z.record(z.string(), z.unknown()).default({}),
});
export type DeviceConfig = z.infer<typeof DeviceConfig>;

export const HostConfig = z.object({
  kioskId: z.string().default('kiosk-dev-01'),
  version: z.string().default('0.1.0'),
  /** `url` is the back office's origin (e.g. https://bo.example.gov.cn); the client adds /api/v1. */
  backoffice: z.object({ url: z.string().url().optional(), credential: z.string().optional() }).default({}),
  /** Where the kiosk keeps its outbox and caches; personal data there lives only until delivered. */
  dataDir: z.string().default(path.join(homedir(), '.local', 'share', 'yizhan')),
  /** The zone every printed or displayed time is shown in (domain/time); Beijing time unless the site is elsewhere. */
  timeZone: z
    .string()
    .refine(isTimeZone, { message: 'not an IANA time zone, e.g. Asia/Shanghai or Asia/Urumqi' })
    .default(DEFAULT_TIME_ZONE),
  /** Until the back office sends its site configuration. */
  heartbeatIntervalMs: z.number().int().min(1000).default(30_000),
  devices: z.array(DeviceConfig).default([]),
});
export type HostConfig = z.infer<typeof HostConfig>;

/** Reads YIZHAN_CONFIG (a JSON file) when set; otherwise the development defaults. Invalid files fail loudly. */
export function loadHostConfig(env: NodeJS.ProcessEnv): HostConfig {
  const file = env.YIZHAN_CONFIG;
  if (!file) return HostConfig.parse({});
  const parsed = HostConfig.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) {
    const where = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`invalid kiosk configuration in ${file}: ${where}`);
  }
  return parsed.data;
}
