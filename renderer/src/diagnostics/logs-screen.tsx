// The kiosk's structured log (masked in the host) with filters a technician taps: level, device,
// time span; older pages on demand.
import { useState } from 'react';
import type { LogEntry } from '../../../main/ipc/contract';
import { ActionButton } from '../ui/components';
import { useUi } from '../ui/settings';
import { useLoad, when, type DiagApi } from './api';
import { useNow } from './clock';

const LEVELS = ['error', 'warn', 'info', 'debug'] as const;
const SPANS = [15, 60, 1440] as const;

export function LogsScreen({ api }: { api: DiagApi }) {
  const { t, locale } = useUi();
  const now = useNow();
  const [levels, setLevels] = useState<Array<(typeof LEVELS)[number]>>(['error', 'warn', 'info']);
  const [deviceId, setDeviceId] = useState<string>();
  const [span, setSpan] = useState<(typeof SPANS)[number]>(60);
  const [older, setOlder] = useState<{ entries: LogEntry[]; cursor?: string | undefined }>();
  const since = now - span * 60_000;
  const query = { levels, ...(deviceId ? { deviceId } : {}), since, limit: 50 };
  const [devices] = useLoad(() => api.devices());
  const [page] = useLoad(() => api.logs(query), `${levels.join()}|${deviceId}|${span}`);
  const cursor = older ? older.cursor : page.value?.nextCursor;
  const more = async () => {
    if (!cursor) return;
    const r = await api.logs({ ...query, cursor });
    if (r.ok)
      setOlder((o) => ({ entries: [...(o?.entries ?? []), ...r.value.entries], cursor: r.value.nextCursor }));
  };
  const filter =
    <T,>(set: (v: T) => void) =>
    (v: T) => {
      setOlder(undefined);
      set(v);
    };
  const toggle = filter((l: (typeof LEVELS)[number]) =>
    setLevels((ls) => (ls.includes(l) ? ls.filter((x) => x !== l) : [...ls, l])),
  );
  const entries = [...(page.value?.entries ?? []), ...(older?.entries ?? [])];
  return (
    <section className="diag-section" aria-labelledby="diag-logs-title">
      <h2 id="diag-logs-title" className="ui-title">
        {t('diag.nav.logs')}
      </h2>
      <div className="diag-row" role="group" aria-label={t('diag.logs.level')}>
        {LEVELS.map((l) => (
          <button
            key={l}
            type="button"
            className="diag-chip"
            aria-pressed={levels.includes(l)}
            onClick={() => toggle(l)}
            data-testid={`level-${l}`}
          >
            {t(`diag.logs.level.${l}`)}
          </button>
        ))}
        {SPANS.map((s) => (
          <button
            key={s}
            type="button"
            className="diag-chip"
            aria-pressed={span === s}
            onClick={() => filter(setSpan)(s)}
            data-testid={`span-${s}`}
          >
            {t(`diag.logs.span.${s}`)}
          </button>
        ))}
      </div>
      <div className="diag-row" role="group" aria-label={t('diag.logs.device')}>
        <button
          type="button"
          className="diag-chip"
          aria-pressed={deviceId === undefined}
          onClick={() => filter(setDeviceId)(undefined)}
        >
          {t('diag.logs.allDevices')}
        </button>
        {(devices.value ?? []).map((d) => (
          <button
            key={d.deviceId}
            type="button"
            className="diag-chip"
            aria-pressed={deviceId === d.deviceId}
            onClick={() => filter(setDeviceId)(d.deviceId)}
            data-testid={`logs-device-${d.deviceId}`}
          >
            {d.deviceId}
          </button>
        ))}
      </div>
      {page.error && <p className="diag-note is-fail">{t('diag.hostUnreachable')}</p>}
      {entries.length === 0 && !page.busy && <p className="ui-muted">{t('diag.logs.none')}</p>}
      <ol className="diag-log" data-testid="log-entries">
        {entries.map((e) => (
          <li key={e.seq} className={`is-${e.level}`} data-level={e.level}>
            <span className="diag-time">{when(locale, e.at)}</span>
            <span className="diag-level">{t(`diag.logs.level.${e.level}`)}</span>
            <strong>{e.event}</strong>
            {e.deviceId && <span className="ui-muted"> {e.deviceId}</span>}
            <code className="diag-log-fields">{JSON.stringify(e.fields)}</code>
          </li>
        ))}
      </ol>
      {cursor && (
        <ActionButton
          variant="secondary"
          label="diag.logs.older"
          onPress={() => void more()}
          testId="logs-older"
        />
      )}
    </section>
  );
}
