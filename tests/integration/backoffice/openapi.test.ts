// The served OpenAPI document against the routes fastify really serves: nothing undocumented,
// nothing documented that does not exist, and every path parameter and body declared.
import SwaggerParser from '@apidevtools/swagger-parser';
import type { FastifyInstance } from 'fastify';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { HEALTH_VALUES } from '../../../devices/core';
import { BackendHarness } from '../../helpers/backoffice-server';

interface Operation {
  operationId?: string;
  summary?: string;
  parameters?: { name: string; in: string; required?: boolean }[];
  requestBody?: { content: Record<string, unknown> };
  responses: Record<string, unknown>;
  security?: unknown[];
}

const harness = new BackendHarness('sqlite');
let app: FastifyInstance;
let doc: {
  openapi: string;
  info: { license?: unknown };
  paths: Record<string, Record<string, Operation>>;
};

beforeAll(async () => {
  ({ app } = await harness.start());
  await app.ready();
  doc = (await app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json();
});
afterAll(() => harness.stop());

/** `METHOD /path/{param}` for every route in fastify's printRoutes() tree (HEAD is implicit). */
function servedRoutes(tree: string): Set<string> {
  const out = new Set<string>();
  const stack: string[] = [];
  for (const line of tree.split('\n')) {
    const m = /^((?:[│ ] {3})*)[├└]── (\S+)(?: \(([^)]+)\))?/.exec(line);
    if (!m) continue;
    const depth = (m[1] ?? '').length / 4;
    stack.length = depth;
    const path = (stack[depth - 1] ?? '') + (m[2] ?? '');
    stack[depth] = path;
    for (const method of (m[3] ?? '').split(', ').filter((x) => x && x !== 'HEAD')) {
      out.add(`${method} ${path.replace(/:(\w+)/g, '{$1}')}`);
    }
  }
  return out;
}

