// Test-only page (renderer/screens-harness.html): the kiosk shell on a fake host that answers with
// fixed views (fixtures.ts), so every screen can be screenshotted, checked with axe and tapped
// deterministically. `?screen=<name>&mode=&locale=&orientation=`; what the page sends is kept in
// `window.__sent`; `window.__harness.view(v)` / `.ended()` play the host's events. `&diag=oos` puts
// the terminal in a technician's hands (the page shows 暂停服务 over everything).
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import type { Result } from '../../../../main/ipc/contract';
import type { FlowView, SessionEnded } from '../../../../main/ipc/contract/flow';
import type { Locale } from '../../i18n/messages';
import type { Orientation, UiMode } from '../../ui/tokens';
import { fakeDiagApi } from '../../diagnostics/harness/fake-api';
import { VoicePlayer } from '../../voice/voice-player';
import type { KioskHost } from '../host';
import { Kiosk } from '../kiosk';
import { CATALOGUE, HARNESS_NOW, SCREENS, type ScreenName } from './fixtures';

declare global {
  interface Window {
    __sent: Array<{ call: string; input?: unknown }>;
    __harness: { view(v: FlowView): void; ended(e?: SessionEnded): void };
  }
}

const q = new URLSearchParams(location.search);
const name = (q.get('screen') ?? 'attract') as ScreenName;
let current: FlowView = SCREENS[name];
const viewListeners = new Set<(v: FlowView) => void>();
const endedListeners = new Set<(e: SessionEnded) => void>();
window.__sent = [];

const answer = (call: string, input?: unknown): Promise<Result<FlowView>> => {
  window.__sent.push(input === undefined ? { call } : { call, input });
  return Promise.resolve({ ok: true, value: current });
};

const host: KioskHost = {
  catalogue: () => Promise.resolve({ ok: true, value: CATALOGUE }),
  start: () => answer('start'),
  send: (input) => answer('send', input),
  back: () => answer('back'),
  cancel: () => answer('cancel'),
  extend: () => answer('extend'),
  capture: (input) => answer('capture', { material: input.material, pages: input.pages.length }),
  onView: (l) => (viewListeners.add(l), () => viewListeners.delete(l)),
  onEnded: (l) => (endedListeners.add(l), () => endedListeners.delete(l)),
  devices: () =>
    Promise.resolve({
      ok: true,
      value: [
        { deviceId: 'idcard-1', family: 'id-card-reader', health: 'online', detail: {}, changedAt: 0 },
        { deviceId: 'printer-1', family: 'escpos-printer', health: 'online', detail: {}, changedAt: 0 },
        { deviceId: 'a4-1', family: 'a4-printer', health: 'offline', detail: {}, changedAt: 0 },
      ],
    }),
  onDeviceStatus: () => () => undefined,
  ready: () => undefined,
  ...(q.get('diag') ? { diag: fakeDiagApi(q.get('diag')!) } : {}),
};

window.__harness = {
  view(v) {
    current = v;
    for (const l of viewListeners) l(v);
  },
  ended(e = { reason: 'timeout', outcome: 'abandoned' }) {
    current = SCREENS.attract;
    for (const l of endedListeners) l(e);
  },
};

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Kiosk
      host={host}
      initialView={current}
      initialCatalogue={CATALOGUE}
      now={() => HARNESS_NOW}
      orientation={(q.get('orientation') as Orientation | null) ?? 'portrait'}
      initialMode={(q.get('mode') as UiMode | null) ?? 'standard'}
      initialLocale={(q.get('locale') as Locale | null) ?? 'zh-CN'}
      voice={new VoicePlayer(() => Promise.resolve({}))}
    />
  </StrictMode>,
);
