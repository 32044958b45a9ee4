// The single adapter over the host API. Under Electron the preload provides window.kiosk; in the
// Chromium product mode the same contract is reached over the loopback bridge with the start token.
import type { Result } from '../../../main/ipc/contract';
import type { EventPayload, KioskApi } from '../../../main/ipc/contract/channels';

declare global {
  interface Window {
    kiosk?: KioskApi;
  }
}

function bridgeApi(token: string): KioskApi {
  const call = async <T>(channel: string, input: object = {}): Promise<Result<T>> => {
    try {
      const res = await fetch(`/ipc/${channel}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-kiosk-token': token },
        body: JSON.stringify(input),
      });
      if (!res.ok)
        return { ok: false, error: { code: 'forbidden', message: `bridge answered ${res.status}` } };
      return (await res.json()) as Result<T>;
    } catch {
      return { ok: false, error: { code: 'notConnected', message: 'the kiosk host is not reachable' } };
    }
  };
  let source: EventSource | undefined;
  const events = () => (source ??= new EventSource(`/ipc/events?token=${encodeURIComponent(token)}`));
  return {
    app: { info: () => call('app:info'), ready: () => undefined },
    devices: {
      list: () => call('devices:list'),
      onStatus(listener) {
        const handler = (e: MessageEvent<string>) =>
          listener(JSON.parse(e.data) as EventPayload<'devices:status'>);
        events().addEventListener('devices:status', handler);
        return () => events().removeEventListener('devices:status', handler);
      },
    },
  };
}

export function kioskApi(): KioskApi {
  if (window.kiosk) return window.kiosk;
  const token =
    new URLSearchParams(window.location.search).get('token') ?? sessionStorage.getItem('kioskToken') ?? '';
  sessionStorage.setItem('kioskToken', token);
  return bridgeApi(token);
}
