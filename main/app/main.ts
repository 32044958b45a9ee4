// Electron entry: the thin shell. Boots the hardened full-screen window, runs the device host in a
// utilityProcess (a hung native call or a crashed addon cannot freeze the touch UI), forwards the
// typed IPC contract to it, and recovers from renderer and host crashes.
import path from 'node:path';
import { app, ipcMain, session, utilityProcess, type BrowserWindow, type UtilityProcess } from 'electron';
import { HostClient, type HostChannel } from '../host/client';
import type { HostMessage, HostRequest } from '../host/messages';
import { Broadcaster, registerIpc } from '../ipc/router';
import { createJsonLogger } from '../logging/json-logger';
import { CrashPolicy, isAppUrl, originOf } from '../windows/guards';
import { createCustomerWindow } from '../windows/customer-window';
import { registerAppScheme, serveRenderer } from './app-scheme';
import { APP_ORIGIN } from './app-url';
import { hardenSession } from './security';

const log = createJsonLogger({ component: 'shell' });
// YIZHAN_APP_URL points the window at a development server (e.g. Vite's) instead of the build.
const APP_URL = process.env.YIZHAN_APP_URL ?? `${APP_ORIGIN}/index.html`;
// The origin the window, the permission handlers and the IPC sender check accept. Node's URL gives
// app: (like file: and data:) the opaque origin "null", which would match every opaque page.
const origin = originOf(APP_URL) ?? '';
const OUT_OF_SERVICE_URL = `${origin}/out-of-service.html`;
// The packaged renderer beside this bundle: out/main/index.cjs → out/renderer/.
const RENDERER_DIR = path.join(__dirname, '..', 'renderer');

if (!origin) {
  log.error('shell.badAppUrl', { appUrl: APP_URL, reason: 'not an http(s) or app: URL with a host' });
  app.exit(1);
}
if (!app.requestSingleInstanceLock()) app.quit();
// Scheme privileges are fixed when Chromium starts: before ready, before any window.
registerAppScheme();
app.on('window-all-closed', () => app.quit());

const host = new HostClient(log);
let hostRestarts = 0;
let quitting = false;
// Quitting ends the host's utilityProcess: a routine exit, neither an error nor a reason to restart it.
app.on('before-quit', () => {
  quitting = true;
  host.expectExit();
});

function startHost(): void {
  const child: UtilityProcess = utilityProcess.fork(path.join(__dirname, 'host.mjs'), [], {
    serviceName: 'yizhan-device-host',
    stdio: 'inherit',
  });
  const channel: HostChannel = {
    post: (m: HostRequest) => child.postMessage(m),
    onMessage: (l) => child.on('message', (m: HostMessage) => l(m)),
    onExit: (l) => child.on('exit', (code) => l(code)),
  };
  host.attach(channel);
  child.on('exit', () => {
    if (quitting) return;
    const delay = Math.min(30_000, 500 * 2 ** hostRestarts++);
    log.error('host.restartScheduled', { delayMs: delay });
    setTimeout(startHost, delay);
  });
  child.on('spawn', () => {
    hostRestarts = 0;
  });
}

void app.whenReady().then(() => {
  serveRenderer(RENDERER_DIR);
  hardenSession(session.defaultSession, origin);
  startHost();
  let win: BrowserWindow | undefined;
  const broadcaster = new Broadcaster(() => win?.webContents, ipcMain);
  host.onEvent((e) => broadcaster.send(e.channel, e.payload));
  registerIpc(ipcMain, host.forwardingHandlers(), (e) => isAppUrl(e.senderFrame?.url ?? '', origin), log);

  const crashes = new CrashPolicy();
  const open = () => {
    win = createCustomerWindow({
      appUrl: APP_URL,
      preloadPath: path.join(__dirname, '..', 'preload', 'index.cjs'),
      devTools: !app.isPackaged,
      onRendererGone: (reason) => {
        broadcaster.reset();
        const decision = crashes.record(Date.now());
        log.error('renderer.gone', { reason, action: decision.action });
        if (decision.action === 'reload') setTimeout(() => win?.webContents.reload(), decision.delayMs);
        else void win?.loadURL(OUT_OF_SERVICE_URL);
      },
    });
    // Replay the last known device status to a fresh page once it reports ready.
    for (const s of host.lastStatus) broadcaster.send('devices:status', s);
  };
  open();
});
