import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Logger } from '../../devices/core';
import { terminate } from './terminate';
import { CrashPolicy } from '../windows/guards';

export interface ChromiumOptions {
  url: string;
  executable?: string;
  headless: boolean;
  width: number;
  height: number;
  remoteDebuggingPort?: number;
  log: Logger;
}

/** Flags for a closed network and a locked-down touch window (toolchain §6, §6b). */
export function chromiumArgs(o: Omit<ChromiumOptions, 'log' | 'executable'>, profileDir: string): string[] {
  return [
    ...(o.headless ? ['--headless'] : ['--kiosk', `--app=${o.url}`]),
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--disable-quic',
    '--disable-features=Translate',
    '--disable-pinch',
    '--overscroll-history-navigation=0',
    '--noerrdialogs',
    '--disable-session-crashed-bubble',
    `--user-data-dir=${profileDir}`,
    '--window-position=0,0',
    `--window-size=${o.width},${o.height}`,
    ...(o.remoteDebuggingPort !== undefined ? [`--remote-debugging-port=${o.remoteDebuggingPort}`] : []),
    ...(o.headless ? [o.url] : []),
  ];
}

/**
 * Runs the kiosk page in Debian's Chromium. Each run gets a fresh profile directory (no history,
 * cache or form data survives a restart); a crashed browser is restarted with backoff, and after
 * repeated crashes the out-of-service page is shown instead of the app.
 */
export function runChromium(o: ChromiumOptions): { stop(): Promise<void> } {
  const crashes = new CrashPolicy();
  let child: ChildProcess | undefined;
  let stopped = false;
  let profile = '';
  const start = (url: string) => {
    profile = mkdtempSync(path.join(tmpdir(), 'yizhan-chromium-'));
    child = spawn(o.executable ?? '/usr/bin/chromium', chromiumArgs({ ...o, url }, profile), {
      stdio: 'ignore',
    });
    o.log.info('chromium.started', { pid: child.pid, headless: o.headless });
    child.once('exit', (code, signal) => {
      rmSync(profile, { recursive: true, force: true });
      if (stopped) return;
      const decision = crashes.record(Date.now());
      o.log.error('chromium.exited', { code, signal, action: decision.action });
      const next = decision.action === 'reload' ? o.url : new URL('out-of-service.html', o.url).href;
      setTimeout(() => !stopped && start(next), decision.action === 'reload' ? decision.delayMs : 1000);
    });
  };
  start(o.url);
  return {
    async stop() {
      stopped = true;
      await terminate(child);
    },
  };
}
