// Channel map: every renderer → main call and main → renderer event, with its schemas.
// Names: `area:verb` for calls, `area:noun` for events (house style 5.5-8).
import { z } from 'zod';
import { DeviceStatusDto, type Failure } from './index';
import { FilingStatusDto, FilingStatusInput, SubmitFilingInput } from './filings';
import { diagnosticsChannels } from './diagnostics';
import { flowChannels } from './flow';

export const AppInfo = z.object({
  version: z.string(),
  kioskId: z.string(),
  mode: z.enum(['electron', 'chromium']),
});
export type AppInfo = z.infer<typeof AppInfo>;

export const invoke = {
  'app:info': { input: z.object({}).strict(), output: AppInfo },
  'devices:list': { input: z.object({}).strict(), output: z.array(DeviceStatusDto) },
  /** Answers once the filing and all its materials are durable on the kiosk, never before. */
  'filings:submit': { input: SubmitFilingInput, output: FilingStatusDto },
  /** null: no filing with that localId was ever made durable (submit it again). */
  'filings:status': { input: FilingStatusInput, output: FilingStatusDto.nullable() },
  /** The citizen's session: catalogue, start, send, back, cancel, extend, capture. */
  ...flowChannels.invoke,
  /** The technician's diagnostics mode (main/diagnostics): entry, devices, self-tests, config, logs, bundle. */
  ...diagnosticsChannels.invoke,
} as const;

export const events = {
  'devices:status': DeviceStatusDto,
  /** Every move of a filing in the outbox: pending → sending → delivered | rejected. */
  'filings:state': FilingStatusDto,
  /** `flow:view` after every change of the screen; `session:ended` with the reason. */
  ...flowChannels.events,
  /** `diag:mode` (vendor-mode state, 暂停服务), `diag:selfTest`, `diag:operator`, `diag:health`. */
  ...diagnosticsChannels.events,
} as const;

/** Sent by the page once it can receive events; main queues events until then. */
export const RENDERER_READY = 'app:rendererReady';

export type InvokeChannel = keyof typeof invoke;
export type EventChannel = keyof typeof events;
export type In<C extends InvokeChannel> = z.infer<(typeof invoke)[C]['input']>;
export type Out<C extends InvokeChannel> = z.infer<(typeof invoke)[C]['output']>;
export type EventPayload<C extends EventChannel> = z.infer<(typeof events)[C]>;

export const fail = (code: Failure['code'], message: string): { ok: false; error: Failure } => ({
  ok: false,
  error: { code, message },
});

export { buildKioskApi, eventMethod, type KioskApi, type KioskTransport } from './api';
