// Process lifetime of the real `yizhan start`: whatever way the shell goes (a service manager's
// SIGTERM, Ctrl+C, a closed terminal, an error nothing caught, SIGKILL, a host crash racing the
// stop), the device host, the browser with all its helpers and the lifeline go with it, the browser's
// folders (profile, Chromium's own org.chromium.Chromium.* in its TMPDIR) are removed, and a clean
// stop logs nothing at error level. Each path runs three times against the product's bundles.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestBundles, type TestBundles } from '../../helpers/bundles';
import { taggedProcesses, until } from '../../helpers/process-tree';

const TAG = 'YIZHAN_LIFETIME_TEST';
const PRELOAD = path.join(import.meta.dirname, 'fixtures/fail-on-signal.mjs');
let bundles: TestBundles | undefined;
let cli = '';

beforeAll(async () => {
  bundles = await buildTestBundles('lifetime');
  cli = bundles.cli;
}, 120_000);

const tags: string[] = [];
afterAll(() => {
  // A failed check may have left a run behind: it must not outlive the test either.
  for (const tag of tags) for (const p of taggedProcesses(TAG, tag)) process.kill(p.pid, 'SIGKILL');
  if (!process.env.KEEP_E2E) bundles?.remove();
});

interface Run {
  shell: ChildProcess;
  tag: string;
  tmp: string;
  ready: { pid: number; url: string; console: string; runtime: { from: string } };
  stderr: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

async function startKiosk(env: Record<string, string> = {}): Promise<Run> {
  const tag = randomUUID();
  tags.push(tag);
  const tmp = mkdtempSync(path.join(tmpdir(), 'yizhan-lifetime-'));
  const dataDir = path.join(tmp, 'data');
  const runTmp = path.join(tmp, 'tmp');
  mkdirSync(runTmp);
  const shell = spawn(process.execPath, [cli, 'start', '--headless', '--json', '--data-dir', dataDir], {
    env: { ...process.env, [TAG]: tag, TMPDIR: runTmp, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  shell.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    shell.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const ready = await new Promise<Run['ready']>((resolve, reject) => {
    shell.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const line = out.split('\n').find((l) => l.includes('"kiosk.ready"'));
      if (line) resolve(JSON.parse(line) as Run['ready']);
    });
    void exited.then(({ code }) => reject(new Error(`yizhan start exited (${code}) before ready: ${err}`)));
  });
  const run: Run = { shell, tag, tmp: runTmp, ready, stderr: () => err, exited };
  // Everything is up: the host and the browser with its helpers (zygote, renderer…).
  await until(
    () => taggedProcesses(TAG, tag),
    (ps) =>
      ps.some((p) => p.args.includes('host.mjs')) && ps.filter((p) => p.comm === 'chromium').length >= 3,
    30_000,
    'host and browser not all running',
  );
  return run;
}

/** Nothing of the run is alive, and its temporary folder (the browser's profile and TMPDIR) is empty. */
async function expectNothingLeft(run: Run): Promise<void> {
  await until(
    () => taggedProcesses(TAG, run.tag),
    (ps) => ps.length === 0,
    30_000,
    'processes left',
  );
  await until(
    () => readdirSync(run.tmp),
    (files) => files.length === 0,
    10_000,
    'files left in TMPDIR',
  );
}

const errorLines = (stderr: string) =>
  stderr
    .split('\n')
    .filter((l) => l.startsWith('{') && (JSON.parse(l) as { level?: string }).level === 'error');

describe('yizhan start: nothing outlives the shell', () => {
  for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) {
    it(`stops cleanly on ${signal}, three times over`, async () => {
      for (let i = 0; i < 3; i++) {
        const run = await startKiosk();
        expect(run.ready.runtime.from).toBe('bundle');
        run.shell.kill(signal);
        await expect(run.exited).resolves.toEqual({ code: 0, signal: null });
        await expectNothingLeft(run);
        expect(errorLines(run.stderr())).toEqual([]);
        expect(run.stderr()).toContain('"event":"host.stopped"');
      }
    }, 180_000);
  }

  for (const failure of ['throw', 'reject'] as const) {
    it(`stops what it started after an error nothing caught (${failure}), three times over`, async () => {
      for (let i = 0; i < 3; i++) {
        const run = await startKiosk({ NODE_OPTIONS: `--import=${PRELOAD}`, YIZHAN_TEST_FAILURE: failure });
        run.shell.kill('SIGUSR2');
        await expect(run.exited).resolves.toEqual({ code: 1, signal: null });
        await expectNothingLeft(run);
        expect(run.stderr()).toMatch(/"event":"kiosk.fatal".*injected (failure|rejection) \(test\)/);
      }
    }, 180_000);
  }

  it('leaves nothing when the shell is killed outright (SIGKILL), three times over', async () => {
    for (let i = 0; i < 3; i++) {
      const run = await startKiosk();
      run.shell.kill('SIGKILL');
      await expect(run.exited).resolves.toEqual({ code: null, signal: 'SIGKILL' });
      await expectNothingLeft(run);
    }
  }, 180_000);

  it('stops cleanly when the host dies just before the stop (restart pending), three times over', async () => {
    for (let i = 0; i < 3; i++) {
      const run = await startKiosk();
      const host = taggedProcesses(TAG, run.tag).find((p) => p.args.includes('host.mjs'))!;
      process.kill(host.pid, 'SIGKILL');
      await until(
        () => run.stderr(),
        (e) => e.includes('host.restartScheduled'),
        10_000,
        'no restart scheduled',
      );
      run.shell.kill('SIGTERM');
      await expect(run.exited).resolves.toEqual({ code: 0, signal: null });
      await expectNothingLeft(run);
    }
  }, 180_000);

  it('keeps its data directory to the owner (0700)', async () => {
    const run = await startKiosk();
    const dataDir = path.join(path.dirname(run.tmp), 'data');
    expect(statSync(dataDir).mode & 0o777).toBe(0o700);
    run.shell.kill('SIGTERM');
    await run.exited;
    await expectNothingLeft(run);
  }, 60_000);
});
