import { useEffect } from 'react';
import { getJson } from '../api';
import { formatTime, HEALTH_LABELS, PRESENCE_LABELS } from '../labels';
import { useLoad } from '../use-load';

interface DeviceReport {
  deviceId: string;
  family: string;
  health: string;
  detail: Record<string, unknown>;
  lastError?: { code: string; detail?: string };
}

interface Kiosk {
  kioskId: string;
  name: string;
  site: string;
  presence: 'online' | 'stale' | 'offline';
  lastHeartbeatAt: string | null;
  appVersion?: string | null;
  session?: string | null;
  devices: DeviceReport[];
  faults: { deviceId: string; family: string; health: string; lastError?: string }[];
}

const REFRESH_MS = 15_000;

export function FleetPage() {
  const { data, error, reload } = useLoad(() => getJson<Kiosk[]>('/staff/kiosks'), []);
  useEffect(() => {
    const t = setInterval(reload, REFRESH_MS);
    return () => clearInterval(t);
  }, [reload]);
  const faulty = data?.filter((k) => k.faults.length > 0 || k.presence !== 'online').length ?? 0;

  return (
    <section>
      <h2>
        终端监控 <small>Fleet</small>
      </h2>
      <div className="toolbar">
        <span>
          共 {data?.length ?? 0} 台，需关注 <strong>{faulty}</strong> 台
        </span>
        <button type="button" onClick={reload}>
          刷新 Refresh
        </button>
      </div>
      {error && <p className="notice error">{error}</p>}
      <div className="fleet" data-testid="fleet">
        {data?.map((k) => (
          <article
            key={k.kioskId}
            className={`card kiosk presence-${k.presence}`}
            data-testid={`kiosk-${k.kioskId}`}
          >
            <header>
              <h3>
                {k.name} <small className="mono">{k.kioskId}</small>
              </h3>
              <span className={`badge presence-${k.presence}`}>
                {PRESENCE_LABELS[k.presence] ?? k.presence}
              </span>
            </header>
            <p className="muted">
              {k.site} · 最近心跳 {formatTime(k.lastHeartbeatAt)}
              {k.appVersion ? ` · v${k.appVersion}` : ''}
              {k.session ? ` · ${k.session}` : ''}
            </p>
            <table className="grid compact">
              <thead>
                <tr>
                  <th>设备 Device</th>
                  <th>类别 Family</th>
                  <th>状态 Health</th>
                  <th>详情 Detail</th>
                </tr>
              </thead>
              <tbody>
                {k.devices.map((d) => (
                  <tr key={d.deviceId} className={d.health === 'online' ? '' : 'fault'}>
                    <td>{d.deviceId}</td>
                    <td>{d.family}</td>
                    <td>
                      <span className={`badge health-${d.health}`}>
                        {HEALTH_LABELS[d.health] ?? d.health}
                      </span>
                    </td>
                    <td className="mono small">
                      {d.lastError
                        ? `${d.lastError.code}${d.lastError.detail ? `/${d.lastError.detail}` : ''} `
                        : ''}
                      {Object.keys(d.detail).length > 0 ? JSON.stringify(d.detail) : ''}
                    </td>
                  </tr>
                ))}
                {k.devices.length === 0 && (
                  <tr>
                    <td colSpan={4} className="muted">
                      未上报设备 No devices reported
                    </td>
                  </tr>
                )}
              </tbody>
            </table>
            {k.faults.length > 0 && (
              <ul className="faults" data-testid="faults">
                {k.faults.map((f) => (
                  <li key={f.deviceId}>
                    ⚠ {f.deviceId}（{f.family}）：{HEALTH_LABELS[f.health] ?? f.health}
                    {f.lastError ? ` — ${f.lastError}` : ''}
                  </li>
                ))}
              </ul>
            )}
          </article>
        ))}
        {data && data.length === 0 && <p className="muted">暂无终端 No kiosks registered</p>}
      </div>
    </section>
  );
}
