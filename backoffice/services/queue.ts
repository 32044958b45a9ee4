import { randomUUID } from 'node:crypto';
import { iso, type Ctx } from '../context';
import type { SqlExecutor, Tx } from '../db/types';
import { appendAudit } from '../domain/audit';
import { cstIsoDate } from '../domain/cst';
import { themesOf, ticketLabel, type QueueTheme } from '../domain/queue';
import { ApiError } from '../errors';
import { currentSite } from './site';

export type TicketState = 'waiting' | 'called' | 'served' | 'noShow';

export interface TicketRow {
  ticket_id: string;
  site: string;
  theme: string;
  day: string;
  number: number;
  label: string;
  priority: number;
  kiosk_id: string;
  holder_hash: string | null;
  appointment_id: string | null;
  state: TicketState;
  taken_at: number;
  called_at: number | null;
  counter: string | null;
  called_by: string | null;
  recalls: number;
}

/**
 * Names one queue (site, theme, CST day) for its lock and its number counter. Text only: PostgreSQL
 * refuses NUL in text, and a collision of names would only serialise two queues, never mix them.
 */
export const queueKey = (site: string, theme: string, day: string): string => `${site}|${theme}|${day}`;

/** Tickets called before this one: appointments (预约优先) first, then by number. */
export async function aheadOf(db: SqlExecutor, t: TicketRow): Promise<number> {
  const rows = await db.query<{ n: number }>(
    `SELECT COUNT(*) AS n FROM queue_tickets
     WHERE site = ? AND theme = ? AND day = ? AND state = 'waiting'
       AND (priority > ? OR (priority = ? AND number < ?))`,
    [t.site, t.theme, t.day, t.priority, t.priority, t.number],
  );
  return Number(rows[0]?.n ?? 0);
}

export async function siteOfKiosk(db: SqlExecutor, kioskId: string): Promise<string> {
  const rows = await db.query<{ site: string }>('SELECT site FROM kiosks WHERE kiosk_id = ?', [kioskId]);
  if (!rows[0]) throw new ApiError(400, 'unknownKiosk', `无此终端 / no kiosk ${kioskId}`);
  return rows[0].site;
}

export async function themeNamed(ctx: Ctx, themeId: string): Promise<QueueTheme> {
  const theme = themesOf(await currentSite(ctx)).find((t) => t.themeId === themeId);
  if (!theme) throw new ApiError(400, 'unknownTheme', `无此取号主题 / no queue theme ${themeId}`);
  return theme;
}

/**
 * Takes a number in the queue of (site, theme, today) inside the caller's transaction. A holder (ID
 * card) already waiting in that queue gets the same ticket again (`reissued`), so one person holds
 * one place per queue; anonymous tickets and appointment check-ins always get a new number.
 */
export async function takeTicket(
  tx: Tx,
  input: {
    site: string;
    theme: QueueTheme;
    kioskId: string;
    holderHash?: string;
    appointmentId?: string;
    now: number;
  },
): Promise<{ ticket: TicketRow; reissued: boolean }> {
  const day = cstIsoDate(input.now);
  const queue = queueKey(input.site, input.theme.themeId, day);
  await tx.lock(`yizhan.queue.${queue}`);
  if (input.holderHash && !input.appointmentId) {
    const held = await tx.query<TicketRow>(
      `SELECT * FROM queue_tickets WHERE holder_hash = ? AND day = ? AND site = ? AND theme = ? AND state = 'waiting'
       ORDER BY number LIMIT 1`,
      [input.holderHash, day, input.site, input.theme.themeId],
    );
    if (held[0]) return { ticket: held[0], reissued: true };
  }
  const counted = await tx.query<{ value: number }>(
    'INSERT INTO counters (name, value) VALUES (?, 1) ON CONFLICT (name) DO UPDATE SET value = counters.value + 1 RETURNING value',
    [`queue.${queue}`],
  );
  const number = Number(counted[0]?.value ?? 1);
  const ticket: TicketRow = {
    ticket_id: randomUUID(),
    site: input.site,
    theme: input.theme.themeId,
    day,
    number,
    label: ticketLabel(input.theme.prefix, number),
    priority: input.appointmentId ? 1 : 0,
    kiosk_id: input.kioskId,
    holder_hash: input.holderHash ?? null,
    appointment_id: input.appointmentId ?? null,
    state: 'waiting',
    taken_at: input.now,
    called_at: null,
    counter: null,
    called_by: null,
    recalls: 0,
  };
  await tx.run(
    `INSERT INTO queue_tickets (ticket_id, site, theme, day, number, label, priority, kiosk_id, holder_hash,
       appointment_id, state, taken_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'waiting', ?)`,
    [
      ticket.ticket_id,
      ticket.site,
      ticket.theme,
      day,
      number,
      ticket.label,
      ticket.priority,
      ticket.kiosk_id,
      ticket.holder_hash,
      ticket.appointment_id,
      input.now,
    ],
  );
  await appendAudit(tx, input.now, `kiosk:${input.kioskId}`, 'queue.ticket', ticket.ticket_id, {
    site: ticket.site,
    theme: ticket.theme,
    label: ticket.label,
    byIdCard: Boolean(input.holderHash),
    ...(input.appointmentId ? { appointmentId: input.appointmentId } : {}),
  });
  return { ticket, reissued: false };
}

/** The kiosk's view of a ticket: what the printed slip and the screen show. */
export async function ticketView(db: SqlExecutor, t: TicketRow, theme: QueueTheme) {
  return {
    ticketId: t.ticket_id,
    label: t.label,
    theme: t.theme,
    themeNameZh: theme.nameZh,
    themeNameEn: theme.nameEn,
    site: t.site,
    day: t.day,
    state: t.state,
    priority: t.priority > 0,
    ahead: t.state === 'waiting' ? await aheadOf(db, t) : 0,
    takenAt: iso(t.taken_at),
    ...(t.counter ? { counter: t.counter } : {}),
    ...(t.called_at !== null ? { calledAt: iso(t.called_at) } : {}),
  };
}
