import type { z } from 'zod';
import { iso, type Ctx } from '../context';
import type { ratingItem, ratingsQuery } from '../schemas';

type RatingItem = z.output<typeof ratingItem>;

export const LEVEL_NAMES: Record<number, string> = {
  5: '非常满意',
  4: '满意',
  3: '基本满意',
  2: '不满意',
  1: '非常不满意',
};

export async function ratingsBetween(ctx: Ctx, q: z.output<typeof ratingsQuery>): Promise<RatingItem[]> {
  const from = q.from ? Date.parse(q.from) : 0;
  const to = q.to ? Date.parse(q.to) : Number.MAX_SAFE_INTEGER;
  const rows = await ctx.db.query<{
    tracking_number: string;
    service_id: string;
    kiosk_id: string;
    level: number;
    indicators: string | null;
    comment: string | null;
    rated_at: number;
  }>(
    `SELECT f.tracking_number, f.service_id, r.kiosk_id, r.level, r.indicators, r.comment, r.rated_at
     FROM ratings r JOIN filings f ON f.filing_id = r.filing_id
     WHERE r.rated_at >= ? AND r.rated_at < ? ORDER BY r.rated_at, f.tracking_number`,
    [from, to],
  );
  return rows.map((r) => ({
    trackingNumber: r.tracking_number,
    serviceId: r.service_id,
    kioskId: r.kiosk_id,
    level: r.level,
    levelName: LEVEL_NAMES[r.level] ?? String(r.level),
    ...(r.indicators ? { indicators: JSON.parse(r.indicators) as Record<string, number> } : {}),
    ...(r.comment ? { comment: r.comment } : {}),
    ratedAt: iso(r.rated_at),
  }));
}

/** One CSV field: quoted, and neutralised against spreadsheet formula injection (=, +, -, @). */
function field(v: string): string {
  const safe = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return `"${safe.replace(/"/g, '""')}"`;
}

/** UTF-8 with a byte-order mark and CRLF line ends: Excel on Chinese Windows opens it without mojibake. */
export function ratingsCsv(items: readonly RatingItem[]): Buffer {
  const header = ['办件编号', '事项', '终端', '评价等级', '等级名称', '评价指标', '评价内容', '评价时间'];
  const lines = [header.map(field).join(',')];
  for (const r of items) {
    lines.push(
      [
        r.trackingNumber,
        r.serviceId,
        r.kioskId,
        String(r.level),
        r.levelName,
        r.indicators
          ? Object.entries(r.indicators)
              .map(([k, v]) => `${k}=${v}`)
              .join(';')
          : '',
        r.comment ?? '',
        r.ratedAt,
      ]
        .map(field)
        .join(','),
    );
  }
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`${lines.join('\r\n')}\r\n`, 'utf8')]);
}
