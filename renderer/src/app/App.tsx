import { useEffect, useState } from 'react';
import { translate, translateOr } from '../i18n/messages';
import { ModeSwitches } from '../ui/components';
import { useUi, useVoicePrompt } from '../ui/settings';
import { IdCardIcon } from './IdCardIcon';
import { useDeviceStatus } from './useDeviceStatus';
import './app.css';

export function App() {
  // Language and elder mode come from the UI root (main.tsx), shared with every component.
  const { locale } = useUi();
  useVoicePrompt('attract.welcome');
  const [now, setNow] = useState(() => new Date());
  const devices = useDeviceStatus();
  const t = (key: string) => translate(locale, key);

  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), 1000);
    return () => clearInterval(timer);
  }, []);

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
    <div className="kiosk">
      <header className="bar">
        <h1>{t('app.title')}</h1>
        <time dateTime={now.toISOString()}>{now.toLocaleString(locale, { hour12: false })}</time>
        <ModeSwitches />
      </header>
      <main className="attract">
        <IdCardIcon />
        <h2>{t('attract.headline')}</h2>
        <p>{t('attract.sub')}</p>
        <p className="muted">{t('attract.other')}</p>
      </main>
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
              {translateOr(locale, `family.${d.family}`, d.family)}: {t(`health.${d.health}`)}
            </li>
          ))}
        </ul>
      </footer>
    </div>
  );
}
