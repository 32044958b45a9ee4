// The console's only door to the back office: the HTTP API v1 with the staff session token.

export type Role = 'clerk' | 'supervisor' | 'technician';

export interface Session {
  token: string;
  role: Role;
  displayName: string;
  username: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const SESSION_KEY = 'yizhan.console.session';
const BASE = '/api/v1';

export function loadSession(): Session | null {
  const raw = sessionStorage.getItem(SESSION_KEY);
  return raw ? (JSON.parse(raw) as Session) : null;
}

export function saveSession(session: Session | null): void {
  if (session) sessionStorage.setItem(SESSION_KEY, JSON.stringify(session));
  else sessionStorage.removeItem(SESSION_KEY);
}

async function send(method: string, path: string, body?: unknown, raw?: Blob): Promise<Response> {
  const headers: Record<string, string> = {};
  const session = loadSession();
  if (session) headers.authorization = `Bearer ${session.token}`;
  let payload: BodyInit | undefined;
  if (raw) {
    headers['content-type'] = raw.type || 'application/pdf';
    payload = raw;
  } else if (body !== undefined) {
    headers['content-type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  let res: Response;
  try {
    res = await fetch(`${BASE}${path}`, {
      method,
      headers,
      ...(payload !== undefined ? { body: payload } : {}),
    });
  } catch {
    throw new ApiError(0, 'network', '无法连接后台服务 / Back office unreachable');
  }
  if (res.ok) return res;
  let code = `http${res.status}`;
  let message = res.statusText;
  try {
    const data = (await res.json()) as { error?: { code?: string; message?: string } };
    code = data.error?.code ?? code;
    message = data.error?.message ?? message;
  } catch {
    // Non-JSON error body: keep the status text.
  }
  if (res.status === 401) {
    saveSession(null);
    window.dispatchEvent(new Event('console:logout'));
  }
  throw new ApiError(res.status, code, message);
}

export async function getJson<T>(path: string): Promise<T> {
  return (await (await send('GET', path)).json()) as T;
}

export async function postJson<T>(path: string, body: unknown = {}): Promise<T> {
  const res = await send('POST', path, body);
  const text = await res.text();
  return (text ? JSON.parse(text) : {}) as T;
}

export async function putJson<T>(path: string, body: unknown): Promise<T> {
  const res = await send('PUT', path, body);
  const text = await res.text();
  return (text ? JSON.parse(text) : {}) as T;
}

export async function postRaw<T>(path: string, blob: Blob): Promise<T> {
  const res = await send('POST', path, undefined, blob);
  const text = await res.text();
  return (text ? JSON.parse(text) : {}) as T;
}

/** Fetches an authenticated binary (material, result, CSV) as an object URL for <img>/<a>. */
export async function getBlobUrl(path: string): Promise<string> {
  const url = path.startsWith(BASE) ? path.slice(BASE.length) : path;
  const res = await send('GET', url);
  return URL.createObjectURL(await res.blob());
}

export async function login(username: string, password: string): Promise<Session> {
  const r = await postJson<{ token: string; role: Role; displayName: string }>('/staff/login', {
    username,
    password,
  });
  const session = { ...r, username };
  saveSession(session);
  return session;
}
