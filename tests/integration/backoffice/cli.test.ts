import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, expect, it } from 'vitest';

const dir = mkdtempSync(join(tmpdir(), 'yizhan-bo-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('`yizhan backoffice` serves on loopback, logs one JSON line with the URL and stops on SIGTERM', async () => {
  const db = join(dir, 'bo.db');
  const child = spawn(
    process.execPath,
    ['bin/yizhan.mjs', 'backoffice', '--port', '0', '--db', `sqlite:${db}`],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    },
  );
  const kill = setTimeout(() => process.kill(-child.pid!, 'SIGKILL'), 90_000);
  try {
    const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
    const first = JSON.parse(String((await lines.next()).value)) as {
      event: string;
      url: string;
      db: string;
      secretsFile: string;
    };
    expect(first).toMatchObject({ event: 'listening', db: `sqlite:${db}` });
    expect(first.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(statSync(first.secretsFile).mode & 0o777).toBe(0o600);
    const health = await fetch(`${first.url}/healthz`);
    expect(await health.json()).toEqual({ ok: true, db: 'sqlite' });
    const openapi = (await (await fetch(`${first.url}/api/v1/openapi.json`)).json()) as { openapi: string };
    expect(openapi.openapi).toBe('3.1.0');
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    expect(JSON.parse(String((await lines.next()).value))).toEqual({ event: 'stopped' });
    expect(await exited).toBe(0);
  } finally {
    clearTimeout(kill);
  }
}, 120_000);
