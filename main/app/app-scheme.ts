// Electron glue for the app's own scheme; what it serves is decided in renderer-files.ts (plain Node).
import { protocol } from 'electron';
import { APP_SCHEME } from './app-url';
import { createRendererFileHandler } from './renderer-files';

/**
 * Gives `app:` the privileges of a secure web origin: a standard URL (origin, relative URLs, the
 * host lowercased and dot segments resolved by Chromium), a secure context (camera, module workers),
 * fetch, and V8 code caching for a faster cold start. Not bypassCSP, not service workers, and not
 * corsEnabled, so no other origin can read the renderer's files. Chromium fixes scheme privileges
 * at start-up: this must run before the app is ready.
 */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: APP_SCHEME,
      privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true },
    },
  ]);
}

/** Answers `app://kiosk/…` from the built renderer in `rendererDir` (inside app.asar when packaged). */
export function serveRenderer(rendererDir: string): void {
  protocol.handle(APP_SCHEME, createRendererFileHandler(rendererDir));
}
