import { fork, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Logger } from '../../devices/core';
import { loadSiteConfig } from '../device-host/site-config';
import { HostClient, type HostChannel } from '../host/client';
import type { HostMessage } from '../host/messages';
import { createJsonLogger } from '../logging/json-logger';
import { runtimeLayout, type RuntimeLayout } from '../runtime-layout';
import { startBridgeServer } from './bridge-server';
import { buildRenderer } from './build-renderer';
import { startEmbeddedBackoffice } from './embedded-backoffice';
import { runChromium } from './launch';
import { startLifeline, type Lifeline } from './lifeline';
import { terminate } from './terminate';

export interface KioskOptions {
  configFile?: string;
  dataDir?: string;
  port: number;
  browser: 'kiosk' | 'headless' | 'none';
  width: number;
  height: number;
  token: string;
  /** Chromium's DevTools port on loopback, for a test driver to attach to the page; absent in service. */
  remoteDebuggingPort?: number;
  log?: Logger;
}

export interface Kiosk {
  /** The kiosk page, token included. */
  url: string;
  /** The back office's origin (embedded or configured); its staff console is at `consoleUrl`. */
  backofficeUrl: string;
  consoleUrl: string;
  embeddedBackoffice: boolean;
  dataDir: string;
  /** What runs it: the bundles or the sources, and the Node version. */
  runtime: { from: RuntimeLayout['from']; node: string };
  /** Stops everything it started, newest first; safe to call more than once. */
  stop(): Promise<void>;
}

/**
 * The Chromium product mode: the same host process and contract as under Electron, with the page
 * served over a token-protected loopback bridge and shown by Debian's Chromium in kiosk mode.
 * Whatever it starts is stopped by `stop()`, by a failed start, or, should this process die without
 * either, by its lifeline (./lifeline.ts).
 */
export async function startKiosk(o: KioskOptions): Promise<Kiosk> {
  const log = o.log ?? createJsonLogger({ component: 'kiosk' });
  const layout = runtimeLayout();
  // Every problem of the site file is a ConfigError here, before anything starts (main/cli prints it).
  const base = loadSiteConfig(o.configFile);
  // --data-dir wins over the configuration file, which wins over the default.
  const dataDir = o.dataDir ?? base.dataDir;
  ensurePrivateDir(dataDir, log);

  const stack = new StopStack(log);
  const lifeline = startLifeline(log);
  stack.push('lifeline', () => lifeline.close());
  try {
    let backofficeUrl = base.backoffice.url ?? '';
    let config = { ...base, dataDir };
    const embeddedBackoffice = !backofficeUrl;
    if (embeddedBackoffice) {
      const bo = await startEmbeddedBackoffice({
        dataDir,
        kioskId: base.kioskId,
        log: log.child({ component: 'backoffice' }),
        ...(layout.consoleDir ? { consoleDistDir: layout.consoleDir } : {}),
      });
      stack.push('backoffice', () => bo.stop());
      backofficeUrl = bo.url;
      config = { ...config, backoffice: { url: bo.url, credential: bo.credential } };
    }
    const configPath = path.join(dataDir, 'kiosk-runtime.json');
    writeFileSync(configPath, JSON.stringify(config), { mode: 0o600 });

    const host = new HostClient(log);
    const hostProc = superviseHost(host, layout.hostWorker, configPath, lifeline, log);
    stack.push('host', () => hostProc.stop());

    const rendererDir = layout.rendererDir ?? (await buildRenderer(path.join(dataDir, 'renderer-build')));
    const bridge = await startBridgeServer({
      rendererDir,
      handlers: host.forwardingHandlers(),
      onEvent: (l) => host.onEvent(l),
      snapshot: () =>
        host.lastStatus.map((payload) => ({
          kind: 'event' as const,
          channel: 'devices:status' as const,
          payload,
        })),
      token: o.token,
      log,
      port: o.port,
    });
    stack.push('bridge', () => bridge.close());
    const url = `${bridge.url}?token=${encodeURIComponent(o.token)}`;
    if (o.browser !== 'none') {
      const chromium = runChromium({
        url,
        headless: o.browser === 'headless',
        width: o.width,
        height: o.height,
        ...(o.remoteDebuggingPort !== undefined ? { remoteDebuggingPort: o.remoteDebuggingPort } : {}),
        log,
        lifeline,
      });
      stack.push('chromium', () => chromium.stop());
    }
    return {
      url,
      backofficeUrl,
      consoleUrl: `${backofficeUrl.replace(/\/+$/, '')}/console/`,
      embeddedBackoffice,
      dataDir,
      runtime: { from: layout.from, node: process.versions.node },
      stop: () => stack.run(),
    };
  } catch (err) {
    await stack.run();
    throw err;
  }
}

