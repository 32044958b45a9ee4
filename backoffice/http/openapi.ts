import { z } from 'zod';
import { documentedErrors, type AnyRoute } from './route';
import { errorBody } from '../schemas';

const ERROR_REF = { $ref: '#/components/schemas/Error' };

const STATUS_TEXT: Record<number, string> = {
  400: 'Invalid request',
  401: 'Missing or invalid credentials',
  403: 'Not allowed for this credential or role',
  404: 'Not found',
  409: 'Conflicts with the current state',
  413: 'Too large',
  415: 'Unsupported content type',
  423: 'Locked out after too many failed attempts',
  502: 'An upstream system answered wrongly',
  503: 'An upstream system is unavailable',
};

/** The documented error answers of one route: status → its codes (the `error.code` values). */
function errorResponses(r: AnyRoute): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [status, codes] of [...documentedErrors(r)].sort(([a], [b]) => a - b)) {
    out[String(status)] = {
      description: `${STATUS_TEXT[status] ?? 'Error'} (error.code: ${[...codes].sort().join(', ')})`,
      content: { 'application/json': { schema: ERROR_REF } },
    };
  }
  return out;
}

/**
 * JSON Schema of one request or response. Definitions a schema shares with itself (a recursive guard
 * tree in the catalogue, a service definition) are lifted into `components.schemas` under their zod
 * `id` (suffixed `Input` for request bodies), so that every operation refers to one copy and `$ref`s
 * resolve in the whole document.
 */
function jsonSchema(
  schema: z.ZodType,
  io: 'input' | 'output',
  shared: Record<string, unknown>,
): Record<string, unknown> {
  const js = z.toJSONSchema(schema, { io, target: 'draft-2020-12', unrepresentable: 'any' }) as Record<
    string,
    unknown
  >;
  const defs = (js.$defs ?? {}) as Record<string, unknown>;
  // Defaults make a schema's input differ from its output: each direction has its own component.
  const named = (id: string) => (io === 'input' ? `${id}Input` : id);
  delete js.$defs;
  delete js.$schema;
  const relink = (v: unknown): unknown => {
    const text = JSON.stringify(v).replace(/"#\/\$defs\/([^"]+)"/g, (_m, id: string) => {
      if (!/^[A-Za-z][A-Za-z0-9]*$/.test(id)) throw new Error(`schema ${id} needs a .meta({ id }) name`);
      return `"#/components/schemas/${named(id)}"`;
    });
    return JSON.parse(text) as unknown;
  };
  for (const [id, def] of Object.entries(defs)) {
    const lifted = relink(def);
    if (shared[named(id)] !== undefined && JSON.stringify(shared[named(id)]) !== JSON.stringify(lifted))
      throw new Error(`two different schemas are named ${named(id)}`);
    shared[named(id)] = lifted;
  }
  return relink(js) as Record<string, unknown>;
}

/**
 * The product is proprietary (package.json: UNLICENSED); integrators of a hall use this API under
 * the hall's agreement. SPDX has no identifier for that, hence a LicenseRef.
 */
const LICENCE = { name: 'Proprietary (Yizhan)', identifier: 'LicenseRef-Yizhan-Proprietary' };

/** OpenAPI 3.1 built from the same zod schemas the handlers parse with. */
export function buildOpenApi(
  routes: readonly AnyRoute[],
  prefix: string,
  version: string,
): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  const shared: Record<string, unknown> = {};
  for (const r of routes) {
    const path = `${prefix}${r.url}`.replace(/:(\w+)/g, '{$1}');
    const parameters: Record<string, unknown>[] = [];
    for (const [where, schema] of [
      ['path', r.params],
      ['query', r.query],
    ] as const) {
      if (!schema) continue;
      const js = jsonSchema(schema as z.ZodType, 'input', shared) as {
        properties?: Record<string, unknown>;
        required?: string[];
      };
      for (const [name, s] of Object.entries(js.properties ?? {})) {
        parameters.push({
          name,
          in: where,
          required: where === 'path' || (js.required ?? []).includes(name),
          schema: s,
        });
      }
    }
    if (r.url === '/filings' && r.method === 'POST') {
      parameters.push({
        name: 'Idempotency-Key',
        in: 'header',
        required: true,
        schema: { type: 'string', minLength: 8 },
      });
    }
    if (r.auth === 'enrollment') {
      parameters.push({
        name: 'X-Enrollment-Token',
        in: 'header',
        required: true,
        schema: { type: 'string' },
      });
    }
    const content: Record<string, unknown> = {};
    if (r.body) content['application/json'] = { schema: jsonSchema(r.body as z.ZodType, 'input', shared) };
    for (const t of r.rawTypes ?? []) content[t] = { schema: { type: 'string', contentEncoding: 'binary' } };
    const responses: Record<string, unknown> = {};
    for (const [status, s] of Object.entries(r.responses)) {
      responses[status] =
        s instanceof z.ZodType
          ? {
              description: r.summary,
              content: { 'application/json': { schema: jsonSchema(s, 'output', shared) } },
            }
          : { description: s.description, content: { [s.contentType]: { schema: { type: 'string' } } } };
    }
    Object.assign(responses, errorResponses(r));
    responses.default = {
      description: 'Unexpected error (error.code: internal)',
      content: { 'application/json': { schema: ERROR_REF } },
    };
    const auth = r.documentedAuth ?? r.auth;
    const security =
      auth === 'kiosk'
        ? [{ kiosk: [] }]
        : auth === 'staff'
          ? [{ staff: [] }]
          : auth === 'kioskOrStaff'
            ? [{ kiosk: [] }, { staff: [] }]
            : [];
    (paths[path] ??= {})[r.method.toLowerCase()] = {
      operationId: r.operationId,
      summary: r.summary,
      tags: [r.tag],
      ...(r.roles ? { description: `Staff roles: ${r.roles.join(', ')}` } : {}),
      ...(parameters.length ? { parameters } : {}),
      ...(Object.keys(content).length ? { requestBody: { required: true, content } } : {}),
      responses,
      security,
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Yizhan back office API (一站后台)',
      version,
      description:
        'Kiosk-facing and staff routes of the hall back office. Errors are `{"error":{"code","message","fields?"}}`; each operation lists the codes it answers.',
      license: LICENCE,
    },
    servers: [{ url: '/' }],
    components: {
      schemas: { Error: jsonSchema(errorBody, 'output', shared), ...shared },
      securitySchemes: {
        kiosk: { type: 'http', scheme: 'bearer', description: 'Per-kiosk credential from /kiosks/register' },
        staff: { type: 'http', scheme: 'bearer', description: 'Staff session token from /staff/login' },
      },
    },
    paths,
  };
}
