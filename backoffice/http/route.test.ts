import Fastify from 'fastify';
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../errors';
import { defineRoute, documentedErrors, mount } from './route';

const spec = defineRoute({
  method: 'POST',
  url: '/things/:id',
  operationId: 'touchThing',
  summary: 'test route',
  tag: 'test',
  auth: 'staff',
  roles: ['supervisor'],
  params: z.object({ id: z.string() }),
  body: z.object({ fail: z.enum(['documented', 'undocumented', 'none']) }),
  responses: { 200: z.object({ ok: z.literal(true) }) },
  errors: { 409: ['alreadyDone'] },
  handler({ body }) {
    if (body.fail === 'documented') throw new ApiError(409, 'alreadyDone', 'done');
    if (body.fail === 'undocumented') throw new ApiError(409, 'somethingElse', 'other');
    return Promise.resolve({ status: 200, body: { ok: true } });
  },
});

describe('route specs', () => {
  it('documents the errors its shape implies next to the declared ones', () => {
    const errors = Object.fromEntries([...documentedErrors(spec)].map(([k, v]) => [k, [...v].sort()]));
    expect(errors).toEqual({
      400: ['badRequest', 'validationFailed'],
      401: ['unauthorized'],
      403: ['forbidden'],
      409: ['alreadyDone'],
    });
  });

  it('fails an answer with an undocumented error code when responses are validated', async () => {
    for (const validateResponses of [true, false]) {
      const app = Fastify();
      app.setErrorHandler((err, _req, reply) =>
        err instanceof ApiError
          ? reply.code(err.status).send({ code: err.code })
          : reply.code(500).send({ code: 'internal' }),
      );
      mount(app, '/api', spec, { validateResponses, authenticate: () => Promise.resolve(undefined) });
      const call = (fail: string) => app.inject({ method: 'POST', url: '/api/things/1', payload: { fail } });
      expect((await call('none')).statusCode).toBe(200);
      expect((await call('documented')).json()).toEqual({ code: 'alreadyDone' });
      expect((await call('undocumented')).json()).toEqual(
        validateResponses ? { code: 'internal' } : { code: 'somethingElse' },
      );
      await app.close();
    }
  });
});
