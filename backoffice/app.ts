import Fastify, { LogController, type FastifyError, type FastifyInstance, type FastifyReply } from 'fastify';
import { ZodError } from 'zod';
import { resolveConfig, type BackofficeConfig } from './config';
import { silentLog, type Clock, type Ctx } from './context';
import { migrate } from './db/migrations';
import type { Database } from './db/types';
import { maskText as maskLogLine, maskUrlQuery as maskUrl } from '../domain/identity';
import { SampleElicenceProvider } from './domain/elicence';
import { themesOf } from './domain/queue';
import { citizenDataFrom } from './providers';
import { ratingEndpointFrom } from './providers/rating-endpoint';
import { ApiError } from './errors';
import { authenticator } from './http/auth';
import { buildOpenApi } from './http/openapi';
import { mount, type AnyRoute } from './http/route';
import { citizenRoutes } from './routes/citizen';
import { documentRoutes } from './routes/documents';
import { filingRoutes } from './routes/filings';
import { kioskRoutes } from './routes/kiosks';
import { lockerRoutes } from './routes/lockers';
import { metaRoutes } from './routes/meta';
import { queueRoutes } from './routes/queue';
import { ratingRoutes } from './routes/ratings';
import { staffRoutes } from './routes/staff';
import { NoticeRenderer } from './results/renderer';
import { seedConfig } from './services/site';
import { DEFAULT_FORWARDER, RatingForwarder } from './services/rating-forwarder';
import { seedStaff } from './services/staff';

export const API_PREFIX = '/api/v1';
export const API_VERSION = '1.0.0';

export interface BackofficeOptions {
  db: Database;
  clock?: Clock;
  config: BackofficeConfig;
  /** Renders result documents (default: the print-templates 办件结果通知书 in a worker thread). */
  renderer?: Ctx['renderer'];
}

function errorReply(err: unknown): { status: number; body: { error: Record<string, unknown> } } {
  if (err instanceof ApiError) {
    return {
      status: err.status,
      body: {
        error: { code: err.code, message: err.message, ...(err.fields ? { fields: err.fields } : {}) },
      },
    };
  }
  if (err instanceof ZodError) {
    return {
      status: 400,
      body: {
        error: {
          code: 'validationFailed',
          message: '请求内容不符合要求 / request is invalid',
          fields: err.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })),
        },
      },
    };
  }
  const code = (err as Partial<FastifyError>).code;
  if (code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
    return {
      status: 413,
      body: { error: { code: 'tooLarge', message: '文件过大 / body exceeds the size limit' } },
    };
  }
  if (code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
    return {
      status: 415,
      body: {
        error: { code: 'unsupportedMediaType', message: '不支持的内容类型 / unsupported content type' },
      },
    };
  }
  const status = (err as Partial<FastifyError>).statusCode;
  if (status && status >= 400 && status < 500) {
    return { status, body: { error: { code: 'badRequest', message: '请求格式错误 / malformed request' } } };
  }
  return { status: 500, body: { error: { code: 'internal', message: '服务内部错误 / internal error' } } };
}

/**
 * Builds the back office: migrates the database, seeds configuration and staff, and returns the
 * fastify instance (not listening) so tests can `inject()` or `listen()` on loopback.
 */
