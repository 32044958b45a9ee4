// The page's API, generated from the channel map: `area:verb` calls become `kiosk.area.verb(input)`,
// `area:noun` events become `kiosk.area.onNoun(listener)`. A channel is added in one place (the map
// in channels.ts); the preload (Electron IPC) and the Chromium bridge only supply the transport.
import type { Result } from './index';
import {
  events,
  invoke,
  type EventChannel,
  type EventPayload,
  type In,
  type InvokeChannel,
  type Out,
} from './channels';

type AreaOf<C extends string> = C extends `${infer A}:${string}` ? A : never;
type NameOf<C extends string> = C extends `${string}:${infer N}` ? N : never;
/** Calls whose input has no required field may be made without one. */
type Call<C extends InvokeChannel> =
  Record<never, never> extends In<C>
    ? (input?: In<C>) => Promise<Result<Out<C>>>
    : (input: In<C>) => Promise<Result<Out<C>>>;
type Subscribe<C extends EventChannel> = (listener: (payload: EventPayload<C>) => void) => () => void;

type AreaApi<A extends string> = {
  [C in InvokeChannel as AreaOf<C> extends A ? NameOf<C> : never]: Call<C>;
} & {
  [C in EventChannel as AreaOf<C> extends A ? `on${Capitalize<NameOf<C>>}` : never]: Subscribe<C>;
};

/** The API the preload exposes as `window.kiosk`. No generic pass-through: one method per channel. */
export type KioskApi = { [A in AreaOf<InvokeChannel> | AreaOf<EventChannel>]: AreaApi<A> } & {
  /** Sent once the page can receive events; the shell queues events until then. */
  ready(): void;
};

/** How a shell carries calls and events; everything else about the API follows from the map. */
export interface KioskTransport {
  invoke(channel: InvokeChannel, input: object): Promise<Result<unknown>>;
  subscribe(channel: EventChannel, listener: (payload: unknown) => void): () => void;
  ready(): void;
}

const split = (channel: string): [string, string] => {
  const [area = '', name = ''] = channel.split(':');
  return [area, name];
};

/** The method name of an event channel: `filings:state` → `onState`. */
export const eventMethod = (channel: EventChannel): string => {
  const name = split(channel)[1];
  return `on${name.charAt(0).toUpperCase()}${name.slice(1)}`;
};

export function buildKioskApi(transport: KioskTransport): KioskApi {
  const api: Record<string, Record<string, unknown>> = {};
  const area = (a: string) => (api[a] ??= {});
  for (const channel of Object.keys(invoke) as InvokeChannel[]) {
    const [a, name] = split(channel);
    area(a)[name] = (input?: object) => transport.invoke(channel, input ?? {});
  }
  for (const channel of Object.keys(events) as EventChannel[])
    area(split(channel)[0])[eventMethod(channel)] = (listener: (p: unknown) => void) =>
      transport.subscribe(channel, listener);
  return Object.assign(api, { ready: () => transport.ready() }) as unknown as KioskApi;
}
