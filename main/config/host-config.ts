import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { DEFAULT_TIME_ZONE, isTimeZone } from '../../domain/time';
import { ConfigError } from './config-error';
import { DEVICE_ROLES, SITE_PROFILES } from './roles';
import { IDLE_SECONDS, LIMITS } from '../flow/limits';

/**
 * Site and device configuration of one kiosk: the structure. Every object is strict (a misspelt key
 * is an error, not silently ignored); each family's own options are checked by its builder's schema
 * (main/device-host/site-config.ts, which is what loads a file). The back office is embedded unless
 * a URL is configured.
 */
export const TransportConfig = z.discriminatedUnion('kind', [
  /** The family's simulator on the far end of an in-memory link (same bytes as on a cable). */
  z.object({ kind: z.literal('simulated') }).strict(),
  z
    .object({
      kind: z.literal('serial'),
      path: z.string().min(1),
      baudRate: z.number().int().positive().optional(),
    })
    .strict(),
  /** A PC/SC reader through pcscd; `reader` is its name or a part of it, `socket` pcscd's socket. */
  z
    .object({ kind: z.literal('pcsc'), reader: z.string().min(1).optional(), socket: z.string().optional() })
    .strict(),
  /** A USB HID device (HID POS scanner): a hidraw path, or vendor and product id from `lsusb`. */
  z
    .object({
      kind: z.literal('hid'),
      path: z.string().optional(),
      vendorId: z.number().int().min(0).max(0xffff).optional(),
      productId: z.number().int().min(0).max(0xffff).optional(),
    })
    .strict()
    .refine((t) => t.path !== undefined || (t.vendorId !== undefined && t.productId !== undefined), {
      message: 'a hid transport needs a path, or a vendorId and a productId',
    }),
  /** A queue of the OS print spooler (CUPS). */
  z.object({ kind: z.literal('spooler'), queue: z.string().min(1) }).strict(),
  /** A UVC document camera the page opens; `label` picks it among several (a part of its label). */
  z.object({ kind: z.literal('camera'), label: z.string().min(1).optional() }).strict(),
]);
export type TransportConfig = z.infer<typeof TransportConfig>;
export type TransportKind = TransportConfig['kind'];

export const DeviceConfig = z
  .object({
    id: z.string().regex(/^[a-z0-9-]+$/, 'expected lower-case letters, digits and "-"'),
    family: z.string(),
    transport: TransportConfig,
    /** Checked by the family's own schema. */
    options: z.record(z.string(), z.unknown()).default({}),
    /** The roles this device serves; default: every role of its family. */
    roles: z.array(z.enum(DEVICE_ROLES)).optional(),
  })
  .strict();
export type DeviceConfig = z.infer<typeof DeviceConfig>;

export const SiteSettings = z
  .object({
    profile: z.enum(SITE_PROFILES).default('hall'),
    /** Overrides the profile's required roles (main/config/roles.ts). */
    requiredRoles: z.array(z.enum(DEVICE_ROLES)).optional(),
    /** The zone every printed or displayed time is shown in (domain/time); Beijing time unless the site is elsewhere. */
    timeZone: z
      .string()
      .refine(isTimeZone, { message: 'an IANA time zone, e.g. Asia/Shanghai or Asia/Urumqi' })
      .default(DEFAULT_TIME_ZONE),
    /**
     * Seconds without a touch before a session ends (elder mode doubles it); the last 30 s (a third of
     * a shorter limit, at least 20 s) ask "need more time?".
     */
    idleSeconds: z
      .number()
      .int()
      .min(IDLE_SECONDS.min)
      .max(IDLE_SECONDS.max)
      .default(LIMITS.idleMs / 1000),
  })
  .strict();

export const HostConfig = z
  .object({
    kioskId: z.string().default('kiosk-dev-01'),
    version: z.string().default('0.1.0'),
    /** `url` is the back office's origin (e.g. https://bo.example.gov.cn); the client adds /api/v1. */
    backoffice: z
      .object({ url: z.string().url().optional(), credential: z.string().optional() })
      .strict()
      .default({}),
    /** Where the kiosk keeps its outbox and caches; personal data there lives only until delivered. */
    dataDir: z.string().default(path.join(homedir(), '.local', 'share', 'yizhan')),
    /** Until the back office sends its site configuration. */
    heartbeatIntervalMs: z.number().int().min(1000).default(30_000),
    site: SiteSettings.default({
      profile: 'hall',
      timeZone: DEFAULT_TIME_ZONE,
      idleSeconds: LIMITS.idleMs / 1000,
    }),
    devices: z.array(DeviceConfig).default([]),
  })
  .strict();
export type HostConfig = z.infer<typeof HostConfig>;

/** Reads a configuration file as JSON; a missing, unreadable or malformed file is a ConfigError. */
export function readConfigFile(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT'
        ? 'the file does not exist'
        : code === 'EACCES'
          ? 'the file cannot be read (permission denied)'
          : code === 'EISDIR'
            ? 'a JSON file, got a directory'
            : `a readable file (${code ?? String(err)})`;
    throw new ConfigError(file, [{ path: '', expected: why }]);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new ConfigError(file, [
      { path: '', expected: `JSON (${err instanceof Error ? err.message : String(err)})` },
    ]);
  }
}
