// Messages between the shell (Electron main, or the Chromium-mode server) and the host process
// that owns the devices. Message-shaped from day one so the host can live in a utilityProcess.
import type { Result } from '../ipc/contract';
import type { EventChannel, EventPayload } from '../ipc/contract/channels';

export type HostRequest = { kind: 'request'; id: number; channel: string; input: unknown };
export type HostResponse = { kind: 'response'; id: number; result: Result<unknown> };
/** One member per event channel, so `channel` narrows `payload`. */
export type HostEvent = {
  [C in EventChannel]: { kind: 'event'; channel: C; payload: EventPayload<C> };
}[EventChannel];
export type HostMessage = HostResponse | HostEvent | { kind: 'ready' };

export function isHostRequest(m: unknown): m is HostRequest {
  return (
    typeof m === 'object' &&
    m !== null &&
    (m as HostRequest).kind === 'request' &&
    typeof (m as HostRequest).id === 'number'
  );
}
