// `npx yizhan backoffice` as an operator runs it: on SQLite in the user data directory (no --db)
// and on PostgreSQL, with JSON-line logs that never carry an ID number.
import Database from 'better-sqlite3';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { startPostgres, type PgCluster } from '../../helpers/postgres';

const dir = mkdtempSync(join(tmpdir(), 'yizhan-bo-cli-'));
let cluster: PgCluster | undefined;
afterAll(async () => {
  await cluster?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const ID = '110105200001011238';
const NAME = '张晓明';

interface Run {
  child: ChildProcess;
  lines: string[];
  next(pred: (l: Record<string, unknown>) => boolean): Promise<Record<string, unknown>>;
  exited: Promise<number | null>;
}

function runCli(args: string[], env: Record<string, string> = {}): Run {
  const child = spawn(process.execPath, ['bin/yizhan.mjs', 'backoffice', '--port', '0', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...env },
  });
  const lines: string[] = [];
  const waiters: {
    pred: (l: Record<string, unknown>) => boolean;
    resolve: (l: Record<string, unknown>) => void;
  }[] = [];
  let buf = '';
  const parsed: Record<string, unknown>[] = [];
  child.stdout.on('data', (d: Buffer) => {
    buf += d.toString();
    const parts = buf.split('\n');
    buf = parts.pop()!;
    for (const line of parts) {
      lines.push(line);
      const obj = JSON.parse(line) as Record<string, unknown>; // every stdout line is JSON
      parsed.push(obj);
      for (const w of [...waiters]) {
        if (w.pred(obj)) {
          waiters.splice(waiters.indexOf(w), 1);
          w.resolve(obj);
        }
      }
    }
  });
  child.stderr.on('data', (d: Buffer) => lines.push(`stderr: ${d.toString()}`));
  return {
    child,
    lines,
    next: (pred) =>
      new Promise((resolve) => {
        const seen = parsed.find(pred);
        if (seen) resolve(seen);
        else waiters.push({ pred, resolve });
      }),
    exited: new Promise((resolve) => child.once('exit', resolve)),
  };
}

/** Drives the kiosk and staff APIs through requests that carry personal data. */
async function exercise(url: string, enrollmentToken: string): Promise<void> {
  const api = `${url}/api/v1`;
  const reg = await fetch(`${api}/kiosks/register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-enrollment-token': enrollmentToken },
    body: JSON.stringify({ kioskId: 'cli-kiosk', name: '终端', site: '大厅' }),
  });
  expect(reg.status).toBe(201);
  const auth = { authorization: `Bearer ${((await reg.json()) as { credential: string }).credential}` };
  const filing = await fetch(`${api}/filings`, {
    method: 'POST',
    headers: { ...auth, 'content-type': 'application/json', 'idempotency-key': 'cli-test-0001' },
    body: JSON.stringify({
      serviceId: 'generic-application',
      kioskId: 'cli-kiosk',
      applicant: { idNumber: ID, name: NAME },
      form: { subject: '测试' },
      delivery: { method: 'print' },
    }),
  });
  expect(filing.status).toBe(201);
  const q = `idNumber=${ID}&name=${encodeURIComponent(NAME)}`;
  expect((await fetch(`${api}/progress?${q}`, { headers: auth })).status).toBe(200);
  expect((await fetch(`${api}/elicences?idNumber=${ID}`, { headers: auth })).status).toBe(200);
  const bad = await fetch(`${api}/lockers/pickup/verify`, {
    method: 'POST',
    headers: { ...auth, 'content-type': 'application/json' },
    body: JSON.stringify({ kioskId: 'cli-kiosk', idNumber: ID, name: NAME }),
  });
  expect(bad.status).toBe(404);
}

async function stop(run: Run): Promise<void> {
  run.child.kill('SIGTERM');
  expect(await run.next((l) => l.event === 'stopped')).toEqual({ event: 'stopped' });
  expect(await run.exited).toBe(0);
}

function expectMaskedLogs(run: Run): void {
  const access = run.lines
    .filter((l) => l.includes('"msg":"request"'))
    .map((l) => JSON.parse(l) as { url: string; status: number; ms: number });
  expect(access.length).toBeGreaterThanOrEqual(5);
  expect(access.map((a) => a.url)).toContain('/api/v1/progress?idNumber=***&name=***');
  expect(access.every((a) => typeof a.status === 'number' && typeof a.ms === 'number')).toBe(true);
  const all = run.lines.join('\n');
  expect(all).not.toContain(ID);
  expect(all).not.toContain(NAME);
  expect(all).not.toContain(encodeURIComponent(NAME));
}

it('runs on SQLite in the user data directory (WAL), logs masked JSON lines, stops on SIGTERM', async () => {
  const xdg = join(dir, 'xdg-data');
  const run = runCli([], { XDG_DATA_HOME: xdg });
  const kill = setTimeout(() => run.child.kill('SIGKILL'), 90_000);
  try {
    const ready = await run.next((l) => l.event === 'listening');
    const file = join(xdg, 'yizhan', 'backoffice.db');
    expect(ready).toMatchObject({ event: 'listening', db: `sqlite:${file}` });
    expect(String(ready.url)).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const secretsFile = String(ready.secretsFile);
    expect(secretsFile).toBe(join(xdg, 'yizhan', 'backoffice-secrets.json'));
    expect(statSync(secretsFile).mode & 0o777).toBe(0o600);
    const url = String(ready.url);
    expect(await (await fetch(`${url}/healthz`)).json()).toEqual({ ok: true, db: 'sqlite' });
    const openapi = (await (await fetch(`${url}/api/v1/openapi.json`)).json()) as { openapi: string };
    expect(openapi.openapi).toBe('3.1.0');
    const { enrollmentToken } = JSON.parse(readFileSync(secretsFile, 'utf8')) as { enrollmentToken: string };
    await exercise(url, enrollmentToken);
    expect(existsSync(`${file}-wal`)).toBe(true);
    for (const f of [file, `${file}-wal`]) expect(statSync(f).mode & 0o777, f).toBe(0o600);
    const probe = new Database(file, { readonly: true });
    try {
      expect(probe.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(probe.prepare('SELECT COUNT(*) AS n FROM filings').get()).toEqual({ n: 1 });
    } finally {
      probe.close();
    }
    await stop(run);
    expectMaskedLogs(run);
  } finally {
    clearTimeout(kill);
    run.child.kill('SIGKILL');
  }
}, 120_000);

it('runs on PostgreSQL (secrets from the environment; a URL password never reaches the log)', async () => {
  cluster = await startPostgres();
  const url = (await cluster.createDatabase('cli')).replace('postgres@', 'postgres:not-logged@');
  const run = runCli(['--db', url], {
    YIZHAN_BACKOFFICE_SECRET: 'cli-secret-0123456789abcdef',
    YIZHAN_ENROLLMENT_TOKEN: 'cli-enroll',
  });
  const kill = setTimeout(() => run.child.kill('SIGKILL'), 90_000);
  try {
    const ready = await run.next((l) => l.event === 'listening' || 'error' in l);
    expect(ready).toMatchObject({ event: 'listening', db: url.replace('not-logged', '***') });
    const base = String(ready.url);
    expect(await (await fetch(`${base}/healthz`)).json()).toEqual({ ok: true, db: 'postgres' });
    await exercise(base, 'cli-enroll');
    await stop(run);
    expectMaskedLogs(run);
    expect(run.lines.join('\n')).not.toContain('not-logged');
  } finally {
    clearTimeout(kill);
    run.child.kill('SIGKILL');
  }
}, 120_000);

it('refuses PostgreSQL without explicit secrets (instances must share them)', async () => {
  const run = runCli(['--db', 'postgres://postgres@127.0.0.1:1/none'], {
    YIZHAN_BACKOFFICE_SECRET: '',
    YIZHAN_ENROLLMENT_TOKEN: '',
  });
  expect(await run.next((l) => 'error' in l)).toMatchObject({ error: { code: 'secretsRequired' } });
  expect(await run.exited).not.toBe(0);
}, 60_000);
