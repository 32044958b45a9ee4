import type { Ctx } from '../context';
import { ApiError } from '../errors';
import { defineRoute, type AnyRoute } from '../http/route';
import * as s from '../schemas';

export function metaRoutes(ctx: Ctx): AnyRoute[] {
  return [
    defineRoute({
      method: 'GET',
      url: '/elicences',
      operationId: 'listElicences',
      summary: '电子证照: licences held by an ID number (sample registry or provincial platform)',
      tag: 'elicences',
      auth: 'kiosk',
      query: s.elicenceQuery,
      responses: { 200: s.elicenceReply },
      errors: { 503: ['elicenceUnavailable'] },
      async handler({ query }) {
        let items;
        try {
          items = await ctx.elicences.lookup(query.idNumber);
        } catch {
          // The provincial platform is down or refused: say so, do not pretend the person holds nothing.
          throw new ApiError(
            503,
            'elicenceUnavailable',
            '电子证照平台暂不可用，请稍后再试 / the e-licence platform is unavailable',
          );
        }
        return { status: 200, body: { items } };
      },
    }),
  ];
}
