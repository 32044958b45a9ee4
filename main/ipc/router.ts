import type { IpcMain, IpcMainEvent, IpcMainInvokeEvent, WebContents } from 'electron';
import type { Logger } from '../../devices/core';
import { events, invoke, RENDERER_READY, type EventChannel, type EventPayload } from './contract/channels';
import { dispatch, type Handlers } from './dispatch';

/**
 * Registers every contract channel on ipcMain: sender check → schema parse → handler → Result.
 * Only frames of our own window at the app origin may call (a navigated-away or injected frame may not).
 */
export function registerIpc(
  ipcMain: Pick<IpcMain, 'handle' | 'on'>,
  handlers: Handlers,
  isTrustedSender: (e: IpcMainInvokeEvent | IpcMainEvent) => boolean,
  log: Logger,
): void {
  for (const channel of Object.keys(invoke)) {
    ipcMain.handle(channel, (event, raw: unknown) => {
      if (!isTrustedSender(event)) {
        log.warn('ipc.forbiddenSender', { channel, url: event.senderFrame?.url ?? 'unknown' });
        return { ok: false, error: { code: 'forbidden', message: 'unexpected sender' } };
      }
      return dispatch(channel, raw, handlers, log);
    });
  }
}

/** Main → renderer events, queued until the page says it is ready (a reload empties the page). */
export class Broadcaster {
  #ready = false;
  readonly #queue: [EventChannel, unknown][] = [];

  constructor(
    private readonly target: () => WebContents | undefined,
    ipcMain: Pick<IpcMain, 'on'>,
  ) {
    ipcMain.on(RENDERER_READY, () => {
      this.#ready = true;
      for (const [c, p] of this.#queue.splice(0)) this.target()?.send(c, p);
    });
  }

  /** Call when the page reloads or crashes: events queue again until it reports ready. */
  reset(): void {
    this.#ready = false;
  }

  send<C extends EventChannel>(channel: C, payload: EventPayload<C>): void {
    const checked = events[channel].parse(payload);
    if (this.#ready) this.target()?.send(channel, checked);
    else {
      this.#queue.push([channel, checked]);
      if (this.#queue.length > 200) this.#queue.shift();
    }
  }
}
