import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { iso, keyedHash, sha256Hex, type Ctx } from '../context';
import type { SqlExecutor } from '../db/types';
import { appendAudit } from '../domain/audit';
import { canonicalJson } from '../../domain/json';
import { findFilingService as findService } from '../../domain/catalogue';
import { maskIdNumber } from '../../domain/identity';
import { evaluateRule } from '../domain/rules';
import {
  formatTrackingNumber,
  cstDate,
  isValidTrackingNumber,
  qrPayload,
  readQrPayload,
} from '../domain/tracking';
import { ApiError } from '../errors';
import type { filingCreate, filingCreated } from '../schemas';
import { storeBlob } from './blobs';
import { grantedResultUrl } from './grants';
import { generateNotice } from './results';
import { recordEvent, transition, type FilingRow } from './transitions';

type CreateBody = z.output<typeof filingCreate>;
type Created = z.output<typeof filingCreated>;

export const resultUrl = (filingId: string) => `/api/v1/filings/${filingId}/result`;

/**
 * The tracking number a citizen gave: from the receipt's QR code (its MAC checked) or typed (its
 * check character checked), so a misread or mistyped number is told as such, never looked up.
 */
export function trackingNumberOf(given: { qr: string } | { trackingNumber: string }, secret: string): string {
  if ('qr' in given) {
    const tn = readQrPayload(given.qr, secret);
    if (!tn) {
      throw new ApiError(
        400,
        'badQrCode',
        '二维码无法识别，请重新扫描或输入办件编号 / not a receipt QR code of this hall',
      );
    }
    return tn;
  }
  const tn = given.trackingNumber.trim().toUpperCase();
  if (!isValidTrackingNumber(tn)) {
    throw new ApiError(
      400,
      'badTrackingNumber',
      '办件编号有误，请核对 / tracking number check character does not match',
    );
  }
  return tn;
}

/**
 * Next number of the CST day, in its own autocommit statement: the counter row stays locked only
 * for that statement, not for the whole filing transaction (a failed filing leaves a gap, as a
 * database sequence would).
 */
async function nextTrackingNumber(db: SqlExecutor, now: number): Promise<string> {
  const rows = await db.query<{ value: number }>(
    'INSERT INTO counters (name, value) VALUES (?, 1) ON CONFLICT (name) DO UPDATE SET value = counters.value + 1 RETURNING value',
    [`tracking.${cstDate(now)}`],
  );
  return formatTrackingNumber(now, rows[0]?.value ?? 0);
}

async function replay(ctx: Ctx, kioskId: string, key: string, hash: string): Promise<Created | undefined> {
  const rows = await ctx.db.query<{ request_hash: string; response: string | null }>(
    'SELECT request_hash, response FROM idempotency WHERE kiosk_id = ? AND idem_key = ?',
    [kioskId, key],
  );
  const r = rows[0];
  if (!r) return undefined;
  if (r.request_hash !== hash) {
    throw new ApiError(
      409,
      'idempotencyConflict',
      '同一幂等键的请求内容不同 / Idempotency-Key reused with a different body',
    );
  }
  if (r.response === null)
    throw new ApiError(409, 'inProgress', '请求处理中，请稍后重试 / request still in progress');
  return JSON.parse(r.response) as Created;
}

/**
 * Creates a filing exactly once per (kiosk, Idempotency-Key). The idempotency row is inserted
 * first inside the transaction: a concurrent twin (another instance) blocks on it and then sees
 * the committed answer. Instant approval is decided and its PDF rendered before the transaction,
 * so the writer lock is never held while rendering.
 */
