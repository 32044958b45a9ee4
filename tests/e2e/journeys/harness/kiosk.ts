// One real kiosk for every journey test: `yizhan start --headless` (device host with every device
// simulated over its protocol, embedded back office, the page in Debian's Chromium) with Playwright
// attached to the page that kiosk's own browser shows, and `yizhan sim control` to play the hands of
// the citizen (cards, codes, receipts, doors, paper). Nothing waits for time: calls wait for a line
// in the kiosk's log, a text on the page or an answer of the simulator.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import {
  appendFileSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { defaultDevices } from '../../../../main/config/default-devices';
import { buildTestBundles, type TestBundles } from '../../../helpers/bundles';
import { AUTO_GRANT_MEDIA_FLAG, fakeCameraFlags } from '../../../helpers/chromium';
import { taggedProcesses } from '../../../helpers/process-tree';

const ROOT = path.resolve(import.meta.dirname, '../../../..');
/** Marks every process of the run (host, browser, lifeline) so none can outlive the tests. */
const TAG = 'YIZHAN_JOURNEY_TEST';

export interface KioskReady {
  url: string;
  backoffice: string;
  console: string;
  dataDir: string;
  pid: number;
}

export interface JourneyKiosk {
  ready: KioskReady;
  page: Page;
  /** `yizhan sim control <words…>` against this kiosk; resolves its result, rejects on a refusal. */
  sim(...words: string[]): Promise<unknown>;
  /** Resolves with the first log line (JSON, stderr) after `since` whose event is `event` and that `match` accepts. */
  logged(
    event: string,
    match?: (line: Record<string, unknown>) => boolean,
    since?: number,
  ): Promise<Record<string, unknown>>;
  /** How many log lines so far (a mark for `logged`). */
  logMark(): number;
  /** Live processes of this kiosk. */
  processes(): ReturnType<typeof taggedProcesses>;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

function runCli(
  cli: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv,
): Promise<{ code: number; out: string; err: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [cli, ...args], { env, cwd: ROOT }, (error, out, err) =>
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, out, err }),
    );
  });
}

/**
 * Builds the product's bundles once (the kiosk page included, so the start does not build it, and
 * each `sim control` call starts in a fraction of a second) and starts the kiosk from them.
 */
