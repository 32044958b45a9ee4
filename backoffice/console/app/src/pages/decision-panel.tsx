import { useState } from 'react';
import { postJson } from '../api';
import { errorText } from '../labels';
import type { Filing } from './filing';

type Action = 'accept' | 'approve' | 'reject' | 'request-more';

const CONFIRM: Record<Action, string> = {
  accept: '确认受理此办件？',
  approve: '确认批准此办件？',
  reject: '确认不予批准？',
  'request-more': '确认通知申请人补正材料？',
};

export function DecisionPanel({
  filing,
  canDecide,
  onDone,
}: {
  filing: Filing;
  /** Approve/reject rights (supervisor); clerks may still ask for more materials. */
  canDecide: boolean;
  onDone: () => void;
}) {
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  const act = async (action: Action) => {
    setError('');
    const missingList = missing
      .split(/[,，、\n]/)
      .map((s) => s.trim())
      .filter(Boolean);
    if ((action === 'reject' || action === 'request-more') && !reason.trim()) {
      setError('请填写理由 / A reason is required');
      return;
    }
    if (action === 'request-more' && missingList.length === 0) {
      setError('请列出需补正的材料 / List the missing materials');
      return;
    }
    if (!window.confirm(CONFIRM[action])) return;
    setBusy(true);
    try {
      const body =
        action === 'reject'
          ? { reason: reason.trim() }
          : action === 'request-more'
            ? { reason: reason.trim(), missing: missingList }
            : {};
      await postJson(`/staff/filings/${encodeURIComponent(filing.filingId)}/${action}`, body);
      setReason('');
      setMissing('');
      onDone();
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  const canAccept = filing.status === 'submitted';
  const pending = filing.status === 'accepted';
  return (
    <div className="card" data-testid="decision-panel">
      <h3>审批 Decision</h3>
      {!canAccept && !pending && <p className="muted">当前状态无需审批操作 / No decision pending</p>}
      {canAccept && (
        <button type="button" className="primary" disabled={busy} onClick={() => void act('accept')}>
          受理 Accept
        </button>
      )}
      {pending && (
        <>
          {!canDecide && <p className="muted">审批由科长负责 / Approval is the supervisor's</p>}
          <label>
            理由 Reason（驳回、补正必填）
            <textarea value={reason} onChange={(e) => setReason(e.target.value)} rows={2} />
          </label>
          <label>
            需补正材料 Missing（逗号分隔）
            <input value={missing} onChange={(e) => setMissing(e.target.value)} />
          </label>
          <div className="actions">
            {canDecide && (
              <>
                <button type="button" className="primary" disabled={busy} onClick={() => void act('approve')}>
                  批准 Approve
                </button>
                <button type="button" className="danger" disabled={busy} onClick={() => void act('reject')}>
                  不予批准 Reject
                </button>
              </>
            )}
            <button type="button" disabled={busy} onClick={() => void act('request-more')}>
              要求补正 Ask for more
            </button>
          </div>
        </>
      )}
      {error && (
        <p className="notice error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
