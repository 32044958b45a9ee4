import { useState } from 'react';
import { getBlobUrl, getJson } from '../api';
import { errorText, formatTime, serviceName } from '../labels';
import { useLoad } from '../use-load';

interface RatingItem {
  trackingNumber: string;
  serviceId: string;
  kioskId: string;
  level: number;
  levelName: string;
  comment?: string;
  ratedAt: string;
}

function range(from: string, to: string): URLSearchParams {
  const q = new URLSearchParams();
  if (from) q.set('from', new Date(`${from}T00:00:00`).toISOString());
  if (to) q.set('to', new Date(`${to}T23:59:59.999`).toISOString());
  return q;
}

export function RatingsPage() {
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [exportError, setExportError] = useState('');
  const { data, error } = useLoad(
    () => getJson<{ items: RatingItem[] }>(`/staff/ratings?${range(from, to).toString()}`),
    [from, to],
  );

  const exportCsv = async () => {
    setExportError('');
    try {
      const url = await getBlobUrl(`/staff/ratings/export.csv?${range(from, to).toString()}`);
      const a = document.createElement('a');
      a.href = url;
      a.download = `ratings-${from || 'all'}-${to || 'now'}.csv`;
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (err) {
      setExportError(errorText(err));
    }
  };

  return (
    <section>
      <h2>
        好差评 <small>Ratings</small>
      </h2>
      <div className="toolbar">
        <label>
          起 From
          <input type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
        </label>
        <label>
          止 To
          <input type="date" value={to} onChange={(e) => setTo(e.target.value)} />
        </label>
        <button type="button" onClick={() => void exportCsv()}>
          导出CSV Export CSV
        </button>
      </div>
      {(error || exportError) && <p className="notice error">{error || exportError}</p>}
      <table className="grid" data-testid="ratings">
        <thead>
          <tr>
            <th>时间 Time</th>
            <th>受理编号 Tracking no.</th>
            <th>事项 Service</th>
            <th>终端 Kiosk</th>
            <th>评价 Level</th>
            <th>意见 Comment</th>
          </tr>
        </thead>
        <tbody>
          {data?.items.map((r) => (
            <tr key={r.trackingNumber} className={r.level <= 2 ? 'fault' : ''}>
              <td>{formatTime(r.ratedAt)}</td>
              <td className="mono">{r.trackingNumber}</td>
              <td>{serviceName(r.serviceId)}</td>
              <td>{r.kioskId}</td>
              <td>
                {'★'.repeat(r.level)}
                {'☆'.repeat(5 - r.level)} {r.levelName}
              </td>
              <td>{r.comment ?? ''}</td>
            </tr>
          ))}
          {data && data.items.length === 0 && (
            <tr>
              <td colSpan={6} className="muted">
                暂无评价 No ratings
              </td>
            </tr>
          )}
        </tbody>
      </table>
    </section>
  );
}
