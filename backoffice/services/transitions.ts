import type { Tx } from '../db/types';
import { appendAudit } from '../domain/audit';
import { canTransition, type FilingStatus, type HistoryKind } from '../domain/states';
import { illegalTransition, notFound } from '../errors';

export interface FilingRow {
  filing_id: string;
  tracking_number: string;
  service_id: string;
  kiosk_id: string;
  applicant_id_number: string;
  applicant_id_hash: string;
  applicant_name: string;
  applicant_phone: string | null;
  form: string;
  delivery: string;
  status: FilingStatus;
  submitted_at: number;
  updated_at: number;
  result_blob_id: string | null;
  decision_reason: string | null;
  missing: string | null;
}

/** Reads a filing and serialises every later change of it (across instances) until commit. */
export async function lockFiling(tx: Tx, filingId: string): Promise<FilingRow> {
  await tx.lock(`yizhan.filing.${filingId}`);
  const rows = await tx.query<FilingRow>('SELECT * FROM filings WHERE filing_id = ?', [filingId]);
  if (!rows[0]) throw notFound('filing');
  return rows[0];
}

export async function recordEvent(
  tx: Tx,
  filingId: string,
  from: FilingStatus | null,
  to: FilingStatus,
  at: number,
  actor: string,
  reason?: string,
  kind: HistoryKind = 'status',
): Promise<void> {
  await tx.run(
    'INSERT INTO filing_events (filing_id, from_status, to_status, at, actor, reason, kind) VALUES (?, ?, ?, ?, ?, ?, ?)',
    [filingId, from, to, at, actor, reason ?? null, kind],
  );
}

/** A history entry that is not a status change (the filing stays where it is). */
export function noteEvent(
  tx: Tx,
  filing: Pick<FilingRow, 'filing_id' | 'status'>,
  kind: Exclude<HistoryKind, 'status'>,
  at: number,
  actor: string,
  reason: string,
): Promise<void> {
  return recordEvent(tx, filing.filing_id, filing.status, filing.status, at, actor, reason, kind);
}

/** Moves a locked filing along the state machine, with history and an audit entry. */
export async function transition(
  tx: Tx,
  row: FilingRow,
  to: FilingStatus,
  at: number,
  actor: string,
  extra: { reason?: string; missing?: string[]; resultBlobId?: string } = {},
): Promise<FilingRow> {
  if (!canTransition(row.status, to)) throw illegalTransition(row.status, to);
  const missing = extra.missing ? JSON.stringify(extra.missing) : row.missing;
  const reason = extra.reason ?? row.decision_reason;
  const blob = extra.resultBlobId ?? row.result_blob_id;
  await tx.run(
    'UPDATE filings SET status = ?, updated_at = ?, decision_reason = ?, missing = ?, result_blob_id = ? WHERE filing_id = ?',
    [to, at, reason, missing, blob, row.filing_id],
  );
  await recordEvent(tx, row.filing_id, row.status, to, at, actor, extra.reason);
  await appendAudit(tx, at, actor, 'filing.transition', row.filing_id, {
    from: row.status,
    to,
    ...(extra.reason ? { reason: extra.reason } : {}),
  });
  return { ...row, status: to, updated_at: at, decision_reason: reason, missing, result_blob_id: blob };
}