export async function createBackoffice(opts: BackofficeOptions): Promise<FastifyInstance> {
  const cfg = resolveConfig(opts.config);
  const clock = opts.clock ?? { now: () => Date.now() };
  const ctx: Ctx = {
    db: opts.db,
    cfg,
    clock,
    elicences: opts.config.elicences ?? new SampleElicenceProvider(),
    citizenData: citizenDataFrom(
      opts.config.citizenData,
      clock,
      themesOf(cfg.site).map((t) => t.themeId),
    ),
    renderer: opts.renderer ?? new NoticeRenderer(),
    ratingForwarder: { kick: () => undefined },
    log: silentLog,
  };
  await migrate(opts.db, clock.now());
  await seedConfig(ctx);
  await seedStaff(ctx);

  const log = cfg.logger;
  const out = log ? (log.destination ?? process.stdout) : undefined;
  const app = Fastify({
    logger:
      log && out
        ? {
            level: log.level ?? 'info',
            stream: { write: (line: string) => out.write(maskLogLine(line)) },
            serializers: {
              req: (req: { method: string; url: string }) => ({ method: req.method, url: maskUrl(req.url) }),
            },
          }
        : false,
    // One access line per request (below) instead of fastify's two.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: 1024 * 1024,
    trustProxy: cfg.trustProxy,
  });
  ctx.log = app.log;
  if (log) {
    app.addHook('onResponse', (req, reply, done) => {
      req.log.info(
        {
          method: req.method,
          url: maskUrl(req.url),
          status: reply.statusCode,
          ms: Math.round(reply.elapsedTime * 10) / 10,
        },
        'request',
      );
      done();
    });
  }
  // Every answer (API, console, errors, 404s) says what it is and nothing may sniff another type.
  app.addHook('onSend', async (_req, reply, payload) => {
    void reply.header('x-content-type-options', 'nosniff');
    return payload;
  });
  app.addContentTypeParser(
    ['image/jpeg', 'application/pdf'],
    { parseAs: 'buffer', bodyLimit: cfg.maxMaterialBytes },
    (_req, body, done) => done(null, body),
  );
  app.setErrorHandler((err, req, reply) => {
    const { status, body } = errorReply(err);
    if (status >= 500)
      req.log.error(
        {
          url: maskUrl(req.url),
          err: { message: (err as Error).message, code: (err as FastifyError).code },
        },
        'request failed',
      );
    return reply.code(status).send(body);
  });
  app.setNotFoundHandler((_req, reply) =>
    reply.code(404).send({ error: { code: 'notFound', message: '接口不存在 / no such route' } }),
  );

  const routes: AnyRoute[] = [
    ...kioskRoutes(ctx),
    ...filingRoutes(ctx),
    ...lockerRoutes(ctx),
    ...staffRoutes(ctx),
    ...metaRoutes(ctx),
    ...ratingRoutes(ctx),
    ...citizenRoutes(ctx),
    ...documentRoutes(ctx),
    ...queueRoutes(ctx),
  ];
  app.addHook('onClose', () => ctx.renderer.close());
  const forwarding = opts.config.ratingForwarding ?? {};
  if (forwarding.enabled !== false) {
    const { endpoint, enabled: _enabled, ...policy } = forwarding;
    const forwarder = new RatingForwarder(ctx, ratingEndpointFrom(endpoint), {
      ...DEFAULT_FORWARDER,
      ...policy,
    });
    ctx.ratingForwarder = forwarder;
    app.addHook('onReady', (done) => {
      forwarder.start();
      done();
    });
    app.addHook('onClose', () => forwarder.stop());
  }
  const hooks = { authenticate: authenticator(ctx), validateResponses: cfg.validateResponses };
  for (const r of routes) mount(app, API_PREFIX, r, hooks);
  const openapi = buildOpenApi(routes, API_PREFIX, API_VERSION);
  app.get(`${API_PREFIX}/openapi.json`, () => openapi);
  // Probes for load balancers and monitors, at the root and under the API prefix. They are
  // infrastructure, not API operations (no input, no credential, no client error), so the OpenAPI
  // document leaves them out. 503 while the database does not answer.
  const health = async (_req: unknown, reply: FastifyReply) => {
    const db = opts.db.dialect;
    try {
      await opts.db.query('SELECT 1 AS one');
      return { ok: true, db };
    } catch {
      return reply.code(503).send({ ok: false, db });
    }
  };
  for (const url of ['/healthz', `${API_PREFIX}/healthz`]) app.get(url, health);
  return app;
}
