// The technician's page: follows the host's vendor-mode state (PIN, lockout, waiting for the
// citizen, active) and, once in, the sections of the mode; leaving hands the terminal back to the
// public. While a technician works from `yizhan diag` instead, this screen shows 暂停服务.
import { useState, type ReactNode } from 'react';
import { ActionButton, ScreenFrame } from '../ui/components';
import { useUi } from '../ui/settings';
import { useDiagMode, type DiagApi } from './api';
import { BundleScreen } from './bundle-screen';
import { ConfigScreen } from './config-screen';
import { DevicesScreen } from './devices-screen';
import { LockedScreen, PinScreen, StartScreen, WaitingScreen } from './entry-screens';
import { HealthScreen } from './health-screen';
import { LogsScreen } from './logs-screen';
import { OutOfService } from './out-of-service';
import { SuppliesScreen } from './supplies-screen';
import { TraceScreen } from './trace-screen';
import './diagnostics.css';

export const SECTIONS = ['devices', 'health', 'supplies', 'config', 'logs', 'trace', 'bundle'] as const;
export type Section = (typeof SECTIONS)[number];

const SCREENS: Record<Section, (p: { api: DiagApi }) => ReactNode> = {
  devices: DevicesScreen,
  health: HealthScreen,
  supplies: SuppliesScreen,
  config: ConfigScreen,
  logs: LogsScreen,
  trace: TraceScreen,
  bundle: BundleScreen,
};

export function DiagnosticsApp({
  api,
  initialSection = 'devices',
  onLeave,
}: {
  api: DiagApi;
  initialSection?: Section;
  /** After the technician leaves (the page goes back to the citizen's screen). */
  onLeave?: () => void;
}) {
  const [mode, setMode] = useDiagMode(api);
  if (!mode) return <ScreenFrame>{null}</ScreenFrame>;
  switch (mode.phase) {
    case 'off':
      return <StartScreen api={api} />;
    case 'pin':
      return <PinScreen api={api} mode={mode} />;
    case 'locked':
      return <LockedScreen api={api} until={mode.until} />;
    case 'waiting':
      return mode.console === 'screen' ? <WaitingScreen api={api} mode={mode} /> : <OutOfService />;
    case 'active':
      if (mode.console !== 'screen') return <OutOfService />;
      return (
        <ActiveMode
          api={api}
          technician={mode.technician.name}
          initialSection={initialSection}
          onLeave={async () => {
            const r = await api.exit();
            if (r.ok) setMode(r.value);
            onLeave?.();
          }}
        />
      );
  }
}

function ActiveMode({
  api,
  technician,
  initialSection,
  onLeave,
}: {
  api: DiagApi;
  technician: string;
  initialSection: Section;
  onLeave: () => Promise<void>;
}) {
  const { t } = useUi();
  const [section, setSection] = useState<Section>(initialSection);
  const Screen = SCREENS[section];
  return (
    <ScreenFrame
      header={
        <header className="diag-header">
          <p className="ui-title">{t('diag.title')}</p>
          <p className="ui-muted" data-testid="diag-technician">
            {t({ key: 'diag.active.who', params: { name: technician } })}
          </p>
          <nav className="diag-nav" aria-label={t('diag.title')}>
            {SECTIONS.map((s) => (
              <button
                key={s}
                type="button"
                className="diag-tab"
                aria-current={s === section ? 'page' : undefined}
                onClick={() => setSection(s)}
                data-testid={`nav-${s}`}
              >
                {t(`diag.nav.${s}`)}
              </button>
            ))}
          </nav>
        </header>
      }
      actions={
        <ActionButton
          variant="secondary"
          label="diag.leave"
          onPress={() => void onLeave()}
          testId="diag-leave"
        />
      }
    >
      <Screen api={api} />
    </ScreenFrame>
  );
}
