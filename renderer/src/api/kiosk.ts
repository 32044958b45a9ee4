// The single adapter over the host API. Under Electron the preload provides window.kiosk; in the
// Chromium product mode the same contract is reached over the loopback bridge with the start token.
import type { Result } from '../../../main/ipc/contract';
import { buildKioskApi, type KioskApi } from '../../../main/ipc/contract/channels';

declare global {
  interface Window {
    kiosk?: KioskApi;
  }
}

function bridgeApi(token: string): KioskApi {
  let source: EventSource | undefined;
  const events = () => (source ??= new EventSource(`/ipc/events?token=${encodeURIComponent(token)}`));
  return buildKioskApi({
    async invoke(channel, input) {
      try {
        const res = await fetch(`/ipc/${channel}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-kiosk-token': token },
          body: JSON.stringify(input),
        });
        // The bridge answers a Result even on 400/413 (unreadable or oversized body); 403 has no body.
        const body = (await res.json().catch(() => undefined)) as Result<unknown> | undefined;
        if (body && typeof body.ok === 'boolean' && (res.ok || !body.ok)) return body;
        return { ok: false, error: { code: 'forbidden', message: `bridge answered ${res.status}` } };
      } catch {
        return { ok: false, error: { code: 'notConnected', message: 'the kiosk host is not reachable' } };
      }
    },
    subscribe(channel, listener) {
      const handler = (e: MessageEvent<string>) => listener(JSON.parse(e.data));
      events().addEventListener(channel, handler);
      return () => events().removeEventListener(channel, handler);
    },
    ready: () => undefined,
  });
}

export function kioskApi(): KioskApi {
  if (window.kiosk) return window.kiosk;
  const token =
    new URLSearchParams(window.location.search).get('token') ?? sessionStorage.getItem('kioskToken') ?? '';
  sessionStorage.setItem('kioskToken', token);
  return bridgeApi(token);
}
