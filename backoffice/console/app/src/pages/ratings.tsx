import { useState, type FormEvent } from 'react';
import { getBlobUrl, getJson, postJson } from '../api';
import { errorText, formatTime, serviceName } from '../labels';
import { useLoad } from '../use-load';

interface RatingItem {
  filingId: string;
  trackingNumber: string;
  serviceId: string;
  kioskId: string;
  channel: string;
  level: number;
  levelName: string;
  options: { code: string; label: string }[];
  comment?: string;
  ratedAt: string;
  badRating: boolean;
  callback?: { state: 'pending' | 'done'; at?: string; by?: string; reached?: boolean; note?: string };
  forwarding: {
    state: 'pending' | 'sent' | 'rejected';
    attempts: number;
    error?: string;
    reference?: string;
  };
}

const CHANNELS: Record<string, string> = { selfServiceTerminal: '自助终端' };
const FORWARDING: Record<RatingItem['forwarding']['state'], string> = {
  pending: '待推送',
  sent: '已推送',
  rejected: '被拒收',
};

function range(from: string, to: string): URLSearchParams {
  const q = new URLSearchParams();
  if (from) q.set('from', new Date(`${from}T00:00:00`).toISOString());
  if (to) q.set('to', new Date(`${to}T23:59:59.999`).toISOString());
  return q;
}

/** 好差评: every rating, 差评 first awaiting their call-back (回访), forwarding to the province shown. */
export function RatingsPage() {
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [onlyPending, setOnlyPending] = useState(false);
  const [exportError, setExportError] = useState('');
  const { data, error, reload } = useLoad(
    () => getJson<{ items: RatingItem[] }>(`/staff/ratings?${range(from, to).toString()}`),
    [from, to],
  );
  const pending = data?.items.filter((r) => r.callback?.state === 'pending').length ?? 0;
  const items = (data?.items ?? []).filter((r) => !onlyPending || r.callback?.state === 'pending');

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
        <label className="check">
          <input type="checkbox" checked={onlyPending} onChange={(e) => setOnlyPending(e.target.checked)} />
          只看待回访 Only awaiting call-back
        </label>
        <button type="button" onClick={() => void exportCsv()}>
          导出CSV Export CSV
        </button>
        <span>
          差评待回访 <strong data-testid="pending-callbacks">{pending}</strong> 件
        </span>
      </div>
      {(error || exportError) && <p className="notice error">{error || exportError}</p>}
      <table className="grid ratings" data-testid="ratings">
        <thead>
          <tr>
            <th>时间 Time</th>
            <th>办件编号 Tracking no.</th>
            <th>事项 Service</th>
            <th>终端 · 渠道</th>
            <th>评价 Level</th>
            <th>选项与意见 Options, comment</th>
            <th>回访 Call-back</th>
            <th>推送 Forwarded</th>
          </tr>
        </thead>
        <tbody>
          {items.map((r) => (
            <tr
              key={r.filingId}
              className={r.badRating ? 'fault' : ''}
              data-testid={`rating-${r.trackingNumber}`}
            >
              <td>{formatTime(r.ratedAt)}</td>
              <td className="mono">
                <a href={`#/filings/${encodeURIComponent(r.filingId)}`}>{r.trackingNumber}</a>
              </td>
              <td>{serviceName(r.serviceId)}</td>
              <td>
                {r.kioskId}
                <br />
                <small>{CHANNELS[r.channel] ?? r.channel}</small>
              </td>
              <td className="nowrap">
                <span aria-hidden="true">
                  {'★'.repeat(r.level)}
                  {'☆'.repeat(5 - r.level)}
                </span>{' '}
                {r.levelName}
                {r.badRating && <span className="badge health-hardwareError">差评</span>}
              </td>
              <td>
                {r.options.map((o) => o.label).join('、')}
                {r.comment && (
                  <>
                    {r.options.length > 0 && <br />}“{r.comment}”
                  </>
                )}
              </td>
              <td>
                <Callback item={r} onDone={reload} />
              </td>
              <td>
                {FORWARDING[r.forwarding.state]}
                {r.forwarding.state !== 'sent' && r.forwarding.attempts > 0 && (
                  <small title={r.forwarding.error}>（已试 {r.forwarding.attempts} 次）</small>
                )}
              </td>
            </tr>
          ))}
          {data && items.length === 0 && (
            <tr>
              <td colSpan={8} className="muted">
                暂无评价 No ratings
              </td>
            </tr>
          )}
        </tbody>
      </table>
    </section>
  );
}

/** The 回访 of one 差评: what happened last, and a form to record this call. */
function Callback({ item, onDone }: { item: RatingItem; onDone: () => void }) {
  const [open, setOpen] = useState(false);
  const [reached, setReached] = useState(true);
  const [note, setNote] = useState('');
  const [error, setError] = useState('');
  const cb = item.callback;
  if (!cb) return <span className="muted">—</span>;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError('');
    try {
      await postJson(`/staff/ratings/${encodeURIComponent(item.filingId)}/callback`, {
        reached,
        note: note.trim(),
      });
      setOpen(false);
      setNote('');
      onDone();
    } catch (err) {
      setError(errorText(err));
    }
  };
  return (
    <div className="callback">
      <span className={`badge ${cb.state === 'done' ? 'health-online' : 'health-userError'}`}>
        {cb.state === 'done' ? '已回访' : '待回访'}
      </span>
      {cb.note && (
        <small>
          {' '}
          {cb.reached === false ? '未联系上：' : ''}
          {cb.note}（{formatTime(cb.at)}）
        </small>
      )}
      {cb.state === 'pending' && !open && (
        <button type="button" onClick={() => setOpen(true)}>
          记录回访 Record call
        </button>
      )}
      {open && (
        <form onSubmit={(e) => void submit(e)}>
          <label className="check">
            <input type="checkbox" checked={reached} onChange={(e) => setReached(e.target.checked)} />
            已联系上申请人 Reached
          </label>
          <label>
            回访情况 What was said and done
            <textarea
              value={note}
              onChange={(e) => setNote(e.target.value)}
              required
              maxLength={500}
              rows={2}
            />
          </label>
          <div className="actions">
            <button type="submit" className="primary" disabled={!note.trim()}>
              保存 Save
            </button>
            <button type="button" onClick={() => setOpen(false)}>
              取消 Cancel
            </button>
          </div>
          {error && <p className="notice error">{error}</p>}
        </form>
      )}
    </div>
  );
}
