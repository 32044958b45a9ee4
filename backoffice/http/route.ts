import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ZodError, ZodType, type z } from 'zod';
import type { StaffRole } from '../config';
import { checkJson } from '../../domain/json';
import { ApiError, unauthorized } from '../errors';

export type Principal =
  | { kind: 'kiosk'; kioskId: string }
  | { kind: 'staff'; username: string; role: StaffRole; displayName: string };

export type AuthMode = 'none' | 'enrollment' | 'kiosk' | 'staff' | 'kioskOrStaff';

/** A binary answer (PDF, CSV) instead of JSON. */
export interface RawReply {
  raw: Buffer | string;
  contentType: string;
  fileName?: string;
}

export interface Reply {
  status: number;
  body: unknown;
}

type Infer<S> = S extends z.ZodType ? z.output<S> : undefined;

export interface RouteSpec<
  B extends z.ZodType | undefined,
  Q extends z.ZodType | undefined,
  P extends z.ZodType | undefined,
> {
  method: 'GET' | 'POST' | 'PUT';
  /** Fastify path under /api/v1, e.g. '/filings/:filingId'. */
  url: string;
  /** Unique camelCase name: client generators name their methods from it. */
  operationId: string;
  summary: string;
  tag: string;
  auth: AuthMode;
  /** What the document says when the handler checks credentials itself (heartbeat: one statement). */
  documentedAuth?: AuthMode;
  /** Staff roles allowed (staff auth); all roles when omitted. */
  roles?: readonly StaffRole[];
  body?: B;
  query?: Q;
  params?: P;
  /** Accepted raw content types; the handler gets `rawBody`. JSON `body` may still be accepted. */
  rawTypes?: readonly string[];
  responses: Record<number, z.ZodType | { description: string; contentType: string }>;
  /**
   * Error codes this route answers itself, by HTTP status. Those of authentication, roles, input
   * validation and raw bodies are added by `documentedErrors`; with `validateResponses` an error
   * answer that is not documented here fails the request, so the document cannot drift.
   */
  errors?: Partial<Record<ErrorStatus, readonly string[]>>;
  handler(input: {
    body: Infer<B>;
    query: Infer<Q>;
    params: Infer<P>;
    rawBody: Buffer | undefined;
    principal: Principal | undefined;
    headers: FastifyRequest['headers'];
    /** The client's address (the proxy's X-Forwarded-For with `trustProxy`): a source for guess limits. */
    source: string;
  }): Promise<Reply | RawReply>;
}

export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 413 | 415 | 423 | 502 | 503;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyRoute = RouteSpec<any, any, any>;

export interface RouteHooks {
  /** Check each JSON answer against `responses[status]`: an undocumented shape or status is a bug. */
  validateResponses?: boolean;
  authenticate(
    mode: AuthMode,
    req: FastifyRequest,
    roles: readonly StaffRole[] | undefined,
  ): Promise<Principal | undefined>;
}

export function defineRoute<
  B extends z.ZodType | undefined = undefined,
  Q extends z.ZodType | undefined = undefined,
  P extends z.ZodType | undefined = undefined,
>(spec: RouteSpec<B, Q, P>): RouteSpec<B, Q, P> {
  return spec;
}

/** Every error code a route may answer, by status: what the spec declares plus what its shape implies. */
export function documentedErrors(spec: AnyRoute): Map<number, Set<string>> {
  const out = new Map<number, Set<string>>();
  const add = (status: number, ...codes: string[]) => {
    const set = out.get(status) ?? new Set<string>();
    for (const c of codes) set.add(c);
    out.set(status, set);
  };
  if (spec.params || spec.query || spec.body) add(400, 'validationFailed');
  if (spec.body) add(400, 'badRequest');
  if (spec.rawTypes?.length) {
    add(413, 'tooLarge');
    add(415, 'unsupportedMediaType');
  }
  const auth = spec.documentedAuth ?? spec.auth;
  if (auth === 'enrollment') add(401, 'badEnrollmentToken');
  else if (auth !== 'none') add(401, 'unauthorized');
  if (spec.roles && auth !== 'none') add(403, 'forbidden');
  for (const [status, codes] of Object.entries(spec.errors ?? {})) add(Number(status), ...(codes ?? []));
  return out;
}

/** With validateResponses: an error answer the route does not document is a bug in the route or its spec. */
function checkDocumented(spec: AnyRoute, documented: Map<number, Set<string>>, err: unknown): void {
  const [status, code] =
    err instanceof ApiError
      ? [err.status, err.code]
      : err instanceof ZodError
        ? [400, 'validationFailed']
        : [undefined, undefined];
  if (status === undefined || status >= 500) return;
  if (!documented.get(status)?.has(code)) {
    throw new Error(
      `${spec.method} ${spec.url} answered ${status} ${code}, which its spec does not document`,
    );
  }
}

/**
 * Backstop bounds of every request's params, query and JSON body, checked before any schema walks
 * them: nesting (the free-form fields have tighter bounds of their own) and text that no store keeps
 * as it is (a lone surrogate, NUL), wherever it sits — names, addresses, form values, user names,
 * reasons, notes — before anything is hashed or stored (issue #12).
 */
