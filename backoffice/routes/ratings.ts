import { keyedHash, type Ctx } from '../context';
import { appendAudit } from '../domain/audit';
import type { RatingSubmission } from '../../domain/rating';
import { ApiError, notFound } from '../errors';
import { actorOf, requireKiosk } from '../http/auth';
import { defineRoute, type AnyRoute } from '../http/route';
import * as s from '../schemas';
import { trackingNumberOf } from '../services/filings';
import { ratingsBetween, ratingsCsv, recordRating } from '../services/ratings';
import { lockFiling, noteEvent, type FilingRow } from '../services/transitions';

const DESK = ['clerk', 'supervisor'] as const;

export function ratingRoutes(ctx: Ctx): AnyRoute[] {
  /** Stores the rating with the filing locked, then wakes the forwarder. */
  async function rate(filingId: string, rating: RatingSubmission, kioskId: string) {
    const now = ctx.clock.now();
    const recorded = await ctx.db.transaction(async (tx) =>
      recordRating(tx, await lockFiling(tx, filingId), rating, kioskId, now),
    );
    ctx.ratingForwarder.kick();
    return { status: 201, body: recorded };
  }

  return [
    defineRoute({
      method: 'POST',
      url: '/filings/:filingId/rating',
      operationId: 'rateFiling',
      summary: '好差评 (GB/T 39734) of a filing just made at this kiosk: one per filing',
      tag: 'ratings',
      auth: 'kiosk',
      params: s.filingParams,
      body: s.rating,
      responses: { 201: s.ratingRecorded },
      errors: { 404: ['notFound'], 409: ['alreadyRated'] },
      async handler({ params, body, principal }) {
        // By ID only the kiosk that made the filing (the applicant was just there); anywhere else the
        // 好差评 service rates by the receipt QR or the tracking number with the ID card.
        const kioskId = principal?.kind === 'kiosk' ? principal.kioskId : '';
        const own = await ctx.db.query('SELECT 1 AS one FROM filings WHERE filing_id = ? AND kiosk_id = ?', [
          params.filingId,
          kioskId,
        ]);
        if (!own[0]) throw notFound('filing');
        return rate(params.filingId, body, kioskId);
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/ratings',
      operationId: 'rateFilingByTrackingNumber',
      summary:
        '好差评 of a past filing at a kiosk: by the receipt QR code, or by tracking number with the applicant’s ID card',
      tag: 'ratings',
      auth: 'kiosk',
      body: s.ratingByTracking,
      responses: { 201: s.ratingRecorded },
      errors: {
        400: ['badQrCode', 'badTrackingNumber'],
        403: ['kioskMismatch'],
        404: ['notFound'],
        409: ['alreadyRated'],
      },
      async handler({ body, principal }) {
        requireKiosk(principal, body.kioskId);
        const tn = trackingNumberOf(body.filing, ctx.cfg.secret);
        // Tracking numbers are sequential: typed ones must come with the applicant's ID card, so
        // nobody spends someone else's one rating. A receipt QR carries a MAC: holding it is enough.
        const rows =
          'idNumber' in body.filing
            ? await ctx.db.query<FilingRow>(
                'SELECT * FROM filings WHERE tracking_number = ? AND applicant_id_hash = ?',
                [tn, keyedHash(ctx.cfg, 'id', body.filing.idNumber)],
              )
            : await ctx.db.query<FilingRow>('SELECT * FROM filings WHERE tracking_number = ?', [tn]);
        if (!rows[0]) throw notFound('filing');
        return rate(rows[0].filing_id, body.rating, body.kioskId);
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/staff/ratings',
      operationId: 'listRatings',
      summary: '好差评 ratings in a time range, with call-back (回访) and forwarding state',
      tag: 'ratings',
      auth: 'staff',
      roles: DESK,
      query: s.ratingsQuery,
      responses: { 200: s.ratingsReply },
      async handler({ query }) {
        return { status: 200, body: { items: await ratingsBetween(ctx, query) } };
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/staff/ratings/export.csv',
      operationId: 'exportRatingsCsv',
      summary: '好差评 export: UTF-8 CSV with BOM (opens correctly in Excel)',
      tag: 'ratings',
      auth: 'staff',
      roles: DESK,
      query: s.ratingsQuery,
      responses: {
        200: { description: 'CSV, UTF-8 with BOM, CRLF', contentType: 'text/csv; charset=utf-8' },
      },
      async handler({ query, principal }) {
        const items = await ratingsBetween(ctx, query);
        await ctx.db.transaction((tx) =>
          appendAudit(tx, ctx.clock.now(), actorOf(principal), 'ratings.export', 'ratings', {
            ...(query.from ? { from: query.from } : {}),
            ...(query.to ? { to: query.to } : {}),
            rows: items.length,
          }),
        );
        return { raw: ratingsCsv(items), contentType: 'text/csv; charset=utf-8', fileName: '好差评.csv' };
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/staff/ratings/:filingId/callback',
      operationId: 'recordRatingCallback',
      summary: '回访: staff called the applicant back about a 差评 (reached or not, what was done)',
      tag: 'ratings',
      auth: 'staff',
      roles: DESK,
      params: s.ratingParams,
      body: s.ratingCallback,
      responses: { 200: s.ratingsReply },
      errors: { 404: ['notFound'], 409: ['notABadRating'] },
      async handler({ params, body, principal }) {
        const now = ctx.clock.now();
        const actor = actorOf(principal);
        await ctx.db.transaction(async (tx) => {
          const filing = await lockFiling(tx, params.filingId);
          const rows = await tx.query<{ callback_state: string | null }>(
            'SELECT callback_state FROM ratings WHERE filing_id = ?',
            [params.filingId],
          );
          if (!rows[0]) throw notFound('rating');
          if (rows[0].callback_state === null) {
            throw new ApiError(409, 'notABadRating', '非差评无需回访 / only a 差评 is called back');
          }
          // Not reached: the call-back stays pending (with this attempt shown) until someone is. The
          // row keeps the latest attempt; the audit chain keeps every one.
          await tx.run(
            `UPDATE ratings SET callback_state = ?, callback_at = ?, callback_by = ?, callback_reached = ?,
               callback_note = ? WHERE filing_id = ?`,
            [body.reached ? 'done' : 'pending', now, actor, body.reached ? 1 : 0, body.note, params.filingId],
          );
          await appendAudit(tx, now, actor, 'rating.callback', params.filingId, {
            reached: body.reached,
            note: body.note,
          });
          const outcome = body.reached ? '回访已联系上' : '回访未联系上';
          await noteEvent(tx, filing, 'ratingCallback', now, actor, `${outcome}：${body.note}`);
        });
        const items = await ratingsBetween(ctx, {}, params.filingId);
        return { status: 200, body: { items } };
      },
    }),
  ];
}
