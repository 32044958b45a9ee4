import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { iso, keyedHash, sha256Hex, type Ctx } from '../context';
import { isUniqueViolation } from '../db/dialect';
import { appendAudit } from '../domain/audit';
import { ApiError, notFound } from '../errors';
import { actorOf, requireKiosk } from '../http/auth';
import { defineRoute, type AnyRoute } from '../http/route';
import * as s from '../schemas';
import { readBlob, storeBlob } from '../services/blobs';
import { createFiling, trackingNumberOf } from '../services/filings';
import { grantedResultUrl, requirePrintGrant } from '../services/grants';
import { lockFiling, transition, type FilingRow } from '../services/transitions';
import { filingView, loadFiling } from '../services/views';

/**
 * States in which the submitting kiosk may still attach materials. The kiosk uploads right after
 * creating the filing, so an instant approval (秒批) or a fast clerk must not strand them: materials
 * belong in the record until the matter is closed (rejected or collected).
 */
const MATERIAL_STATES = new Set(['submitted', 'needsMore', 'accepted', 'approved', 'resultReady']);
const IDEMPOTENCY_KEY = /^[A-Za-z0-9_-]{8,100}$/;
type MaterialCreated = z.output<typeof s.materialCreated>;

export function filingRoutes(ctx: Ctx): AnyRoute[] {
  /** Which of these filings have their 好差评 already. */
  async function ratedAmong(ids: string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const rows = await ctx.db.query<{ filing_id: string }>(
      `SELECT filing_id FROM ratings WHERE filing_id IN (${ids.map(() => '?').join(', ')})`,
      ids,
    );
    return new Set(rows.map((r) => r.filing_id));
  }

  return [
    defineRoute({
      method: 'POST',
      url: '/filings',
      operationId: 'createFiling',
      summary: 'Submit a filing (idempotent per Idempotency-Key); instant approval where a rule applies',
      tag: 'filings',
      auth: 'kiosk',
      body: s.filingCreate,
      responses: { 200: s.filingCreated, 201: s.filingCreated },
      errors: {
        400: ['idempotencyKeyRequired', 'unknownService'],
        403: ['kioskMismatch'],
        409: ['idempotencyConflict', 'inProgress'],
      },
      async handler({ body, principal, headers }) {
        requireKiosk(principal, body.kioskId);
        const key = headers['idempotency-key'];
        if (typeof key !== 'string' || !IDEMPOTENCY_KEY.test(key)) {
          throw new ApiError(
            400,
            'idempotencyKeyRequired',
            '缺少幂等键 / Idempotency-Key header (8–100 chars) is required',
          );
        }
        return createFiling(ctx, body.kioskId, key, body);
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/filings/:filingId/materials',
      operationId: 'uploadMaterial',
      summary: 'Upload one material (raw JPEG or PDF body)',
      tag: 'filings',
      auth: 'kiosk',
      params: s.filingParams,
      query: s.materialQuery,
      rawTypes: ['image/jpeg', 'application/pdf'],
      responses: { 200: s.materialCreated, 201: s.materialCreated },
      errors: {
        400: ['badIdempotencyKey'],
        404: ['notFound'],
        409: ['idempotencyConflict', 'illegalTransition'],
        415: ['contentMismatch'],
      },
      async handler({ params, query, rawBody, principal, headers }) {
        const key = headers['idempotency-key'];
        if (key !== undefined && (typeof key !== 'string' || !IDEMPOTENCY_KEY.test(key))) {
          throw new ApiError(
            400,
            'badIdempotencyKey',
            '幂等键格式错误 / Idempotency-Key must be 8–100 characters',
          );
        }
        if (!rawBody)
          throw new ApiError(
            415,
            'unsupportedMediaType',
            '仅支持 JPEG 或 PDF / send image/jpeg or application/pdf',
          );
        const contentType = String(headers['content-type']).split(';')[0] ?? 'application/octet-stream';
        const magicOk =
          contentType === 'application/pdf'
            ? rawBody.subarray(0, 5).toString('latin1') === '%PDF-'
            : rawBody[0] === 0xff && rawBody[1] === 0xd8;
        if (!magicOk)
          throw new ApiError(
            415,
            'contentMismatch',
            '文件内容与类型不符 / body does not match its content type',
          );
        const now = ctx.clock.now();
        const digest = sha256Hex(rawBody);
        const created = await ctx.db.transaction(async (tx) => {
          const row = await lockFiling(tx, params.filingId);
          if (principal?.kind === 'kiosk' && principal.kioskId !== row.kiosk_id) throw notFound('filing');
          // A retried upload (same key) answers with the material stored the first time. The filing
          // lock serialises uploads to one filing, so check-then-insert cannot race.
          const scopedKey = typeof key === 'string' ? `material:${key}` : undefined;
          const requestHash = sha256Hex(
            `${row.filing_id}\u0000${query.name}\u0000${query.kind}\u0000${contentType}\u0000${digest}`,
          );
          if (scopedKey) {
            const prior = await tx.query<{ request_hash: string; response: string }>(
              'SELECT request_hash, response FROM idempotency WHERE kiosk_id = ? AND idem_key = ?',
              [row.kiosk_id, scopedKey],
            );
            if (prior[0]) {
              if (prior[0].request_hash !== requestHash) {
                throw new ApiError(
                  409,
                  'idempotencyConflict',
                  '同一幂等键的请求内容不同 / Idempotency-Key reused with a different material',
                );
              }
              return { replayed: true, body: JSON.parse(prior[0].response) as MaterialCreated };
            }
          }
          if (!MATERIAL_STATES.has(row.status)) {
            throw new ApiError(
              409,
              'illegalTransition',
              `当前状态不可补充材料 / materials not accepted in status ${row.status}`,
            );
          }
          const used = await tx.query<{ total: number }>(
            'SELECT COALESCE(SUM(bytes), 0) AS total FROM materials WHERE filing_id = ?',
            [row.filing_id],
          );
          if ((used[0]?.total ?? 0) + rawBody.length > ctx.cfg.maxFilingBytes) {
            throw new ApiError(
              413,
              'tooLarge',
              '材料总大小超出限制 / materials of this filing exceed the size limit',
            );
          }
          const blob = await storeBlob(tx, rawBody, contentType, now);
          const materialId = randomUUID();
          await tx.run(
            'INSERT INTO materials (material_id, filing_id, name, kind, blob_id, bytes, sha256, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
            [materialId, row.filing_id, query.name, query.kind, blob.id, blob.bytes, blob.sha256, now],
          );
          const body: MaterialCreated = { materialId, bytes: blob.bytes, sha256: blob.sha256 };
          if (scopedKey) {
            try {
              await tx.run(
                'INSERT INTO idempotency (kiosk_id, idem_key, request_hash, response, created_at) VALUES (?, ?, ?, ?, ?)',
                [row.kiosk_id, scopedKey, requestHash, JSON.stringify(body), now],
              );
            } catch (err) {
              // The same key raced in for another filing (only the filing lock was held).
              if (isUniqueViolation(err)) {
                throw new ApiError(
                  409,
                  'idempotencyConflict',
                  '幂等键已被使用 / Idempotency-Key already used',
                );
              }
              throw err;
            }
          }
          await appendAudit(tx, now, actorOf(principal), 'filing.material', row.filing_id, {
            materialId,
            kind: query.kind,
            bytes: blob.bytes,
            sha256: blob.sha256,
          });
          return { replayed: false, body };
        });
        return { status: created.replayed ? 200 : 201, body: created.body };
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/filings/:filingId/supplement',
      operationId: 'supplementFiling',
      summary: 'Resubmit after staff asked for more materials (needsMore → submitted)',
      tag: 'filings',
      auth: 'kiosk',
      params: s.filingParams,
      responses: { 200: s.filing },
      errors: { 404: ['notFound'], 409: ['illegalTransition'] },
      async handler({ params, principal }) {
        const now = ctx.clock.now();
        const row = await ctx.db.transaction(async (tx) => {
          const cur = await lockFiling(tx, params.filingId);
          if (principal?.kind === 'kiosk' && principal.kioskId !== cur.kiosk_id) throw notFound('filing');
          return transition(tx, cur, 'submitted', now, actorOf(principal));
        });
        return { status: 200, body: await filingView(ctx, row, principal) };
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/filings/:filingId',
      operationId: 'getFiling',
      summary: 'A filing with its status history (kiosks: masked, staff: full and audited)',
      tag: 'filings',
      auth: 'kioskOrStaff',
      roles: ['clerk', 'supervisor'],
      params: s.filingParams,
      responses: { 200: s.filing },
      errors: { 404: ['notFound'] },
      async handler({ params, principal }) {
        const row = await loadFiling(ctx, params.filingId);
        // A kiosk reads only the filings it made (its outbox checks their materials).
        if (!row || (principal?.kind === 'kiosk' && principal.kioskId !== row.kiosk_id))
          throw notFound('filing');
        if (principal?.kind === 'staff') {
          // Staff see the unmasked applicant: every such access is on the record (PIPL access log).
          await ctx.db.transaction((tx) =>
            appendAudit(tx, ctx.clock.now(), actorOf(principal), 'filing.view', row.filing_id),
          );
        }
        return { status: 200, body: await filingView(ctx, row, principal) };
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/filings/:filingId/materials/:materialId',
      operationId: 'getMaterial',
      summary: 'One material of a filing (staff review): the stored JPEG or PDF',
      tag: 'filings',
      auth: 'staff',
      roles: ['clerk', 'supervisor'],
      params: s.materialParams,
      responses: { 200: { description: 'The material', contentType: 'application/octet-stream' } },
      errors: { 404: ['notFound'] },
      async handler({ params, principal }) {
        const rows = await ctx.db.query<{ blob_id: string; name: string }>(
          'SELECT blob_id, name FROM materials WHERE filing_id = ? AND material_id = ?',
          [params.filingId, params.materialId],
        );
        const blob = rows[0] ? await readBlob(ctx.db, rows[0].blob_id) : undefined;
        if (!rows[0] || !blob) throw notFound('material');
        const now = ctx.clock.now();
        await ctx.db.transaction((tx) =>
          appendAudit(tx, now, actorOf(principal), 'filing.materialViewed', params.filingId, {
            materialId: params.materialId,
          }),
        );
        return { raw: blob.data, contentType: blob.contentType, fileName: rows[0].name };
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/filings/:filingId/result',
      operationId: 'getResultDocument',
      summary: 'The result document (PDF) for printing at a kiosk or staff review',
      tag: 'filings',
      auth: 'kioskOrStaff',
      roles: ['clerk', 'supervisor'],
      params: s.filingParams,
      query: s.resultQuery,
      responses: { 200: { description: 'Result document', contentType: 'application/pdf' } },
      errors: { 403: ['grantRequired'], 404: ['notFound'] },
      async handler({ params, query, principal }) {
        const row = await loadFiling(ctx, params.filingId);
        if (principal?.kind === 'kiosk')
          requirePrintGrant(ctx, query.grant, params.filingId, principal.kioskId, ctx.clock.now());
        const blob = row?.result_blob_id ? await readBlob(ctx.db, row.result_blob_id) : undefined;
        if (!row || !blob) throw notFound('result');
        return { raw: blob.data, contentType: blob.contentType, fileName: `${row.tracking_number}.pdf` };
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/filings/:filingId/result/printed',
      operationId: 'reportResultPrinted',
      summary: 'The kiosk printed the result and the citizen took it (resultReady → collected)',
      tag: 'filings',
      auth: 'kiosk',
      params: s.filingParams,
      body: s.resultPrinted,
      responses: { 200: s.filing },
      errors: { 403: ['grantRequired'], 404: ['notFound'], 409: ['illegalTransition'] },
      async handler({ params, body, principal }) {
        const now = ctx.clock.now();
        requirePrintGrant(
          ctx,
          body.grant,
          params.filingId,
          principal?.kind === 'kiosk' ? principal.kioskId : '',
          now,
        );
        const row = await ctx.db.transaction(async (tx) => {
          const cur = await lockFiling(tx, params.filingId);
          return transition(tx, cur, 'collected', now, actorOf(principal), { reason: '自助终端打印领取' });
        });
        return { status: 200, body: await filingView(ctx, row, principal) };
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/progress',
      operationId: 'getProgress',
      summary: 'Progress by tracking number, by the receipt QR code, or by ID number + name',
      tag: 'filings',
      auth: 'kiosk',
      query: s.progressQuery,
      responses: { 200: s.progressReply },
      errors: { 400: ['badQrCode', 'badTrackingNumber'] },
      async handler({ query, principal }) {
        const now = ctx.clock.now();
        let rows: FilingRow[];
        const byApplicant = 'idNumber' in query;
        if ('qr' in query || 'trackingNumber' in query) {
          const tn = trackingNumberOf(query, ctx.cfg.secret);
          rows = await ctx.db.query<FilingRow>('SELECT * FROM filings WHERE tracking_number = ?', [tn]);
        } else {
          rows = await ctx.db.query<FilingRow>(
            'SELECT * FROM filings WHERE applicant_id_hash = ? AND applicant_name = ? ORDER BY submitted_at DESC LIMIT 50',
            [keyedHash(ctx.cfg, 'id', query.idNumber), query.name],
          );
        }
        const rated = await ratedAmong(rows.map((r) => r.filing_id));
        return {
          status: 200,
          body: {
            items: rows.map((r) => {
              const delivery = JSON.parse(r.delivery) as z.output<typeof s.delivery>;
              // Whoever knows a tracking number sees the status; only the applicant (ID number +
              // name, e.g. from the ID card) gets the filing, staff remarks and a result to print.
              return {
                trackingNumber: r.tracking_number,
                serviceId: r.service_id,
                status: r.status,
                updatedAt: iso(r.updated_at),
                delivery,
                rated: rated.has(r.filing_id),
                ...(byApplicant
                  ? {
                      filingId: r.filing_id,
                      ...(r.decision_reason ? { decisionReason: r.decision_reason } : {}),
                      ...(r.status === 'needsMore' && r.missing
                        ? { missing: JSON.parse(r.missing) as string[] }
                        : {}),
                      ...(r.status === 'resultReady' &&
                      delivery.method === 'print' &&
                      r.result_blob_id &&
                      principal?.kind === 'kiosk'
                        ? { resultUrl: grantedResultUrl(ctx, r.filing_id, principal.kioskId, now) }
                        : {}),
                    }
                  : {}),
              };
            }),
          },
        };
      },
    }),
  ];
}
