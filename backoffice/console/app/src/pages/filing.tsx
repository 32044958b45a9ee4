import { useEffect, useState } from 'react';
import { getBlobUrl, getJson, type Role } from '../api';
import { DELIVERY_LABELS, formatTime, HISTORY_LABELS, serviceName, STATUS_LABELS } from '../labels';
import { CAN } from '../roles';
import { useLoad } from '../use-load';
import { DecisionPanel } from './decision-panel';
import { LockerPanel } from './locker-panel';
import type { DoorContent } from './lockers';
import { ResultPanel } from './result-panel';

export interface Material {
  materialId: string;
  name: string;
  kind: string;
  bytes: number;
  sha256: string;
  contentType?: string;
  url?: string;
}

export interface Filing {
  filingId: string;
  trackingNumber: string;
  serviceId: string;
  kioskId: string;
  status: string;
  applicant: { idNumber: string; name: string; phone?: string };
  form: Record<string, unknown>;
  delivery: { method: string; address?: string };
  submittedAt: string;
  updatedAt: string;
  decisionReason?: string;
  missing?: string[];
  materials: Material[];
  resultUrl?: string;
  lockers?: DoorContent[];
  history: { from: string | null; to: string; at: string; actor: string; reason?: string; kind: string }[];
}

export function FilingPage({ filingId, role }: { filingId: string; role: Role }) {
  // Applicants' personal data is for desk staff only; the service refuses it to others as well.
  if (!CAN.handle(role)) {
    return (
      <p className="notice" data-testid="readonly-note">
        当前角色无权查看办件及申请人信息 / Filings are not available for your role
      </p>
    );
  }
  return <FilingDetail filingId={filingId} role={role} />;
}