export async function startJourneyKiosk(o: {
  width: number;
  height: number;
  /** The site's `site.idleSeconds` (a real site option), so an idle test does not wait 90 s. */
  idleSeconds?: number;
  /** A cups-pdf queue for the simulated A4 printer, so what it printed can be read back as a PDF. */
  a4Queue?: string;
  /** A .y4m file the kiosk's Chromium shows as its only camera (the document camera), granted without a prompt. */
  camera?: string;
}): Promise<JourneyKiosk> {
  const bundles: TestBundles = await buildTestBundles('journeys');
  const CLI = bundles.cli;
  const tag = randomUUID();
  const tmp = mkdtempSync(path.join(tmpdir(), 'yizhan-journeys-'));
  const dataDir = path.join(tmp, 'data');
  const runTmp = path.join(tmp, 'tmp');
  mkdirSync(runTmp);
  // The simulated site, written out as a site file so the site's own options apply.
  const config = path.join(tmp, 'site.json');
  writeFileSync(
    config,
    JSON.stringify({
      site: { profile: 'hall', ...(o.idleSeconds ? { idleSeconds: o.idleSeconds } : {}) },
      devices: defaultDevices().map((d) =>
        d.family === 'a4-printer' && o.a4Queue
          ? { ...d, options: { simulator: { spooler: 'cups-pdf', cupsPdfQueue: o.a4Queue } } }
          : d,
      ),
    }),
  );
  const port = await freePort();
  const env = {
    ...process.env,
    [TAG]: tag,
    TMPDIR: runTmp,
    YIZHAN_LOG_LEVEL: 'info',
    ...(o.camera
      ? { YIZHAN_CHROMIUM_FLAGS: [...fakeCameraFlags(o.camera), AUTO_GRANT_MEDIA_FLAG].join(' ') }
      : {}),
  };
  const shell: ChildProcess = spawn(
    process.execPath,
    [
      CLI,
      'start',
      '--headless',
      '--json',
      '--config',
      config,
      '--data-dir',
      dataDir,
      '--width',
      String(o.width),
      '--height',
      String(o.height),
      '--remote-debugging-port',
      String(port),
    ],
    { env, cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const lines: Record<string, unknown>[] = [];
  const waiters = new Set<() => void>();
  let errBuf = '';
  // The kiosk's log, kept beside its data (KEEP_E2E=1 keeps it after the run).
  const logFile = path.join(tmp, 'kiosk.log');
  shell.stderr!.on('data', (d: Buffer) => {
    appendFileSync(logFile, d);
    errBuf += d.toString();
    const parts = errBuf.split('\n');
    errBuf = parts.pop() ?? '';
    for (const l of parts) {
      try {
        lines.push(JSON.parse(l) as Record<string, unknown>);
      } catch {
        lines.push({ event: 'text', text: l });
      }
    }
    for (const w of waiters) w();
  });
  const exited = new Promise<void>((resolve) => shell.once('exit', () => resolve()));
  const ready = await new Promise<KioskReady>((resolve, reject) => {
    let out = '';
    shell.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const line = out.split('\n').find((l) => l.includes('"kiosk.ready"'));
      if (line) resolve(JSON.parse(line) as KioskReady);
    });
    shell.once('exit', (code) =>
      reject(
        new Error(`yizhan start exited with ${code}: ${lines.map((l) => JSON.stringify(l)).join('\n')}`),
      ),
    );
  });

  let browser: Browser | undefined;
  const stop = async () => {
    await browser?.close().catch(() => undefined);
    if (shell.exitCode === null) {
      shell.kill('SIGTERM');
      await exited;
    }
    for (const p of taggedProcesses(TAG, tag)) process.kill(p.pid, 'SIGKILL');
    // Late output of a dying child must not write into a folder being removed.
    shell.stderr?.removeAllListeners('data');
    // The last run's kiosk log stays in the ignored .tmp/: what a red run's kiosk said.
    mkdirSync(path.join(ROOT, '.tmp'), { recursive: true });
    if (existsSync(logFile)) copyFileSync(logFile, path.join(ROOT, '.tmp', 'journeys-kiosk.log'));
    if (!process.env.KEEP_E2E) {
      rmSync(tmp, { recursive: true, force: true });
      bundles.remove();
    }
  };
  try {
    browser = await connect(port);
    const origin = new URL(ready.url).origin;
    const context = browser.contexts()[0]!;
    const page =
      context.pages().find((p) => p.url().startsWith(origin)) ??
      (await context.waitForEvent('page', { predicate: (p) => p.url().startsWith(origin) }));
    await page.waitForLoadState('domcontentloaded');
    const logged: JourneyKiosk['logged'] = (event, match = () => true, since = 0) =>
      new Promise((resolve) => {
        const check = () => {
          const hit = lines.slice(since).find((l) => l.event === event && match(l));
          if (hit) {
            waiters.delete(check);
            resolve(hit);
          }
        };
        waiters.add(check);
        check();
      });
    return {
      ready,
      page,
      logged,
      logMark: () => lines.length,
      processes: () => taggedProcesses(TAG, tag),
      async sim(...words) {
        const r = await runCli(CLI, ['sim', 'control', ...words, '--data-dir', dataDir], env);
        const last = r.out.trim().split('\n').at(-1);
        if (!last)
          throw new Error(`sim control ${words.join(' ')} answered nothing (exit ${r.code}): ${r.err}`);
        const answer = JSON.parse(last) as {
          ok?: boolean;
          result?: unknown;
          error?: { code: string; message: string };
        };
        if (!answer.ok)
          throw new Error(`sim control ${words.join(' ')}: ${JSON.stringify(answer.error ?? r.err)}`);
        return answer.result;
      },
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}

/** The kiosk's browser opens its DevTools port a moment after it starts: retry until it answers. */
async function connect(port: number): Promise<Browser> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      return await chromium.connectOverCDP(`http://127.0.0.1:${port}`);
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}
