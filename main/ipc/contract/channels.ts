// Channel map: every renderer → main call and main → renderer event, with its schemas.
// Names: `area:verb` for calls, `area:noun` for events (house style 5.5-8).
import { z } from 'zod';
import { DeviceStatusDto, type Failure, type Result } from './index';

export const AppInfo = z.object({
  version: z.string(),
  kioskId: z.string(),
  mode: z.enum(['electron', 'chromium']),
});
export type AppInfo = z.infer<typeof AppInfo>;

export const invoke = {
  'app:info': { input: z.object({}).strict(), output: AppInfo },
  'devices:list': { input: z.object({}).strict(), output: z.array(DeviceStatusDto) },
} as const;

export const events = {
  'devices:status': DeviceStatusDto,
} as const;

/** Sent by the page once it can receive events; main queues events until then. */
export const RENDERER_READY = 'app:rendererReady';

export type InvokeChannel = keyof typeof invoke;
export type EventChannel = keyof typeof events;
export type In<C extends InvokeChannel> = z.infer<(typeof invoke)[C]['input']>;
export type Out<C extends InvokeChannel> = z.infer<(typeof invoke)[C]['output']>;
export type EventPayload<C extends EventChannel> = z.infer<(typeof events)[C]>;

/** The API the preload exposes as `window.kiosk`. No generic pass-through: one method per channel. */
export interface KioskApi {
  app: { info(): Promise<Result<AppInfo>>; ready(): void };
  devices: {
    list(): Promise<Result<Out<'devices:list'>>>;
    onStatus(listener: (s: EventPayload<'devices:status'>) => void): () => void;
  };
}

export const fail = (code: Failure['code'], message: string): { ok: false; error: Failure } => ({
  ok: false,
  error: { code, message },
});
