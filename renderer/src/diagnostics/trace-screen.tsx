// A device's raw protocol trace: switched on for a limited time (the expiry counts down), each frame
// as hex with its decoded meaning beside it.
import { useState } from 'react';
import { ActionButton } from '../ui/components';
import { useUi } from '../ui/settings';
import { countdown, useLoad, when, type DiagApi } from './api';
import { useNow } from './clock';

const MINUTES = [5, 10, 30] as const;

export function TraceScreen({ api }: { api: DiagApi }) {
  const { t, locale } = useUi();
  const now = useNow();
  const [devices] = useLoad(() => api.devices());
  const [deviceId, setDeviceId] = useState<string>();
  const [minutes, setMinutes] = useState<(typeof MINUTES)[number]>(10);
  const chosen = deviceId ?? devices.value?.[0]?.deviceId;
  const [loaded, reload] = useLoad(
    () =>
      chosen
        ? api.readTrace({ deviceId: chosen, limit: 200 })
        : Promise.resolve({
            ok: false as const,
            error: { code: 'invalidArgument' as const, message: 'no device' },
          }),
    chosen ?? '',
  );
  const trace = loaded.value?.deviceId === chosen ? loaded.value : undefined;
  const on = trace?.state.on === true && (trace.state.until ?? Infinity) > now;
  const switchTo = async (next: boolean) => {
    if (!chosen) return;
    await api.trace({ deviceId: chosen, on: next, minutes });
    reload();
  };
  return (
    <section className="diag-section" aria-labelledby="diag-trace-title">
      <h2 id="diag-trace-title" className="ui-title">
        {t('diag.nav.trace')}
      </h2>
      <div className="diag-row" role="group" aria-label={t('diag.logs.device')}>
        {(devices.value ?? []).map((d) => (
          <button
            key={d.deviceId}
            type="button"
            className="diag-chip"
            aria-pressed={chosen === d.deviceId}
            onClick={() => setDeviceId(d.deviceId)}
            data-testid={`trace-device-${d.deviceId}`}
          >
            {d.deviceId}
          </button>
        ))}
      </div>
      <div className="diag-row">
        {MINUTES.map((m) => (
          <button
            key={m}
            type="button"
            className="diag-chip"
            aria-pressed={minutes === m}
            onClick={() => setMinutes(m)}
            disabled={on}
          >
            {t({ key: 'diag.trace.minutes', params: { n: m } })}
          </button>
        ))}
        <ActionButton
          label={on ? 'diag.trace.off' : 'diag.trace.on'}
          variant={on ? 'secondary' : 'primary'}
          onPress={() => void switchTo(!on)}
          disabled={!chosen}
          testId="trace-toggle"
        />
        <ActionButton variant="quiet" label="diag.refresh" onPress={reload} testId="trace-refresh" />
      </div>
      <p className={`diag-note ${on ? 'is-warn' : ''}`} role="status" data-testid="trace-state">
        {on && trace?.state.until
          ? t({
              key: 'diag.trace.until',
              params: { time: when(locale, trace.state.until), left: countdown(trace.state.until, now) },
            })
          : t('diag.trace.isOff')}
      </p>
      <table className="diag-trace" data-testid="trace-lines">
        <thead>
          <tr>
            <th>{t('diag.trace.time')}</th>
            <th>{t('diag.trace.dir')}</th>
            <th>{t('diag.trace.hex')}</th>
            <th>{t('diag.trace.meaning')}</th>
          </tr>
        </thead>
        <tbody>
          {(trace?.lines ?? []).map((l) => (
            <tr key={l.seq} data-dir={l.dir}>
              <td className="diag-time">{new Date(l.at).toLocaleTimeString(locale, { hour12: false })}</td>
              <td>{t(`diag.trace.${l.dir}`)}</td>
              <td>
                <code>{l.hex}</code>
              </td>
              <td>{l.meaning}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {trace && trace.lines.length === 0 && <p className="ui-muted">{t('diag.trace.empty')}</p>}
    </section>
  );
}