function FilingDetail({ filingId, role }: { filingId: string; role: Role }) {
  const {
    data: filing,
    error,
    reload,
  } = useLoad(() => getJson<Filing>(`/filings/${encodeURIComponent(filingId)}`), [filingId]);
  if (error) return <p className="notice error">{error}</p>;
  if (!filing) return <p className="muted">加载中… Loading…</p>;

  return (
    <section className="filing">
      <p>
        <a href="#/queue">← 返回队列 Back to queue</a>
      </p>
      <h2>
        {serviceName(filing.serviceId)} <small className="mono">{filing.trackingNumber}</small>{' '}
        <span className={`badge status-${filing.status}`} data-testid="filing-status">
          {STATUS_LABELS[filing.status] ?? filing.status}
        </span>
      </h2>
      <div className="columns">
        <div className="card">
          <h3>申请信息 Application</h3>
          <dl className="kv">
            <dt>申请人 Applicant</dt>
            <dd>{filing.applicant.name}</dd>
            <dt>身份证号 ID number</dt>
            <dd className="mono">{filing.applicant.idNumber}</dd>
            {filing.applicant.phone && (
              <>
                <dt>电话 Phone</dt>
                <dd>{filing.applicant.phone}</dd>
              </>
            )}
            <dt>终端 Kiosk</dt>
            <dd>{filing.kioskId}</dd>
            <dt>取件方式 Delivery</dt>
            <dd>
              {DELIVERY_LABELS[filing.delivery.method] ?? filing.delivery.method}
              {filing.delivery.address ? `：${filing.delivery.address}` : ''}
            </dd>
            <dt>提交时间 Submitted</dt>
            <dd>{formatTime(filing.submittedAt)}</dd>
            {filing.decisionReason && (
              <>
                <dt>意见 Reason</dt>
                <dd>{filing.decisionReason}</dd>
              </>
            )}
            {filing.missing && filing.missing.length > 0 && (
              <>
                <dt>需补正材料 Missing</dt>
                <dd>{filing.missing.join('、')}</dd>
              </>
            )}
          </dl>
          <h3>表单内容 Form data</h3>
          <FormData form={filing.form} />
        </div>
        <div className="card">
          <h3>申请材料 Materials（{filing.materials.length}）</h3>
          <div className="materials">
            {filing.materials.map((m) => (
              <MaterialView key={m.materialId} filingId={filing.filingId} material={m} />
            ))}
            {filing.materials.length === 0 && <p className="muted">无材料 None</p>}
          </div>
        </div>
      </div>
      <div className="columns">
        <DecisionPanel filing={filing} canDecide={CAN.decide(role)} onDone={reload} />
        <ResultPanel filing={filing} onDone={reload} />
        <LockerPanel filing={filing} onDone={reload} />
      </div>
      <div className="card">
        <h3>办理记录 History</h3>
        <table className="grid">
          <thead>
            <tr>
              <th>时间 Time</th>
              <th>事项 What</th>
              <th>操作人 Actor</th>
              <th>说明 Reason</th>
            </tr>
          </thead>
          <tbody>
            {filing.history.map((h, i) => (
              <tr key={i}>
                <td>{formatTime(h.at)}</td>
                <td>
                  {h.kind !== 'status'
                    ? (HISTORY_LABELS[h.kind] ?? h.kind)
                    : `${h.from ? `${STATUS_LABELS[h.from] ?? h.from} → ` : ''}${STATUS_LABELS[h.to] ?? h.to}`}
                </td>
                <td>{h.actor}</td>
                <td>{h.reason ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function FormData({ form }: { form: Record<string, unknown> }) {
  const entries = Object.entries(form);
  if (entries.length === 0) return <p className="muted">无 None</p>;
  return (
    <dl className="kv" data-testid="form-data">
      {entries.map(([k, v]) => (
        <div key={k} className="kv-row">
          <dt>{k}</dt>
          <dd>{formatValue(v)}</dd>
        </div>
      ))}
    </dl>
  );
}

function formatValue(v: unknown): string {
  if (Array.isArray(v)) return v.map(formatValue).join('、');
  if (typeof v === 'boolean') return v ? '是' : '否';
  if (typeof v === 'string' || typeof v === 'number') return String(v);
  return v === null || v === undefined ? '—' : JSON.stringify(v);
}

function isPdf(m: Material): boolean {
  return m.contentType === 'application/pdf' || /\.pdf$/i.test(m.name);
}

/** Images are shown inline, PDFs as a link; both fetched with the staff token. */
function MaterialView({ filingId, material }: { filingId: string; material: Material }) {
  const [url, setUrl] = useState<string>();
  const [failed, setFailed] = useState(false);
  const path =
    material.url ??
    `/filings/${encodeURIComponent(filingId)}/materials/${encodeURIComponent(material.materialId)}`;
  useEffect(() => {
    let objectUrl: string | undefined;
    let live = true;
    getBlobUrl(path).then(
      (u) => {
        objectUrl = u;
        if (live) setUrl(u);
        else URL.revokeObjectURL(u);
      },
      () => live && setFailed(true),
    );
    return () => {
      live = false;
      if (objectUrl) URL.revokeObjectURL(objectUrl);
    };
  }, [path]);
  const caption = `${material.name}（${material.kind}，${Math.ceil(material.bytes / 1024)} KB）`;
  if (failed) {
    return (
      <p className="notice" data-testid="material">
        {caption}：预览不可用 / preview unavailable
        <br />
        <small className="mono">sha256 {material.sha256.slice(0, 16)}…</small>
      </p>
    );
  }
  if (!url) return <p className="muted">{caption} 加载中…</p>;
  if (isPdf(material)) {
    return (
      <p className="material" data-testid="material">
        <a href={url} download={material.name} target="_blank" rel="noreferrer">
          [PDF] {caption}
        </a>
        <br />
        <small className="mono">sha256 {material.sha256.slice(0, 16)}…</small>
      </p>
    );
  }
  return (
    <figure className="material" data-testid="material">
      <img src={url} alt={material.name} />
      <figcaption>{caption}</figcaption>
    </figure>
  );
}
