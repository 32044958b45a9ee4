import { fork, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Logger } from '../../devices/core';
import { terminate } from './terminate';
import { loadSiteConfig } from '../device-host/site-config';
import { HostClient, type HostChannel } from '../host/client';
import type { HostMessage } from '../host/messages';
import { createJsonLogger } from '../logging/json-logger';
import { startBridgeServer } from './bridge-server';
import { buildRenderer } from './build-renderer';
import { runChromium } from './launch';
import { startEmbeddedBackoffice } from './embedded-backoffice';

export interface KioskOptions {
  configFile?: string;
  dataDir?: string;
  port: number;
  browser: 'kiosk' | 'headless' | 'none';
  width: number;
  height: number;
  token: string;
  log?: Logger;
}

const WORKER = path.resolve(import.meta.dirname, '../host/worker.ts');

/**
 * The Chromium product mode: the same host process and contract as under Electron, with the page
 * served over a token-protected loopback bridge and shown by Debian's Chromium in kiosk mode.
 */
export async function startKiosk(
  o: KioskOptions,
): Promise<{ url: string; backofficeUrl: string; stop(): Promise<void> }> {
  const log = o.log ?? createJsonLogger({ component: 'kiosk' });
  // Every problem of the site file is a ConfigError here, before anything starts (main/cli prints it).
  const base = loadSiteConfig(o.configFile);
  // --data-dir wins over the configuration file, which wins over the default.
  const dataDir = o.dataDir ?? base.dataDir;
  mkdirSync(dataDir, { recursive: true });

  const stops: (() => Promise<void>)[] = [];
  let backofficeUrl = base.backoffice.url ?? '';
  let config = { ...base, dataDir };
  if (!backofficeUrl) {
    const bo = await startEmbeddedBackoffice({
      dataDir,
      kioskId: base.kioskId,
      log: log.child({ component: 'backoffice' }),
    });
    stops.push(() => bo.stop());
    backofficeUrl = bo.url;
    config = { ...config, backoffice: { url: bo.url, credential: bo.credential } };
  }
  const configPath = path.join(dataDir, 'kiosk-runtime.json');
  writeFileSync(configPath, JSON.stringify(config), { mode: 0o600 });

  const host = new HostClient(log);
  const hostProc = superviseHost(host, configPath, log);
  stops.push(() => hostProc.stop());

  const rendererDir = await buildRenderer(path.join(dataDir, 'renderer-build'));
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
  stops.unshift(() => bridge.close());
  const url = `${bridge.url}?token=${encodeURIComponent(o.token)}`;
  if (o.browser !== 'none') {
    const chromium = runChromium({
      url,
      headless: o.browser === 'headless',
      width: o.width,
      height: o.height,
      log,
    });
    stops.unshift(() => chromium.stop());
  }
  return {
    url,
    backofficeUrl,
    async stop() {
      for (const s of stops) await s().catch(() => undefined);
    },
  };
}

/** Runs the host as a child process and restarts it with backoff when it dies. */
function superviseHost(client: HostClient, configPath: string, log: Logger): { stop(): Promise<void> } {
  let child: ChildProcess | undefined;
  let stopped = false;
  let restarts = 0;
  const start = () => {
    const proc = fork(WORKER, [], {
      execArgv: ['--import', 'tsx'],
      env: { ...process.env, YIZHAN_CONFIG: configPath, YIZHAN_SHELL: 'chromium' },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    child = proc;
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
      const delay = Math.min(30_000, 500 * 2 ** restarts++);
      log.error('host.restartScheduled', { delayMs: delay });
      setTimeout(() => !stopped && start(), delay);
    });
  };
  start();
  return {
    async stop() {
      stopped = true;
      await terminate(child);
    },
  };
}
