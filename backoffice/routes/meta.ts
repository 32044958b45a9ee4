import type { Ctx } from '../context';
import { defineRoute, type AnyRoute } from '../http/route';
import * as s from '../schemas';

export function metaRoutes(ctx: Ctx): AnyRoute[] {
  return [
    defineRoute({
      method: 'GET',
      url: '/elicences',
      summary: '电子证照: licences held by an ID number (sample registry or provincial platform)',
      tag: 'elicences',
      auth: 'kiosk',
      query: s.elicenceQuery,
      responses: { 200: s.elicenceReply },
      async handler({ query }) {
        return { status: 200, body: { items: await ctx.elicences.lookup(query.idNumber) } };
      },
    }),
  ];
}
