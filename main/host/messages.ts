// Messages between the shell (Electron main, or the Chromium-mode server) and the host process
// that owns the devices. Message-shaped from day one so the host can live in a utilityProcess.
import type { Result } from '../ipc/contract';
import type { EventChannel, EventPayload } from '../ipc/contract/channels';

export type HostRequest = { kind: 'request'; id: number; channel: string; input: unknown };
export type HostResponse = { kind: 'response'; id: number; result: Result<unknown> };
export type HostEvent<C extends EventChannel = EventChannel> = {
  kind: 'event';
  channel: C;
  payload: EventPayload<C>;
};
export type HostMessage = HostResponse | HostEvent | { kind: 'ready' };

export function isHostRequest(m: unknown): m is HostRequest {
  return (
    typeof m === 'object' &&
    m !== null &&
    (m as HostRequest).kind === 'request' &&
    typeof (m as HostRequest).id === 'number'
  );
}