it('documents exactly the routes the service serves', () => {
  const served = servedRoutes(app.printRoutes({ commonPrefix: false }));
  // The document itself and the health probes (root and prefixed) are not API operations.
  served.delete('GET /api/v1/openapi.json');
  served.delete('GET /healthz');
  served.delete('GET /api/v1/healthz');
  const documented = new Set(
    Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`),
    ),
  );
  expect(served.size).toBeGreaterThan(30);
  expect([...documented].sort()).toEqual([...served].sort());
});

it('declares every path parameter, body, response and security scheme', () => {
  for (const [path, ops] of Object.entries(doc.paths)) {
    const inPath = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
    for (const [method, op] of Object.entries(ops)) {
      const where = `${method.toUpperCase()} ${path}`;
      expect(op.summary, where).toBeTruthy();
      const declared = (op.parameters ?? []).filter((p) => p.in === 'path').map((p) => p.name);
      expect(declared.sort(), where).toEqual([...inPath].sort());
      expect(
        Object.keys(op.responses).some((s) => /^2\d\d$/.test(s)),
        where,
      ).toBe(true);
      expect(op.responses, where).toHaveProperty('default');
      if (method === 'put') expect(op.requestBody, where).toBeDefined();
      expect(Array.isArray(op.security), where).toBe(true);
    }
  }
  const create = doc.paths['/api/v1/filings']?.post;
  expect(create?.parameters?.find((p) => p.name === 'Idempotency-Key')).toMatchObject({
    in: 'header',
    required: true,
  });
  expect(doc.paths['/api/v1/staff/login']?.post?.security).toEqual([]);
  expect(doc.paths['/api/v1/staff/filings']?.get?.security).toEqual([{ staff: [] }]);
  expect(doc.paths['/api/v1/kiosks/{kioskId}/heartbeat']?.post?.security).toEqual([{ kiosk: [] }]);
  expect(doc.paths['/api/v1/kiosks/register']?.post?.parameters).toContainEqual(
    expect.objectContaining({ name: 'X-Enrollment-Token', in: 'header', required: true }),
  );
});

it('answers unknown routes and malformed requests with the documented error shape', async () => {
  for (const r of [
    await app.inject({ method: 'GET', url: '/api/v1/nope' }),
    await app.inject({ method: 'POST', url: '/api/v1/staff/login', payload: { username: '' } }),
    await app.inject({
      method: 'POST',
      url: '/api/v1/staff/login',
      headers: { 'content-type': 'application/json' },
      payload: '{',
    }),
    await app.inject({
      method: 'POST',
      url: '/api/v1/staff/login',
      headers: { 'content-type': 'text/xml' },
      payload: '<x/>',
    }),
  ]) {
    expect(r.statusCode).toBeGreaterThanOrEqual(400);
    const body = r.json<{ error: { code: string; message: string } }>();
    expect(Object.keys(body)).toEqual(['error']);
    expect(body.error.code).toMatch(/^[a-z][A-Za-z]+$/);
    expect(body.error.message).toMatch(/[\u4e00-\u9fff].* \/ [A-Za-z]/);
  }
});

it('accepts in heartbeats exactly the device health vocabulary the kiosk reports (devices/core)', () => {
  const body = doc.paths['/api/v1/kiosks/{kioskId}/heartbeat']?.post?.requestBody?.content[
    'application/json'
  ] as {
    schema: { properties: { devices: { items: { properties: { health: { enum: string[] } } } } } };
  };
  expect([...body.schema.properties.devices.items.properties.health.enum].sort()).toEqual(
    [...HEALTH_VALUES].sort(),
  );
});

it('passes redocly lint with the recommended rules (offline) without a warning', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'yizhan-openapi-'));
  try {
    const file = path.join(dir, 'openapi.json');
    writeFileSync(file, JSON.stringify(doc));
    const cli = path.resolve('node_modules/@redocly/cli/bin/cli.js');
    const lint = [process.execPath, cli, 'lint', '--extends=recommended', '--format=json', file];
    // Offline: no telemetry, no update check; where user namespaces work, no network at all.
    const isolated = spawnSync('unshare', ['-rn', 'true']).status === 0;
    const [cmd, ...args] = isolated ? ['unshare', '-rn', ...lint] : lint;
    const r = spawnSync(cmd!, args, {
      encoding: 'utf8',
      env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
      timeout: 120_000,
    });
    const report = JSON.parse(r.stdout) as {
      totals: { errors: number; warnings: number; ignored: number };
      problems: { ruleId: string; location: { pointer: string }[] }[];
    };
    const problems = report.problems.map((p) => `${p.ruleId} ${p.location[0]?.pointer ?? ''}`);
    expect(problems).toEqual([]);
    expect(report.totals).toEqual({ errors: 0, warnings: 0, ignored: 0 });
    expect(r.status).toBe(0);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}, 120_000);

it('validates with swagger-parser, names every operation uniquely and documents its client errors', async () => {
  await SwaggerParser.validate(structuredClone(doc) as never);
  const ops = Object.values(doc.paths).flatMap((o) => Object.values(o));
  const ids = ops.map((o) => o.operationId);
  expect(ids.every((id) => typeof id === 'string' && /^[a-z][A-Za-z]+$/.test(id))).toBe(true);
  expect(new Set(ids).size).toBe(ids.length);
  for (const op of ops) {
    expect(
      Object.keys(op.responses).some((s) => /^4\d\d$/.test(s)),
      op.operationId,
    ).toBe(true);
  }
  const licence = doc.info.license as { name?: unknown; identifier?: unknown } | undefined;
  expect(typeof licence?.name).toBe('string');
  expect(typeof licence?.identifier).toBe('string');
});

it('answers the health probes with 503 when the database is gone, and stays out of the document', async () => {
  const other = new BackendHarness('sqlite');
  const { app: probe, db } = await other.start();
  try {
    for (const url of ['/healthz', '/api/v1/healthz']) {
      expect((await probe.inject({ method: 'GET', url })).json()).toEqual({ ok: true, db: 'sqlite' });
    }
    await db.close();
    const down = await probe.inject({ method: 'GET', url: '/api/v1/healthz' });
    expect(down.statusCode).toBe(503);
    expect(down.json()).toEqual({ ok: false, db: 'sqlite' });
  } finally {
    await probe.close();
  }
  expect(doc.paths['/api/v1/healthz']).toBeUndefined();
});