export async function createFiling(
  ctx: Ctx,
  kioskId: string,
  key: string,
  body: CreateBody,
): Promise<{ status: 200 | 201; body: Created }> {
  const service = findService(body.serviceId);
  if (!service) throw new ApiError(400, 'unknownService', `未知事项 / unknown service ${body.serviceId}`);
  const form = service.form.safeParse(body.form);
  if (!form.success) {
    throw new ApiError(
      400,
      'validationFailed',
      '表单内容不完整 / form is invalid',
      form.error.issues.map((i) => ({ path: ['form', ...i.path.map(String)].join('.'), message: i.message })),
    );
  }
  const hash = sha256Hex(canonicalJson(body));
  const earlier = await replay(ctx, kioskId, key, hash);
  if (earlier) return { status: 200, body: earlier };

  const now = ctx.clock.now();
  let instant: { trackingNumber: string; pdf: Buffer } | undefined;
  let reserved: string | undefined;
  if (service.instantRule) {
    // A rule that cannot be decided (e-licence platform down) is not a reason to lose the filing:
    // it goes to staff review like any filing that does not qualify.
    const outcome = await evaluateRule(
      service.instantRule,
      { applicant: body.applicant, form: form.data },
      { now, elicences: (id) => ctx.elicences.lookup(id) },
    ).catch(() => ({ approved: false }));
    if (outcome.approved) {
      const trackingNumber = (reserved = await nextTrackingNumber(ctx.db, now));
      try {
        const pdf = await generateNotice(ctx, {
          serviceId: service.serviceId,
          trackingNumber,
          applicant: body.applicant,
          form: form.data,
          submittedAt: now,
          decidedBy: 'instant',
        });
        instant = { trackingNumber, pdf };
      } catch (err) {
        // No document, no instant approval: the filing still lands and staff issue the result.
        ctx.log.error(
          {
            serviceId: service.serviceId,
            trackingNumber,
            err: err instanceof Error ? err.message : String(err),
          },
          'instant approval notice failed; filing goes to staff review',
        );
      }
    }
  }

  // SQLite has a single writer anyway: the day's counter is bumped inside the filing's transaction
  // (one commit). On PostgreSQL it is its own statement, so the counter row is not held locked for
  // the whole filing transaction (a failed filing leaves a gap, as a sequence would).
  const early =
    reserved ?? (ctx.db.dialect === 'postgres' ? await nextTrackingNumber(ctx.db, now) : undefined);
  const filingId = randomUUID();
  const outcome = await ctx.db.transaction(async (tx) => {
    const trackingNumber = early ?? (await nextTrackingNumber(tx, now));
    const created: Created = {
      filingId,
      trackingNumber,
      status: instant ? 'resultReady' : 'submitted',
      qrPayload: qrPayload(trackingNumber, ctx.cfg.secret),
      submittedAt: iso(now),
      ...(instant
        ? {
            instantResult: {
              decision: 'approved' as const,
              // The applicant is at this kiosk now: it may print at once.
              documentUrl: grantedResultUrl(ctx, filingId, kioskId, now),
            },
          }
        : {}),
    };
    // The claim carries the answer: a twin (another instance) blocks on this row until we commit,
    // then replays it; if we roll back, the row goes with everything else.
    const claimed = await tx.run(
      'INSERT INTO idempotency (kiosk_id, idem_key, request_hash, response, created_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING',
      [kioskId, key, hash, JSON.stringify(created), now],
    );
    if (claimed.changes === 0) return undefined; // a twin won the race; answer from its row below
    let row: FilingRow = {
      filing_id: filingId,
      tracking_number: trackingNumber,
      service_id: service.serviceId,
      kiosk_id: kioskId,
      applicant_id_number: body.applicant.idNumber,
      applicant_id_hash: keyedHash(ctx.cfg, 'id', body.applicant.idNumber),
      applicant_name: body.applicant.name,
      applicant_phone: body.applicant.phone ?? null,
      form: JSON.stringify(form.data),
      delivery: JSON.stringify(body.delivery),
      status: 'submitted',
      submitted_at: now,
      updated_at: now,
      result_blob_id: null,
      decision_reason: null,
      missing: null,
    };
    await tx.run(
      `INSERT INTO filings (filing_id, tracking_number, service_id, kiosk_id, applicant_id_number, applicant_id_hash,
        applicant_name, applicant_phone, form, delivery, status, submitted_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [
        row.filing_id,
        row.tracking_number,
        row.service_id,
        row.kiosk_id,
        row.applicant_id_number,
        row.applicant_id_hash,
        row.applicant_name,
        row.applicant_phone,
        row.form,
        row.delivery,
        row.status,
        now,
        now,
      ],
    );
    await recordEvent(tx, filingId, null, 'submitted', now, `kiosk:${kioskId}`);
    const auditCreate = () =>
      appendAudit(tx, now, `kiosk:${kioskId}`, 'filing.create', filingId, {
        trackingNumber,
        serviceId: service.serviceId,
        applicant: maskIdNumber(body.applicant.idNumber),
      });
    if (instant) {
      await auditCreate();
      const blob = await storeBlob(tx, instant.pdf, 'application/pdf', now);
      const actor = 'rules:instantApproval';
      row = await transition(tx, row, 'accepted', now, actor);
      row = await transition(tx, row, 'approved', now, actor, {
        reason: service.instantRule?.description ?? '秒批',
      });
      row = await transition(tx, row, 'resultReady', now, actor, { resultBlobId: blob.id });
    }
    // Last statement before commit: the audit lock serialises all writers, so hold it briefly.
    if (!instant) await auditCreate();
    return created;
  });
  if (outcome) return { status: 201, body: outcome };
  const twin = await replay(ctx, kioskId, key, hash);
  if (!twin) throw new ApiError(409, 'inProgress', '请求处理中，请稍后重试 / request still in progress');
  return { status: 200, body: twin };
}
