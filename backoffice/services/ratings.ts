import type { z } from 'zod';
import { iso, type Ctx } from '../context';
import type { Tx } from '../db/types';
import { appendAudit } from '../domain/audit';
import { isPoorRating, levelNameZh, optionLabelZh, type RatingSubmission } from '../../domain/rating';
import { ApiError } from '../errors';
import type { ratingItem, ratingRecorded, ratingsQuery } from '../schemas';
import { noteEvent, type FilingRow } from './transitions';

type RatingItem = z.output<typeof ratingItem>;

/**
 * Stores the one 好差评 of a filing (channel 自助终端), due for forwarding at once; a 差评 waits
 * for its call-back (回访). Inside the caller's transaction, with the filing locked.
 */
export async function recordRating(
  tx: Tx,
  filing: FilingRow,
  rating: RatingSubmission,
  kioskId: string,
  now: number,
): Promise<z.output<typeof ratingRecorded>> {
  const bad = isPoorRating(rating.level);
  const inserted = await tx.run(
    `INSERT INTO ratings (filing_id, level, options, comment, kiosk_id, rated_at, channel, callback_state,
       forward_state, forward_next_at) VALUES (?, ?, ?, ?, ?, ?, 'selfServiceTerminal', ?, 'pending', ?)
     ON CONFLICT DO NOTHING`,
    [
      filing.filing_id,
      rating.level,
      JSON.stringify(rating.options),
      rating.text || null,
      kioskId,
      now,
      bad ? 'pending' : null,
      now,
    ],
  );
  if (inserted.changes === 0)
    throw new ApiError(409, 'alreadyRated', '该办件已评价 / this filing has already been rated');
  await appendAudit(tx, now, `kiosk:${kioskId}`, 'rating.create', filing.filing_id, {
    level: rating.level,
    options: rating.options,
  });
  const said = rating.options.map(optionLabelZh).join('、');
  await noteEvent(
    tx,
    filing,
    'rated',
    now,
    `kiosk:${kioskId}`,
    `${levelNameZh(rating.level)}${said ? `：${said}` : ''}`,
  );
  return {
    trackingNumber: filing.tracking_number,
    level: rating.level,
    levelName: levelNameZh(rating.level),
    badRating: bad,
  };
}

interface Row {
  filing_id: string;
  tracking_number: string;
  service_id: string;
  kiosk_id: string;
  channel: string;
  level: number;
  options: string;
  indicators: string | null;
  comment: string | null;
  rated_at: number;
  callback_state: 'pending' | 'done' | null;
  callback_at: number | null;
  callback_by: string | null;
  callback_reached: number | null;
  callback_note: string | null;
  forward_state: 'pending' | 'sent' | 'rejected';
  forward_attempts: number;
  forwarded_at: number | null;
  forward_ref: string | null;
  forward_error: string | null;
}

/** Ratings given in [from, to) (all when open), or the one of `filingId`. */
export async function ratingsBetween(
  ctx: Ctx,
  q: z.output<typeof ratingsQuery>,
  filingId?: string,
): Promise<RatingItem[]> {
  const from = q.from ? Date.parse(q.from) : 0;
  const to = q.to ? Date.parse(q.to) : Number.MAX_SAFE_INTEGER;
  const rows = await ctx.db.query<Row>(
    `SELECT r.*, f.tracking_number, f.service_id
     FROM ratings r JOIN filings f ON f.filing_id = r.filing_id
     WHERE r.rated_at >= ? AND r.rated_at < ? ${filingId ? 'AND r.filing_id = ?' : ''}
     ORDER BY r.rated_at, f.tracking_number`,
    filingId ? [from, to, filingId] : [from, to],
  );
  return rows.map((r) => ({
    filingId: r.filing_id,
    trackingNumber: r.tracking_number,
    serviceId: r.service_id,
    kioskId: r.kiosk_id,
    channel: r.channel,
    level: r.level,
    levelName: levelNameZh(r.level),
    options: (JSON.parse(r.options) as string[]).map((code) => ({ code, label: optionLabelZh(code) })),
    ...(r.indicators ? { indicators: JSON.parse(r.indicators) as Record<string, number> } : {}),
    ...(r.comment ? { comment: r.comment } : {}),
    ratedAt: iso(Number(r.rated_at)),
    badRating: isPoorRating(r.level),
    ...(r.callback_state
      ? {
          callback: {
            state: r.callback_state,
            ...(r.callback_at !== null ? { at: iso(Number(r.callback_at)) } : {}),
            ...(r.callback_by ? { by: r.callback_by } : {}),
            ...(r.callback_reached !== null ? { reached: Boolean(r.callback_reached) } : {}),
            ...(r.callback_note ? { note: r.callback_note } : {}),
          },
        }
      : {}),
    forwarding: {
      state: r.forward_state,
      attempts: r.forward_attempts,
      ...(r.forwarded_at !== null ? { forwardedAt: iso(Number(r.forwarded_at)) } : {}),
      ...(r.forward_ref ? { reference: r.forward_ref } : {}),
      ...(r.forward_error ? { error: r.forward_error } : {}),
    },
  }));
}

/** One CSV field: quoted, and neutralised against spreadsheet formula injection (=, +, -, @). */
function field(v: string): string {
  const safe = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return `"${safe.replace(/"/g, '""')}"`;
}

const FORWARD_LABEL = { pending: '待推送', sent: '已推送', rejected: '被拒收' } as const;

/** UTF-8 with a byte-order mark and CRLF line ends: Excel on Chinese Windows opens it without mojibake. */
export function ratingsCsv(items: readonly RatingItem[]): Buffer {
  const header = [
    '办件编号',
    '事项',
    '终端',
    '评价渠道',
    '评价等级',
    '等级名称',
    '评价选项',
    '评价内容',
    '评价时间',
    '回访',
    '推送',
  ];
  const lines = [header.map(field).join(',')];
  for (const r of items) {
    lines.push(
      [
        r.trackingNumber,
        r.serviceId,
        r.kioskId,
        r.channel === 'selfServiceTerminal' ? '自助终端' : r.channel,
        String(r.level),
        r.levelName,
        r.options.map((o) => o.label).join('；'),
        r.comment ?? '',
        r.ratedAt,
        r.callback ? (r.callback.state === 'done' ? `已回访：${r.callback.note ?? ''}` : '待回访') : '',
        FORWARD_LABEL[r.forwarding.state],
      ]
        .map(field)
        .join(','),
    );
  }
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`${lines.join('\r\n')}\r\n`, 'utf8')]);
}
