import { useEffect, useState } from 'react';
import { getJson, postJson } from '../api';
import { errorText, formatTime } from '../labels';
import { useLoad } from '../use-load';

interface Ticket {
  ticketId: string;
  label: string;
  theme: string;
  themeNameZh: string;
  state: 'waiting' | 'called' | 'served' | 'noShow';
  priority: boolean;
  counter?: string;
  calledAt?: string;
  recalls: number;
  byIdCard: boolean;
}

interface Board {
  site: string | null;
  sites: string[];
  day: string;
  themes: {
    themeId: string;
    prefix: string;
    nameZh: string;
    nameEn: string;
    waiting: number;
    next: string[];
  }[];
  called: Ticket[];
}

const REFRESH_MS = 5_000;
const COUNTER_KEY = 'yizhan.console.counter';

interface CounterSetup {
  site: string;
  counter: string;
  themes: string[];
}

function loadSetup(): CounterSetup {
  try {
    const raw = localStorage.getItem(COUNTER_KEY);
    if (raw) return JSON.parse(raw) as CounterSetup;
  } catch {
    // A damaged entry: start over.
  }
  return { site: '', counter: '', themes: [] };
}

/** 叫号: a counter calls the next number of the themes it serves; the board shows every queue. */
export function CallingPage() {
  const [setup, setSetup] = useState<CounterSetup>(loadSetup);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const {
    data,
    error: loadError,
    reload,
  } = useLoad(
    () => getJson<Board>(`/staff/queue${setup.site ? `?site=${encodeURIComponent(setup.site)}` : ''}`),
    [setup.site],
  );
  useEffect(() => {
    const t = setInterval(reload, REFRESH_MS);
    return () => clearInterval(t);
  }, [reload]);
  useEffect(() => localStorage.setItem(COUNTER_KEY, JSON.stringify(setup)), [setup]);

  const site = setup.site || data?.site || '';
  const counter = setup.counter.trim();
  const mine = data?.called.find((t) => t.counter === counter);
  const ready = Boolean(site && counter && setup.themes.length > 0);

  const act = async (f: () => Promise<unknown>) => {
    setBusy(true);
    setError('');
    try {
      await f();
      reload();
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };
  const callNext = () => act(() => postJson('/staff/queue/call', { site, counter, themes: setup.themes }));
  const ticketAction = (t: Ticket, path: string, body: object = {}) =>
    act(() => postJson(`/staff/queue/tickets/${encodeURIComponent(t.ticketId)}/${path}`, body));
  const toggleTheme = (id: string) =>
    setSetup((s) => ({
      ...s,
      themes: s.themes.includes(id) ? s.themes.filter((x) => x !== id) : [...s.themes, id],
    }));

  return (
    <section>
      <h2>
        叫号 <small>Calling · {data?.day ?? ''}</small>
      </h2>
      <div className="toolbar">
        <label>
          服务点 Site
          <select
            aria-label="服务点 Site"
            value={site}
            onChange={(e) => setSetup((s) => ({ ...s, site: e.target.value }))}
          >
            {(data?.sites ?? []).map((x) => (
              <option key={x} value={x}>
                {x}
              </option>
            ))}
          </select>
        </label>
        <label>
          本窗口 Counter
          <input
            value={setup.counter}
            placeholder="如 3号窗口"
            onChange={(e) => setSetup((s) => ({ ...s, counter: e.target.value }))}
          />
        </label>
        <fieldset className="themes">
          <legend>本窗口办理 Themes served</legend>
          {data?.themes.map((t) => (
            <label key={t.themeId} className="check">
              <input
                type="checkbox"
                checked={setup.themes.includes(t.themeId)}
                onChange={() => toggleTheme(t.themeId)}
              />
              {t.prefix} {t.nameZh}
            </label>
          ))}
        </fieldset>
      </div>
      {(error || loadError) && (
        <p className="notice error" role="alert">
          {error || loadError}
        </p>
      )}
      <div className="columns">
        <div className="card now-serving" data-testid="now-serving">
          <h3>当前叫号 Now serving{counter ? ` · ${counter}` : ''}</h3>
          {mine ? (
            <>
              <p className="ticket-label" data-testid="called-label">
                {mine.label}
              </p>
              <p>
                {mine.themeNameZh}
                {mine.priority && <span className="badge status-approved">预约 Appointment</span>}{' '}
                {mine.byIdCard ? '· 已刷身份证' : '· 匿名取号'} · 叫号于 {formatTime(mine.calledAt)}
                {mine.recalls > 0 ? ` · 已重呼 ${mine.recalls} 次` : ''}
              </p>
              <div className="actions">
                <button type="button" disabled={busy} onClick={() => void ticketAction(mine, 'recall')}>
                  重呼 Recall
                </button>
                <button
                  type="button"
                  disabled={busy}
                  onClick={() => void ticketAction(mine, 'close', { outcome: 'served' })}
                >
                  办结 Served
                </button>
                <button
                  type="button"
                  className="danger"
                  disabled={busy}
                  onClick={() => void ticketAction(mine, 'close', { outcome: 'noShow' })}
                >
                  过号 No-show
                </button>
              </div>
            </>
          ) : (
            <p className="muted">本窗口暂无叫号 Nobody called at this counter</p>
          )}
          <button
            type="button"
            className="primary call"
            disabled={busy || !ready}
            onClick={() => void callNext()}
          >
            叫下一位 Call next
          </button>
          {!ready && (
            <p className="muted">
              请填写窗口名称并勾选本窗口办理的主题 / Name the counter and tick its themes
            </p>
          )}
        </div>
        <div className="card">
          <h3>各队列 Queues</h3>
          <table className="grid" data-testid="queues">
            <thead>
              <tr>
                <th>主题 Theme</th>
                <th>等候 Waiting</th>
                <th>下一位 Next</th>
              </tr>
            </thead>
            <tbody>
              {data?.themes.map((t) => (
                <tr key={t.themeId} data-testid={`queue-${t.themeId}`}>
                  <td>
                    {t.prefix} {t.nameZh}
                  </td>
                  <td>{t.waiting}</td>
                  <td className="mono">{t.next.join(' ') || '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <h3>各窗口 Counters</h3>
          <table className="grid">
            <tbody>
              {data?.called.map((t) => (
                <tr key={t.ticketId}>
                  <td>{t.counter}</td>
                  <td className="mono">{t.label}</td>
                  <td>{t.themeNameZh}</td>
                  <td>{formatTime(t.calledAt)}</td>
                </tr>
              ))}
              {data && data.called.length === 0 && (
                <tr>
                  <td className="muted">暂无窗口叫号 No counter has called yet</td>
                </tr>
              )}
            </tbody>
          </table>
        </div>
      </div>
    </section>
  );
}
