import { BrowserWindow } from 'electron';
import { isAppUrl, isBlockedShortcut, originOf } from './guards';

export interface CustomerWindowOptions {
  appUrl: string;
  preloadPath: string;
  /** DevTools only in unpackaged development builds. */
  devTools: boolean;
  onRendererGone: (reason: string) => void;
}

/** The full-screen touch window: sandboxed, context-isolated, no navigation, no new windows, no escape keys. */
export function createCustomerWindow(opts: CustomerWindowOptions): BrowserWindow {
  // The options stay a literal inside the constructor call, so a static checker (electronegativity,
  // tests/lint/electron-security.test.ts) can see every security setting where it takes effect.
  const win = new BrowserWindow({
    show: false,
    kiosk: true,
    fullscreen: true,
    autoHideMenuBar: true,
    backgroundColor: '#0b1f3a',
    webPreferences: {
      preload: opts.preloadPath,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      spellcheck: false,
      devTools: opts.devTools,
      navigateOnDragDrop: false,
      // A middle click must not open a link in a new window (the open handler denies it too).
      disableBlinkFeatures: 'Auxclick',
      autoplayPolicy: 'no-user-gesture-required',
    },
  });
  // Not URL.origin: under Node that is "null" for app: and would admit file: and data: pages too.
  const origin = originOf(opts.appUrl) ?? '';
  win.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
  win.webContents.on('will-navigate', (e, url) => {
    if (!isAppUrl(url, origin)) e.preventDefault();
  });
  win.webContents.on('will-redirect', (e, url) => {
    if (!isAppUrl(url, origin)) e.preventDefault();
  });
  win.webContents.on('before-input-event', (e, input) => {
    if (isBlockedShortcut(input)) e.preventDefault();
  });
  win.webContents.on('render-process-gone', (_e, details) => opts.onRendererGone(details.reason));
  win.webContents.on('unresponsive', () => opts.onRendererGone('unresponsive'));
  win.once('ready-to-show', () => win.show());
  void win.loadURL(opts.appUrl);
  return win;
}
