import type { z } from 'zod';
import { keyedHash, type Ctx } from '../context';
import type { SqlExecutor } from '../db/types';
import { appendAudit } from '../domain/audit';
import { cstIsoDate } from '../domain/cst';
import { themesOf, type QueueTheme } from '../domain/queue';
import { ApiError, notFound } from '../errors';
import { actorOf, requireKiosk } from '../http/auth';
import { defineRoute, type AnyRoute } from '../http/route';
import * as s from '../schemas';
import { currentSite } from '../services/site';
import { queueKey, siteOfKiosk, takeTicket, themeNamed, ticketView, type TicketRow } from '../services/queue';

const DESK = ['clerk', 'supervisor'] as const;

async function waitingCounts(db: SqlExecutor, site: string, day: string): Promise<Map<string, number>> {
  const rows = await db.query<{ theme: string; n: number }>(
    `SELECT theme, COUNT(*) AS n FROM queue_tickets WHERE site = ? AND day = ? AND state = 'waiting' GROUP BY theme`,
    [site, day],
  );
  return new Map(rows.map((r) => [r.theme, Number(r.n)]));
}

export function queueRoutes(ctx: Ctx): AnyRoute[] {
  const themeById = async (): Promise<Map<string, QueueTheme>> =>
    new Map(themesOf(await currentSite(ctx)).map((t) => [t.themeId, t]));

  /** What the counter screen shows of a ticket (no personal data: only whether an ID card was used). */
  async function staffView(
    t: TicketRow,
    themes: Map<string, QueueTheme>,
  ): Promise<z.output<typeof s.staffTicket>> {
    const theme = themes.get(t.theme) ?? { themeId: t.theme, prefix: '?', nameZh: t.theme, nameEn: t.theme };
    return {
      ...(await ticketView(ctx.db, t, theme)),
      byIdCard: t.holder_hash !== null,
      recalls: t.recalls,
      ...(t.called_by ? { calledBy: t.called_by } : {}),
    };
  }

  /** Changes a ticket that a counter has called (recall, served, no-show), with its audit entry. */
  function changeCalled(
    ticketId: string,
    actor: string,
    action: string,
    data: Record<string, unknown>,
    update: (now: number) => [string, unknown[]],
  ): Promise<TicketRow> {
    const now = ctx.clock.now();
    return ctx.db.transaction(async (tx) => {
      const rows = await tx.query<TicketRow>('SELECT * FROM queue_tickets WHERE ticket_id = ?', [ticketId]);
      const t = rows[0];
      if (!t) throw notFound('ticket');
      await tx.lock(`yizhan.queue.${queueKey(t.site, t.theme, t.day)}`);
      const [sql, args] = update(now);
      const changed = await tx.run(`${sql} AND state = 'called'`, args);
      if (changed.changes === 0)
        throw new ApiError(409, 'illegalTransition', `该号未在叫号中 / ticket ${t.label} is ${t.state}`);
      await appendAudit(tx, now, actor, action, ticketId, { label: t.label, ...data });
      return (
        (await tx.query<TicketRow>('SELECT * FROM queue_tickets WHERE ticket_id = ?', [ticketId]))[0] ?? t
      );
    });
  }

  return [
    defineRoute({
      method: 'GET',
      url: '/queue',
      operationId: 'getQueueStatus',
      summary: "取号: the counter themes of this kiosk's site and how many wait in each today",
      tag: 'queue',
      auth: 'kiosk',
      responses: { 200: s.queueStatus },
      errors: { 400: ['unknownKiosk'] },
      async handler({ principal }) {
        const kioskId = principal?.kind === 'kiosk' ? principal.kioskId : '';
        const site = await siteOfKiosk(ctx.db, kioskId);
        const day = cstIsoDate(ctx.clock.now());
        const waiting = await waitingCounts(ctx.db, site, day);
        const themes = themesOf(await currentSite(ctx)).map((t) => ({
          ...t,
          waiting: waiting.get(t.themeId) ?? 0,
        }));
        return { status: 200, body: { site, day, themes } };
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/queue/tickets',
      operationId: 'takeQueueTicket',
      summary:
        '取号: take a number for a counter theme, anonymously or by ID card (then one waiting ticket per person and queue)',
      tag: 'queue',
      auth: 'kiosk',
      body: s.queueTicketCreate,
      responses: { 200: s.queueTicket, 201: s.queueTicket },
      errors: { 400: ['unknownKiosk', 'unknownTheme'], 403: ['kioskMismatch'] },
      async handler({ body, principal }) {
        requireKiosk(principal, body.kioskId);
        const site = await siteOfKiosk(ctx.db, body.kioskId);
        const theme = await themeNamed(ctx, body.theme);
        const now = ctx.clock.now();
        const { ticket, reissued } = await ctx.db.transaction((tx) =>
          takeTicket(tx, {
            site,
            theme,
            kioskId: body.kioskId,
            ...(body.idNumber ? { holderHash: keyedHash(ctx.cfg, 'id', body.idNumber) } : {}),
            now,
          }),
        );
        return { status: reissued ? 200 : 201, body: await ticketView(ctx.db, ticket, theme) };
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/staff/queue',
      operationId: 'getStaffQueue',
      summary: "Today's queues of a site: waiting per theme, the next numbers, what each counter called",
      tag: 'queue',
      auth: 'staff',
      roles: DESK,
      query: s.staffQueueQuery,
      responses: { 200: s.staffQueue },
      async handler({ query }) {
        const sites = (
          await ctx.db.query<{ site: string }>('SELECT DISTINCT site FROM kiosks ORDER BY site')
        ).map((r) => r.site);
        const site = query.site ?? sites[0] ?? null;
        const day = cstIsoDate(ctx.clock.now());
        const themes = await themeById();
        if (site === null) {
          const empty = [...themes.values()].map((t) => ({ ...t, waiting: 0, next: [] }));
          return { status: 200, body: { site, sites, day, themes: empty, called: [] } };
        }
        const waiting = await ctx.db.query<TicketRow>(
          `SELECT * FROM queue_tickets WHERE site = ? AND day = ? AND state = 'waiting' ORDER BY priority DESC, number`,
          [site, day],
        );
        const called = await ctx.db.query<TicketRow>(
          `SELECT * FROM queue_tickets WHERE site = ? AND day = ? AND state = 'called' ORDER BY counter, called_at`,
          [site, day],
        );
        return {
          status: 200,
          body: {
            site,
            sites,
            day,
            themes: [...themes.values()].map((t) => {
              const mine = waiting.filter((w) => w.theme === t.themeId);
              return { ...t, waiting: mine.length, next: mine.slice(0, 5).map((w) => w.label) };
            }),
            called: await Promise.all(called.map((t) => staffView(t, themes))),
          },
        };
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/staff/queue/call',
      operationId: 'callNextTicket',
      summary:
        'Call the next number for a counter (appointments first, then in order of taking); the ticket it had called is served',
      tag: 'queue',
      auth: 'staff',
      roles: DESK,
      body: s.queueCall,
      responses: { 200: s.queueCalled },
      errors: { 400: ['unknownTheme'] },
      async handler({ body, principal }) {
        const themes = await themeById();
        for (const t of body.themes) {
          if (!themes.has(t)) throw new ApiError(400, 'unknownTheme', `无此取号主题 / no queue theme ${t}`);
        }
        const now = ctx.clock.now();
        const day = cstIsoDate(now);
        const actor = actorOf(principal);
        const result = await ctx.db.transaction(async (tx) => {
          // The same locks as taking a ticket, in a fixed order: two counters never call one number.
          for (const t of [...new Set(body.themes)].sort())
            await tx.lock(`yizhan.queue.${queueKey(body.site, t, day)}`);
          await tx.lock(`yizhan.counter.${body.site}|${body.counter}`);
          const previous = await tx.query<TicketRow>(
            `SELECT * FROM queue_tickets WHERE site = ? AND day = ? AND counter = ? AND state = 'called'`,
            [body.site, day, body.counter],
          );
          for (const p of previous) {
            await tx.run(`UPDATE queue_tickets SET state = 'served', closed_at = ? WHERE ticket_id = ?`, [
              now,
              p.ticket_id,
            ]);
          }
          const marks = body.themes.map(() => '?').join(', ');
          const next = (
            await tx.query<TicketRow>(
              `SELECT * FROM queue_tickets WHERE site = ? AND day = ? AND state = 'waiting' AND theme IN (${marks})
               ORDER BY priority DESC, taken_at, number LIMIT 1`,
              [body.site, day, ...body.themes],
            )
          )[0];
          if (next) {
            await tx.run(
              `UPDATE queue_tickets SET state = 'called', counter = ?, called_at = ?, called_by = ? WHERE ticket_id = ?`,
              [body.counter, now, actor, next.ticket_id],
            );
            await appendAudit(tx, now, actor, 'queue.call', next.ticket_id, {
              site: body.site,
              counter: body.counter,
              label: next.label,
            });
          }
          return {
            served: previous.at(-1)?.label,
            called: next
              ? { ...next, state: 'called' as const, counter: body.counter, called_at: now, called_by: actor }
              : null,
          };
        });
        return {
          status: 200,
          body: {
            ticket: result.called ? await staffView(result.called, themes) : null,
            ...(result.served ? { served: result.served } : {}),
          },
        };
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/staff/queue/tickets/:ticketId/recall',
      operationId: 'recallTicket',
      summary: 'Call a called number again (the citizen did not come up yet)',
      tag: 'queue',
      auth: 'staff',
      roles: DESK,
      params: s.ticketParams,
      responses: { 200: s.staffTicket },
      errors: { 404: ['notFound'], 409: ['illegalTransition'] },
      async handler({ params, principal }) {
        const t = await changeCalled(params.ticketId, actorOf(principal), 'queue.recall', {}, (now) => [
          'UPDATE queue_tickets SET recalls = recalls + 1, called_at = ? WHERE ticket_id = ?',
          [now, params.ticketId],
        ]);
        return { status: 200, body: await staffView(t, await themeById()) };
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/staff/queue/tickets/:ticketId/close',
      operationId: 'closeTicket',
      summary: 'Close a called number: served (办结) or no-show (过号)',
      tag: 'queue',
      auth: 'staff',
      roles: DESK,
      params: s.ticketParams,
      body: s.ticketClose,
      responses: { 200: s.staffTicket },
      errors: { 404: ['notFound'], 409: ['illegalTransition'] },
      async handler({ params, body, principal }) {
        const t = await changeCalled(
          params.ticketId,
          actorOf(principal),
          'queue.close',
          { outcome: body.outcome },
          (now) => [
            'UPDATE queue_tickets SET state = ?, closed_at = ? WHERE ticket_id = ?',
            [body.outcome, now, params.ticketId],
          ],
        );
        return { status: 200, body: await staffView(t, await themeById()) };
      },
    }),
  ];
}