/**
 * The data directory holds the outbox (filings and scans until delivered) and the embedded back
 * office's database and secrets: owner only, also when it already existed with wider rights.
 */
function ensurePrivateDir(dir: string, log: Logger): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const st = statSync(dir);
  const mode = st.mode & 0o7777;
  if (!(mode & 0o077)) return;
  // One made by an older version, or by hand: ours to tighten. A shared folder (sticky like /tmp, or
  // someone else's) is not: say so instead.
  if (st.uid === process.getuid?.() && !(mode & 0o1000)) {
    chmodSync(dir, 0o700);
    log.warn('kiosk.dataDirTightened', { dataDir: dir, was: mode.toString(8), now: '700' });
  } else
    log.warn('kiosk.dataDirShared', {
      dataDir: dir,
      mode: mode.toString(8),
      hint: 'use a folder of its own',
    });
}

/** What to stop, in the reverse order it was started; runs once however often it is called. */
class StopStack {
  readonly #stops: { name: string; stop: () => Promise<void> }[] = [];
  #done: Promise<void> | undefined;
  constructor(private readonly log: Logger) {}

  push(name: string, stop: () => Promise<void>): void {
    this.#stops.push({ name, stop });
  }

  run(): Promise<void> {
    this.#done ??= (async () => {
      for (const { name, stop } of this.#stops.reverse()) {
        await stop().catch((err: unknown) =>
          this.log.warn('kiosk.stopFailed', {
            part: name,
            error: err instanceof Error ? err.message : String(err),
          }),
        );
      }
    })();
    return this.#done;
  }
}

/**
 * Runs the host as a child process in its own process group (a terminal's Ctrl+C reaches only the
 * shell, which stops it in order) and restarts it with backoff when it dies, until stopped.
 */
function superviseHost(
  client: HostClient,
  worker: RuntimeLayout['hostWorker'],
  configPath: string,
  lifeline: Lifeline,
  log: Logger,
): { stop(): Promise<void> } {
  let child: ChildProcess | undefined;
  let stopped = false;
  let restarts = 0;
  let restart: NodeJS.Timeout | undefined;
  const start = () => {
    const proc = fork(worker.script, [], {
      execArgv: worker.execArgv,
      env: { ...process.env, YIZHAN_CONFIG: configPath, YIZHAN_SHELL: 'chromium' },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      detached: true,
    });
    child = proc;
    const pgid = proc.pid;
    if (pgid) lifeline.guardGroup(pgid);
    const channel: HostChannel = {
      // A host that just died can still look connected; without a callback the failed write (EPIPE)
      // is an 'error' event that crashes this shell. The host's exit then fails the request.
      post: (m) =>
        proc.connected &&
        proc.send(m, (err) => err && log.warn('host.sendFailed', { channel: m.channel, error: err.message })),
      onMessage: (l) => proc.on('message', (m: HostMessage) => l(m)),
      onExit: (l) => proc.on('exit', (code) => l(code)),
    };
    client.attach(channel);
    proc.on('message', (m: HostMessage) => m.kind === 'ready' && (restarts = 0));
    proc.on('exit', () => {
      if (stopped) return;
      // Whatever the dead host left in its group (a simulator's socat) goes before the next one starts.
      void terminate(proc, 1000).then(() => pgid && lifeline.forgetGroup(pgid));
      const delay = Math.min(30_000, 500 * 2 ** restarts++);
      log.error('host.restartScheduled', { delayMs: delay });
      restart = setTimeout(() => !stopped && start(), delay);
    });
  };
  start();
  return {
    async stop() {
      stopped = true;
      clearTimeout(restart);
      client.expectExit();
      await terminate(child);
      if (child?.pid) lifeline.forgetGroup(child.pid);
    },
  };
}
