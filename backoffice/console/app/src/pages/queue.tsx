import { useState } from 'react';
import { getJson } from '../api';
import { formatTime, SERVICE_LABELS, serviceName, STATUS_LABELS } from '../labels';
import { useLoad } from '../use-load';

export interface FilingSummary {
  filingId: string;
  trackingNumber: string;
  serviceId: string;
  kioskId: string;
  status: string;
  applicantIdNumber: string;
  applicantName: string;
  submittedAt: string;
  updatedAt: string;
}

const PAGE_SIZE = 20;

export function QueuePage() {
  const [status, setStatus] = useState('');
  const [serviceId, setServiceId] = useState('');
  const [search, setSearch] = useState('');
  const [page, setPage] = useState(1);
  const { data, error, reload } = useLoad(() => {
    const q = new URLSearchParams({ page: String(page), pageSize: String(PAGE_SIZE) });
    if (status) q.set('status', status);
    if (serviceId) q.set('serviceId', serviceId);
    // A citizen at the window gives a tracking number or an ID number.
    const term = search.trim().toUpperCase();
    if (/^\d{17}[\dX]$/.test(term)) q.set('idNumber', term);
    else if (term) q.set('trackingNumber', term);
    return getJson<{ items: FilingSummary[]; total: number }>(`/staff/filings?${q.toString()}`);
  }, [status, serviceId, search, page]);
  const pages = data ? Math.max(1, Math.ceil(data.total / PAGE_SIZE)) : 1;

  return (
    <section>
      <h2>
        办件队列 <small>Filing queue</small>
      </h2>
      <div className="toolbar">
        <label>
          状态 Status
          <select
            aria-label="状态筛选"
            value={status}
            onChange={(e) => {
              setStatus(e.target.value);
              setPage(1);
            }}
          >
            <option value="">全部 All</option>
            {Object.entries(STATUS_LABELS).map(([k, v]) => (
              <option key={k} value={k}>
                {v}
              </option>
            ))}
          </select>
        </label>
        <label>
          事项 Service
          <select
            aria-label="事项筛选"
            value={serviceId}
            onChange={(e) => {
              setServiceId(e.target.value);
              setPage(1);
            }}
          >
            <option value="">全部 All</option>
            {Object.entries(SERVICE_LABELS).map(([k, v]) => (
              <option key={k} value={k}>
                {v}
              </option>
            ))}
          </select>
        </label>
        <label>
          办件编号或身份证号 Tracking no. or ID
          <input
            value={search}
            onChange={(e) => {
              setSearch(e.target.value);
              setPage(1);
            }}
            placeholder="YZ… / 18位身份证号"
          />
        </label>
        <button type="button" onClick={reload}>
          刷新 Refresh
        </button>
        <span className="muted">共 {data?.total ?? 0} 件</span>
      </div>
      {error && <p className="notice error">{error}</p>}
      <table className="grid" data-testid="queue">
        <thead>
          <tr>
            <th>受理编号 Tracking no.</th>
            <th>事项 Service</th>
            <th>申请人 Applicant</th>
            <th>证件号 ID</th>
            <th>终端 Kiosk</th>
            <th>状态 Status</th>
            <th>提交时间 Submitted</th>
          </tr>
        </thead>
        <tbody>
          {data?.items.map((f) => (
            <tr key={f.filingId}>
              <td>
                <a href={`#/filings/${encodeURIComponent(f.filingId)}`}>{f.trackingNumber}</a>
              </td>
              <td>{serviceName(f.serviceId)}</td>
              <td>{f.applicantName}</td>
              <td className="mono">{f.applicantIdNumber}</td>
              <td>{f.kioskId}</td>
              <td>
                <span className={`badge status-${f.status}`}>{STATUS_LABELS[f.status] ?? f.status}</span>
              </td>
              <td>{formatTime(f.submittedAt)}</td>
            </tr>
          ))}
          {data && data.items.length === 0 && (
            <tr>
              <td colSpan={7} className="muted">
                暂无办件 No filings
              </td>
            </tr>
          )}
        </tbody>
      </table>
      <div className="pager">
        <button type="button" disabled={page <= 1} onClick={() => setPage(page - 1)}>
          上一页
        </button>
        <span>
          第 {page} / {pages} 页
        </span>
        <button type="button" disabled={page >= pages} onClick={() => setPage(page + 1)}>
          下一页
        </button>
      </div>
    </section>
  );
}
