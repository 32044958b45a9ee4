import type { z } from 'zod';
import { iso, type Ctx } from '../context';
import type { FilingStatus, HistoryKind } from '../domain/states';
import { maskIdNumber, maskName, maskPhone } from '../../domain/identity';
import type { Principal } from '../http/route';
import type { delivery, filing } from '../schemas';
import { resultUrl } from './filings';
import { doorView, occupiedDoors } from './lockers';
import type { FilingRow } from './transitions';

type Filing = z.output<typeof filing>;

/**
 * Full filing with history. Staff see the applicant's data (they decide on it; every read by staff
 * is an authorised processing step); kiosks only ever see masked values.
 */
export async function filingView(
  ctx: Ctx,
  row: FilingRow,
  principal: Principal | undefined,
): Promise<Filing> {
  const staff = principal?.kind === 'staff';
  const [events, materials, doors] = await Promise.all([
    ctx.db.query<{
      from_status: FilingStatus | null;
      to_status: FilingStatus;
      at: number;
      actor: string;
      reason: string | null;
      kind: HistoryKind;
    }>(
      'SELECT from_status, to_status, at, actor, reason, kind FROM filing_events WHERE filing_id = ? ORDER BY id',
      [row.filing_id],
    ),
    ctx.db.query<{ material_id: string; name: string; kind: string; bytes: number; sha256: string }>(
      'SELECT material_id, name, kind, bytes, sha256 FROM materials WHERE filing_id = ? ORDER BY created_at, material_id',
      [row.filing_id],
    ),
    staff ? occupiedDoors(ctx.db, { filingId: row.filing_id }) : Promise.resolve(undefined),
  ]);
  const phone = row.applicant_phone ?? undefined;
  return {
    filingId: row.filing_id,
    trackingNumber: row.tracking_number,
    serviceId: row.service_id,
    kioskId: row.kiosk_id,
    status: row.status,
    applicant: {
      idNumber: staff ? row.applicant_id_number : maskIdNumber(row.applicant_id_number),
      name: staff ? row.applicant_name : maskName(row.applicant_name),
      ...(phone ? { phone: staff ? phone : maskPhone(phone) } : {}),
    },
    form: staff ? (JSON.parse(row.form) as Record<string, unknown>) : {},
    delivery: JSON.parse(row.delivery) as z.output<typeof delivery>,
    submittedAt: iso(row.submitted_at),
    updatedAt: iso(row.updated_at),
    ...(row.decision_reason ? { decisionReason: row.decision_reason } : {}),
    ...(row.missing ? { missing: JSON.parse(row.missing) as string[] } : {}),
    materials: materials.map((m) => ({
      materialId: m.material_id,
      name: m.name,
      kind: m.kind,
      bytes: m.bytes,
      sha256: m.sha256,
    })),
    // Kiosks print through a grant (progress by the applicant's identity), never from a filing's ID.
    ...(row.result_blob_id && staff ? { resultUrl: resultUrl(row.filing_id) } : {}),
    ...(doors ? { lockers: doors.map((d) => doorView(d, ctx.clock.now())) } : {}),
    history: events.map((e) => ({
      from: e.from_status,
      to: e.to_status,
      at: iso(e.at),
      actor: e.actor,
      ...(e.reason ? { reason: e.reason } : {}),
      kind: e.kind,
    })),
  };
}

export async function loadFiling(ctx: Ctx, filingId: string): Promise<FilingRow | undefined> {
  const rows = await ctx.db.query<FilingRow>('SELECT * FROM filings WHERE filing_id = ?', [filingId]);
  return rows[0];
}
