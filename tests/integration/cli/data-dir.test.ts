// The data directory holds filings, scans and the back office's database and secrets: whoever
// creates it, it is the owner's only (0700), as backoffice/README.md promises.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const work = mkdtempSync(path.join(tmpdir(), 'yizhan-data-dir-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('data directory rights', { timeout: 90_000 }, () => {
  it('`yizhan backoffice` creates its default data directory 0700', async () => {
    const xdg = path.join(work, 'xdg');
    const child = spawn(process.execPath, [path.join(ROOT, 'bin/yizhan.mjs'), 'backoffice', '--port', '0'], {
      env: { ...process.env, XDG_DATA_HOME: xdg },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    await new Promise<void>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        if (out.includes('"event":"listening"')) resolve();
      });
      void exited.then((code) => reject(new Error(`backoffice exited (${code}): ${err}`)));
    });
    const dir = path.join(xdg, 'yizhan');
    try {
      expect((statSync(dir).mode & 0o777).toString(8)).toBe('700');
      expect((statSync(path.join(dir, 'backoffice-secrets.json')).mode & 0o777).toString(8)).toBe('600');
    } finally {
      // Stopped whatever the checks found: a failed check must not leave a service running.
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
  });
});
