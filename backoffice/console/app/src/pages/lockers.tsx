import { useState } from 'react';
import { getJson, postJson, type Role } from '../api';
import { errorText, formatTime } from '../labels';
import { CAN } from '../roles';
import { useLoad } from '../use-load';

export interface DoorContent {
  kioskId: string;
  cabinetId: string;
  board: number;
  door: number;
  content: 'deposit' | 'result';
  id: string;
  filingId: string;
  trackingNumber: string;
  state: 'deposited' | 'waiting' | 'opened';
  since: string;
  expiresAt?: string;
  expired: boolean;
}

export const DOOR_STATE: Record<DoorContent['state'], string> = {
  deposited: '申请人存入材料 Papers deposited',
  waiting: '结果待取 Result waiting',
  opened: '已开门待关 Door released',
};

export const doorName = (d: Pick<DoorContent, 'cabinetId' | 'board' | 'door'>) =>
  `${d.cabinetId}-${d.board}-${d.door}`;

/** Staff take what is in a door out: papers into the desk, an uncollected result back. */
export async function emptyDoor(d: DoorContent, reason: string): Promise<void> {
  if (d.content === 'deposit') {
    await postJson(`/staff/lockers/deposits/${encodeURIComponent(d.id)}/retrieved`);
  } else {
    await postJson(`/staff/lockers/pickups/${encodeURIComponent(d.id)}/withdrawn`, { reason });
  }
}

/** Every occupied door of every kiosk: what is in it, since when, and whether a pickup has expired. */
export function LockersPage({ role }: { role: Role }) {
  const [kioskId, setKioskId] = useState('');
  const [error, setError] = useState('');
  const {
    data,
    error: loadError,
    reload,
  } = useLoad(() => {
    const q = kioskId.trim() ? `?kioskId=${encodeURIComponent(kioskId.trim())}` : '';
    return getJson<{ doors: DoorContent[] }>(`/lockers/doors${q}`);
  }, [kioskId]);
  const expired = data?.doors.filter((d) => d.expired).length ?? 0;

  const take = async (d: DoorContent) => {
    const what = d.content === 'deposit' ? '确认已取出申请材料？' : '确认已从柜门取回结果？取件码将作废。';
    if (!window.confirm(`${doorName(d)}：${what}`)) return;
    setError('');
    try {
      await emptyDoor(d, d.expired ? '超期未取，取回窗口' : '工作人员取回');
      reload();
    } catch (err) {
      setError(errorText(err));
    }
  };

  return (
    <section>
      <h2>
        智能柜 <small>Lockers</small>
      </h2>
      <div className="toolbar">
        <label>
          终端 Kiosk
          <input value={kioskId} onChange={(e) => setKioskId(e.target.value)} placeholder="全部 All" />
        </label>
        <button type="button" onClick={reload}>
          刷新 Refresh
        </button>
        <span>
          占用 {data?.doors.length ?? 0} 格，超期 <strong>{expired}</strong> 格
        </span>
      </div>
      {(error || loadError) && (
        <p className="notice error" role="alert">
          {error || loadError}
        </p>
      )}
      <table className="grid" data-testid="lockers">
        <thead>
          <tr>
            <th>终端 Kiosk</th>
            <th>柜门 Door</th>
            <th>内容 Content</th>
            <th>受理编号 Tracking no.</th>
            <th>存入 Since</th>
            <th>有效期 Expires</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {data?.doors.map((d) => (
            <tr key={d.id} className={d.expired ? 'fault' : ''} data-testid={`door-${doorName(d)}`}>
              <td>{d.kioskId}</td>
              <td className="mono">{doorName(d)}</td>
              <td>{DOOR_STATE[d.state]}</td>
              <td>
                {CAN.handle(role) ? (
                  <a href={`#/filings/${encodeURIComponent(d.filingId)}`}>{d.trackingNumber}</a>
                ) : (
                  d.trackingNumber
                )}
              </td>
              <td>{formatTime(d.since)}</td>
              <td>
                {d.expiresAt ? formatTime(d.expiresAt) : '—'}
                {d.expired && <strong> 已超期 Expired</strong>}
              </td>
              <td>
                {CAN.handle(role) && (
                  <button type="button" onClick={() => void take(d)}>
                    {d.content === 'deposit' ? '已取出 Retrieved' : '取回 Withdraw'}
                  </button>
                )}
              </td>
            </tr>
          ))}
          {data && data.doors.length === 0 && (
            <tr>
              <td colSpan={7} className="muted">
                柜门全部空闲 All doors empty
              </td>
            </tr>
          )}
        </tbody>
      </table>
    </section>
  );
}
