import type { EntryRow, OutboxState } from './store';

/** What the kiosk UI and the technician screen may see about an entry: no personal data. */
export interface OutboxStatus {
  localId: string;
  state: OutboxState;
  serviceId: string;
  filingId?: string;
  trackingNumber?: string;
  qrPayload?: string;
  attempts: number;
  nextAttemptAt?: number;
  lastError?: string;
  rejection?: { code: string; status?: number; reason: string };
  materials?: { total: number; uploaded: number };
  createdAt: number;
  deliveredAt?: number;
  /** Citizen-facing label, Chinese first. */
  label: { zh: string; en: string };
}

const LABELS: Record<OutboxState, { zh: string; en: string }> = {
  pending: { zh: '已提交，正在同步', en: 'Submitted, syncing' },
  sending: { zh: '已提交，正在同步', en: 'Submitted, syncing' },
  delivered: { zh: '已送达', en: 'Delivered' },
  rejected: { zh: '提交未被受理，请联系窗口工作人员', en: 'Not accepted, please ask staff' },
};

export function describeState(row: EntryRow, materials?: { total: number; uploaded: number }): OutboxStatus {
  const receipt = row.receipt ? (JSON.parse(row.receipt) as { qrPayload?: string }) : undefined;
  return {
    localId: row.local_id,
    state: row.state,
    serviceId: row.service_id,
    ...(row.filing_id !== null ? { filingId: row.filing_id } : {}),
    ...(row.tracking_number !== null ? { trackingNumber: row.tracking_number } : {}),
    ...(receipt?.qrPayload !== undefined ? { qrPayload: receipt.qrPayload } : {}),
    attempts: row.attempts,
    ...(row.state === 'pending' || row.state === 'sending' ? { nextAttemptAt: row.next_attempt_at } : {}),
    ...(row.last_error !== null ? { lastError: row.last_error } : {}),
    ...(row.state === 'rejected'
      ? {
          rejection: {
            code: row.reject_code ?? 'unknown',
            ...(row.reject_status !== null ? { status: row.reject_status } : {}),
            reason: row.reject_reason ?? '',
          },
        }
      : {}),
    ...(materials ? { materials } : {}),
    createdAt: row.created_at,
    ...(row.delivered_at !== null ? { deliveredAt: row.delivered_at } : {}),
    label: LABELS[row.state],
  };
}
