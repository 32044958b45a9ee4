// The devices' state on the attract screen, in the citizen's words: which services may be
// unavailable and that a counter can help, each device's condition in words (缺纸, not 离线), never a
// device's internal id.
import { translateOr } from '../i18n/messages';
import { useHost } from '../shell/host-context';
import { useUi } from '../ui/settings';
import { deviceStateKey } from './device-state';
import { useDeviceStatus } from './useDeviceStatus';
import './app.css';

export function DeviceStatus() {
  const { t, locale } = useUi();
  const devices = useDeviceStatus(useHost());
  const sorted = [...(devices ?? [])].sort((a, b) => a.deviceId.localeCompare(b.deviceId));
  const degraded = sorted.some((d) => d.health !== 'online' && d.health !== 'busy');
  const summary =
    devices === null
      ? 'status.hostDown'
      : sorted.length === 0
        ? 'status.none'
        : degraded
          ? 'status.degraded'
          : 'status.allReady';
  return (
    <footer className="status" aria-live="polite">
      <h3>
        {t('status.title')} · <span data-testid="status-summary">{t(summary)}</span>
      </h3>
      <ul>
        {sorted.map((d) => (
          <li
            key={d.deviceId}
            className={`health-${d.health}`}
            data-device={d.deviceId}
            data-health={d.health}
          >
            <span className="dot" aria-hidden="true" />
            {translateOr(locale, `family.${d.family}`, d.family)}: {t(deviceStateKey(d))}
          </li>
        ))}
      </ul>
    </footer>
  );
}
