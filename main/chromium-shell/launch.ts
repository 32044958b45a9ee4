import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Logger } from '../../devices/core';
import type { Lifeline } from './lifeline';
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
  /** Ends the browser and removes its folder should the shell die without stopping it. */
  lifeline?: Lifeline;
}

/** Flags for a closed network and a locked-down touch window (toolchain §6, §6b). */
export function chromiumArgs(
  o: Omit<ChromiumOptions, 'log' | 'executable' | 'lifeline'>,
  profileDir: string,
): string[] {
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
 * Flags a site (or a test) adds to the kiosk's Chromium, space-separated in YIZHAN_CHROMIUM_FLAGS:
 * a GPU quirk of one screen, or the e2e journeys' fake document camera fed from a .y4m file.
 */
const extraFlags = (): string[] => (process.env.YIZHAN_CHROMIUM_FLAGS ?? '').split(' ').filter(Boolean);

/**
 * Runs the kiosk page in Debian's Chromium. Each run gets a fresh folder, removed when that browser is
 * gone: its profile (no history, cache or form data survives a restart) and its TMPDIR (Chromium's own
 * org.chromium.Chromium.* folders). The browser leads its own process group, so stopping it ends its
 * helpers too, and the folder is removed only once none of them can still write there. A crashed
 * browser is restarted with backoff; after repeated crashes the out-of-service page is shown instead.
 */
export function runChromium(o: ChromiumOptions): { stop(): Promise<void> } {
  const crashes = new CrashPolicy();
  let child: ChildProcess | undefined;
  let ended: Promise<void> = Promise.resolve();
  let stopped = false;
  let restart: NodeJS.Timeout | undefined;
  const start = (url: string) => {
    const dir = mkdtempSync(path.join(tmpdir(), 'yizhan-chromium-'));
    const tmp = path.join(dir, 'tmp');
    mkdirSync(tmp);
    o.lifeline?.guardDir(dir);
    const proc = spawn(
      o.executable ?? '/usr/bin/chromium',
      [...chromiumArgs({ ...o, url }, path.join(dir, 'profile')), ...extraFlags()],
      {
        stdio: 'ignore',
        detached: true,
        env: { ...process.env, TMPDIR: tmp },
      },
    );
    child = proc;
    const pgid = proc.pid;
    if (pgid) o.lifeline?.guardGroup(pgid);
    o.log.info('chromium.started', { pid: pgid, headless: o.headless, profile: dir });
    ended = new Promise<void>((resolve) => {
      const finish = (code: number | null, signal: NodeJS.Signals | null, error?: Error) => {
        void (async () => {
          // The browser is gone; its helpers follow within moments, or are ended with the group.
          if (pgid) await terminate(proc, 2000);
          removeFolder(dir, o.log);
          if (pgid) o.lifeline?.forgetGroup(pgid);
          o.lifeline?.forgetDir(dir);
          resolve();
          if (stopped) return;
          if (error) {
            o.log.error('chromium.unavailable', {
              error: error.message,
              hint: "install Debian's chromium (bash scripts/setup-system.sh) or start with --no-browser",
            });
            return;
          }
          const decision = crashes.record(Date.now());
          o.log.error('chromium.exited', { code, signal, action: decision.action });
          const next = decision.action === 'reload' ? o.url : new URL('out-of-service.html', o.url).href;
          restart = setTimeout(
            () => !stopped && start(next),
            decision.action === 'reload' ? decision.delayMs : 1000,
          );
        })();
      };
      proc.once('exit', (code, signal) => finish(code, signal));
      proc.once('error', (err) => proc.pid === undefined && finish(null, null, err));
    });
  };
  start(o.url);
  return {
    async stop() {
      stopped = true;
      clearTimeout(restart);
      await terminate(child);
      await ended;
    },
  };
}

/** Removes a browser's folder; a failure is logged, never thrown (it would take the shell down). */
function removeFolder(dir: string, log: Logger): void {
  try {
    rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
  } catch (err) {
    log.warn('chromium.profileNotRemoved', { dir, error: err instanceof Error ? err.message : String(err) });
  }
}
