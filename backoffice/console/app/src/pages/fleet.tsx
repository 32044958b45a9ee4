import { useEffect, useState } from 'react';
import { getJson, putJson, type Role } from '../api';
import { conditionPhrases, familyLabel, type DeviceReport } from '../device-condition';
import { errorText, formatTime, HEALTH_LABELS, PRESENCE_LABELS } from '../labels';
import { useLoad } from '../use-load';

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
  /** The kiosk's last self-check and the services it can offer now (its heartbeat says). */
  health?: {
    checkedAt: string | null;
    verdict: 'ok' | 'degraded' | 'down' | null;
    offered: string[];
    notOffered: { serviceId: string; missing: string[] }[];
  } | null;
}

const VERDICT_LABELS: Record<string, string> = {
  ok: '自检正常 Self-check OK',
  degraded: '部分业务暂停 Degraded',
  down: '暂停服务 Out of service',
};

const SESSION_LABELS: Record<string, string> = {
  idle: '空闲 Idle',
  serving: '服务中 Serving',
  maintenance: '维护中 Maintenance',
};

const REFRESH_MS = 15_000;

export function FleetPage({ role }: { role: Role }) {
  // Which kiosks can (or cannot) offer a service now: the back office filters by the kiosks' health.
  const [service, setService] = useState('');
  const [can, setCan] = useState<'canOffer' | 'cannotOffer'>('cannotOffer');
  const query = service ? `?${can}=${encodeURIComponent(service)}` : '';
  const { data, error, reload } = useLoad(() => getJson<Kiosk[]>(`/staff/kiosks${query}`), [query]);
  // The services kiosks report, kept while a filter narrows the list (state adjusted in render).
  const [known, setKnown] = useState<string[]>([]);
  const reported =
    !service && data
      ? [
          ...new Set(
            data.flatMap((k) => [
              ...(k.health?.offered ?? []),
              ...(k.health?.notOffered.map((n) => n.serviceId) ?? []),
            ]),
          ),
        ].sort()
      : undefined;
  if (reported && reported.join() !== known.join()) setKnown(reported);
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
        <label>
          业务 Service{' '}
          <select value={service} onChange={(e) => setService(e.target.value)} data-testid="fleet-service">
            <option value="">全部终端 All kiosks</option>
            {known.map((id) => (
              <option key={id} value={id}>
                {id}
              </option>
            ))}
          </select>
        </label>
        <select
          value={can}
          onChange={(e) => setCan(e.target.value as typeof can)}
          disabled={!service}
          data-testid="fleet-can"
        >
          <option value="cannotOffer">现在不能办理 cannot offer now</option>
          <option value="canOffer">现在可以办理 can offer now</option>
        </select>
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
              {k.session ? ` · ${SESSION_LABELS[k.session] ?? k.session}` : ''}
            </p>
            {k.health && (
              <p className="muted" data-testid="health">
                {k.health.verdict
                  ? `${VERDICT_LABELS[k.health.verdict]} ${formatTime(k.health.checkedAt)} · `
                  : ''}
                可办 {k.health.offered.length}/{k.health.offered.length + k.health.notOffered.length} 项
                services
                {k.health.notOffered.length > 0 &&
                  `（暂停：${k.health.notOffered.map((n) => `${n.serviceId} 缺 ${n.missing.join('、')}`).join('；')}）`}
              </p>
            )}
            <table className="grid compact devices">
              <thead>
                <tr>
                  <th className="device">设备 Device</th>
                  <th className="health">状态 Health</th>
                  <th>情况 Condition</th>
                </tr>
              </thead>
              <tbody>
                {k.devices.map((d) => (
                  <tr key={d.deviceId} className={d.health === 'online' ? '' : 'fault'}>
                    <td>
                      {familyLabel(d.family)}
                      <br />
                      <small className="mono">{d.deviceId}</small>
                    </td>
                    <td className="health">
                      <span className={`badge health-${d.health}`}>
                        {HEALTH_LABELS[d.health] ?? d.health}
                      </span>
                    </td>
                    <td data-testid={`condition-${d.deviceId}`}>{conditionPhrases(d).join('，') || '—'}</td>
                  </tr>
                ))}
                {k.devices.length === 0 && (
                  <tr>
                    <td colSpan={3} className="muted">
                      未上报设备 No devices reported
                    </td>
                  </tr>
                )}
              </tbody>
            </table>
            {k.faults.length > 0 && (
              <ul className="faults" data-testid="faults">
                {k.faults.map((f) => {
                  const device = k.devices.find((d) => d.deviceId === f.deviceId);
                  const words = device ? conditionPhrases(device) : [];
                  return (
                    <li key={f.deviceId}>
                      ⚠ {familyLabel(f.family)} {f.deviceId}：{HEALTH_LABELS[f.health] ?? f.health}
                      {words.length > 0 ? `（${words.join('，')}）` : ''}
                    </li>
                  );
                })}
              </ul>
            )}
          </article>
        ))}
        {data && data.length === 0 && (
          <p className="muted">
            {service ? '没有符合的终端 No kiosk matches' : '暂无终端 No kiosks registered'}
          </p>
        )}
      </div>
      <ProvidersPanel role={role} />
    </section>
  );
}

interface Providers {
  citizenData: { kind: 'simulated' | 'http' | 'custom'; down?: boolean; baseUrl?: string };
}

const PROVIDER_KIND: Record<string, string> = {
  simulated: '模拟数据（演示、测试） Simulated',
  http: '城市业务系统 City systems (HTTP)',
  custom: '自定义接入 Custom',
};

/** Which citizen-data provider answers kiosks, and the simulated one's down switch (drills, demos). */
function ProvidersPanel({ role }: { role: Role }) {
  const { data, error, reload } = useLoad(() => getJson<Providers>('/staff/providers'), []);
  const [actionError, setActionError] = useState('');
  const p = data?.citizenData;
  const flip = async (down: boolean) => {
    setActionError('');
    try {
      await putJson('/staff/providers/simulation', { down });
      reload();
    } catch (err) {
      setActionError(errorText(err));
    }
  };
  return (
    <div className="card providers" data-testid="providers">
      <h3>外部数据接口 Citizen data (社保、医保、公积金、预约、不动产)</h3>
      {(error || actionError) && <p className="notice error">{error || actionError}</p>}
      {p && (
        <p>
          {PROVIDER_KIND[p.kind] ?? p.kind}
          {p.baseUrl ? <span className="mono"> {p.baseUrl}</span> : null}{' '}
          {p.kind === 'simulated' && (
            <>
              <span className={`badge ${p.down ? 'health-hardwareError' : 'health-online'}`}>
                {p.down ? '已模拟中断 Down' : '可用 Up'}
              </span>{' '}
              {(role === 'technician' || role === 'supervisor') && (
                <button type="button" onClick={() => void flip(!p.down)}>
                  {p.down ? '恢复 Bring up' : '模拟中断 Take down'}
                </button>
              )}
            </>
          )}
        </p>
      )}
    </div>
  );
}