export const REQUEST_BOUNDS = { maxDepth: 32, maxSize: 4_000_000 } as const;

function refuseUnboundedInput(
  req: FastifyRequest,
  declared: { params?: unknown; query?: unknown; body?: unknown },
) {
  const parts = [
    declared.params ? req.params : undefined,
    declared.query ? req.query : undefined,
    declared.body && !Buffer.isBuffer(req.body) ? req.body : undefined,
  ];
  for (const part of parts) {
    const problem = part === undefined ? undefined : checkJson(part, REQUEST_BOUNDS);
    if (problem)
      throw new ApiError(400, 'validationFailed', '请求内容不符合要求 / request is invalid', [
        { path: problem.path.map(String).join('.'), message: problem.message },
      ]);
  }
}

/** Who made each request, as `onRequest` established it before anything of the body was read. */
const principals = new WeakMap<FastifyRequest, Principal | undefined>();

const BEARER = /^Bearer\s+\S+$/i;

/** A client error about the request's shape or content (not about who sent it). */
function isInputError(err: unknown): boolean {
  if (err instanceof ZodError) return true;
  if (err instanceof ApiError) return err.status === 400 || err.status === 413 || err.status === 415;
  const status = (err as { statusCode?: unknown }).statusCode;
  return typeof status === 'number' && status >= 400 && status < 500 && status !== 401 && status !== 403;
}

/**
 * Registers one spec on fastify: authenticate (onRequest, before the body is even parsed) →
 * zod-parse params/query/body → handler → reply. Nobody without a valid credential learns anything
 * about what a route accepts: an anonymous caller gets 401, whatever the body (issue #12). A route
 * that authenticates inside its own statement (`documentedAuth`, the heartbeat) needs a bearer token
 * up front, and a request it refuses as malformed is authenticated before the refusal is told.
 */
export function mount(app: FastifyInstance, prefix: string, spec: AnyRoute, hooks: RouteHooks): void {
  const documented = documentedErrors(spec);
  const deferred = spec.documentedAuth !== undefined && spec.documentedAuth !== spec.auth;
  app.route({
    method: spec.method,
    url: `${prefix}${spec.url}`,
    onRequest: async (req: FastifyRequest) => {
      if (deferred) {
        if (!BEARER.test(req.headers.authorization ?? '')) throw unauthorized();
        return;
      }
      principals.set(req, await hooks.authenticate(spec.auth, req, spec.roles));
    },
    ...(deferred
      ? {
          // fastify awaits an async error handler and hands what it throws to the instance's handler.
          // eslint-disable-next-line @typescript-eslint/no-misused-promises
          errorHandler: async (err: unknown, req: FastifyRequest) => {
            // Tell a malformed request apart from a forged one only to its rightful sender.
            if (isInputError(err)) {
              const p = await hooks.authenticate(spec.documentedAuth!, req, spec.roles);
              // The statement it skipped authenticates the kiosk named in the path, not any kiosk.
              const named = (req.params as { kioskId?: unknown } | undefined)?.kioskId;
              if (named !== undefined && (p?.kind !== 'kiosk' || p.kioskId !== named)) throw unauthorized();
            }
            throw err;
          },
        }
      : {}),
    handler: async (req: FastifyRequest, reply: FastifyReply) => {
      if (!hooks.validateResponses) return answer(req, reply);
      try {
        return await answer(req, reply);
      } catch (err) {
        checkDocumented(spec, documented, err);
        throw err;
      }
    },
  });

  async function answer(req: FastifyRequest, reply: FastifyReply) {
    const principal = principals.get(req);
    const schemas = spec as { params?: z.ZodType; query?: z.ZodType; body?: z.ZodType };
    refuseUnboundedInput(req, schemas);
    const params: unknown = schemas.params ? schemas.params.parse(req.params) : undefined;
    const query: unknown = schemas.query ? schemas.query.parse(req.query) : undefined;
    const isRaw = Buffer.isBuffer(req.body);
    const body: unknown = schemas.body && !isRaw ? schemas.body.parse(req.body ?? {}) : undefined;
    const out = await spec.handler({
      body,
      query,
      params,
      rawBody: isRaw ? (req.body as Buffer) : undefined,
      principal,
      headers: req.headers,
      source: req.ip,
    });
    if ('raw' in out) {
      void reply.header('content-type', out.contentType);
      if (out.fileName) {
        void reply.header(
          'content-disposition',
          `attachment; filename*=UTF-8''${encodeURIComponent(out.fileName)}`,
        );
      }
      return reply.code(200).send(out.raw);
    }
    if (hooks.validateResponses) {
      const schema = spec.responses[out.status];
      if (!(schema instanceof ZodType)) {
        throw new Error(
          `${spec.method} ${spec.url} answered ${out.status}, which its spec does not document`,
        );
      }
      const checked = schema.safeParse(out.body);
      if (!checked.success) {
        throw new Error(
          `${spec.method} ${spec.url} ${out.status} does not match its schema: ${checked.error.message}`,
        );
      }
    }
    return reply.code(out.status).send(out.body);
  }
}
