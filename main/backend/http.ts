import { BackofficeError, type FieldIssue } from './errors';

export interface HttpOptions {
  baseUrl: string;
  /** Per-request timeout; a request that takes longer fails with kind `timeout`. */
  timeoutMs: number;
  fetch?: typeof fetch;
}

export interface HttpRequest {
  method: 'GET' | 'POST';
  path: string;
  query?: Record<string, string | undefined>;
  headers?: Record<string, string>;
  json?: unknown;
  raw?: { body: Uint8Array; contentType: string };
  signal?: AbortSignal;
  timeoutMs?: number;
  /** Answer is binary (a PDF): the body comes back as bytes. */
  binary?: boolean;
}

export interface HttpResponse<T> {
  status: number;
  body: T;
}

/** Sends one request under /api/v1 and maps every failure to a BackofficeError. */
export async function sendRequest<T>(opts: HttpOptions, req: HttpRequest): Promise<HttpResponse<T>> {
  const url = new URL(`${opts.baseUrl.replace(/\/+$/, '')}/api/v1${req.path}`);
  for (const [k, v] of Object.entries(req.query ?? {})) if (v !== undefined) url.searchParams.set(k, v);
  const timeout = AbortSignal.timeout(req.timeoutMs ?? opts.timeoutMs);
  const signal = req.signal ? AbortSignal.any([req.signal, timeout]) : timeout;
  const headers: Record<string, string> = { accept: 'application/json', ...req.headers };
  let body: string | Uint8Array | undefined;
  if (req.json !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(req.json);
  } else if (req.raw) {
    headers['content-type'] = req.raw.contentType;
    body = req.raw.body;
  }
  let res: Response;
  let text: string;
  let bytes: Uint8Array | undefined;
  try {
    res = await (opts.fetch ?? fetch)(url, { method: req.method, headers, body: body ?? null, signal });
    if (req.binary && res.ok) {
      bytes = new Uint8Array(await res.arrayBuffer());
      text = '';
    } else {
      text = await res.text();
    }
  } catch (err) {
    if (req.signal?.aborted) throw err;
    if (timeout.aborted) {
      throw new BackofficeError('timeout', `${req.method} ${req.path} timed out`, { cause: err });
    }
    throw new BackofficeError('network', `${req.method} ${req.path} failed: ${describe(err)}`, {
      cause: err,
    });
  }
  if (bytes) return { status: res.status, body: bytes as T };
  const parsed = parseJson(text);
  if (res.ok) return { status: res.status, body: parsed as T };
  const error = readErrorBody(parsed);
  const retryAfterS = parseRetryAfter(res.headers.get('retry-after'));
  const details = {
    status: res.status,
    ...(error.code !== undefined ? { code: error.code } : {}),
    ...(error.fields !== undefined ? { fields: error.fields } : {}),
    ...(retryAfterS !== undefined ? { retryAfterS } : {}),
  };
  const message = `${req.method} ${req.path} → ${res.status}${error.message ? `: ${error.message}` : ''}`;
  throw new BackofficeError(res.status >= 500 ? 'server' : 'rejected', message, details);
}

function parseJson(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function readErrorBody(body: unknown): { code?: string; message?: string; fields?: FieldIssue[] } {
  if (typeof body !== 'object' || body === null || !('error' in body)) return {};
  const e = body.error;
  if (typeof e !== 'object' || e === null) return {};
  const { code, message, fields } = e as Record<string, unknown>;
  return {
    ...(typeof code === 'string' ? { code } : {}),
    ...(typeof message === 'string' ? { message } : {}),
    ...(Array.isArray(fields) ? { fields: fields as FieldIssue[] } : {}),
  };
}

function parseRetryAfter(value: string | null): number | undefined {
  if (!value) return undefined;
  const s = Number(value);
  if (Number.isFinite(s) && s >= 0) return s;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, (at - Date.now()) / 1000);
}

function describe(err: unknown): string {
  if (err instanceof Error) {
    const cause = err.cause instanceof Error ? ` (${err.cause.message})` : '';
    return `${err.message}${cause}`;
  }
  return String(err);
}
