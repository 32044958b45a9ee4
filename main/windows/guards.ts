// Pure navigation and keyboard guards for kiosk windows; no Electron import so they are unit-tested in Node.
import { APP_SCHEME } from '../app/app-url';

// Schemes whose URLs have a (scheme, host, port) origin in Chromium: the web's own plus the app's
// privileged standard scheme. Node's URL gives every non-special scheme (app:, file:, data:) the
// opaque origin "null", and two opaque origins must never count as the same page.
const TUPLE_ORIGIN_SCHEMES = new Set(['http:', 'https:', `${APP_SCHEME}:`]);

/** The origin Chromium gives `url`, or null when it is opaque (file:, data:, about:, other schemes) or unparsable. */
export function originOf(url: string): string | null {
  try {
    const u = new URL(url);
    if (!TUPLE_ORIGIN_SCHEMES.has(u.protocol) || !u.host) return null;
    return u.protocol === `${APP_SCHEME}:` ? `${u.protocol}//${u.host.toLowerCase()}` : u.origin;
  } catch {
    return null;
  }
}

/** Only the app's own origin may be shown; everything else (links, drag-and-drop files, data: URLs) is refused. */
export function isAppUrl(url: string, appOrigin: string): boolean {
  const origin = originOf(url);
  return origin !== null && origin === appOrigin;
}

export interface KeyInput {
  type: string;
  key: string;
  control: boolean;
  alt: boolean;
  meta: boolean;
  shift: boolean;
}

/**
 * Shortcuts a passer-by could use to escape or disturb the kiosk: reload, devtools, zoom, print,
 * new window, find, fullscreen toggle, close/quit, and browser navigation.
 */
export function isBlockedShortcut(input: KeyInput): boolean {
  if (input.type !== 'keyDown') return false;
  const key = input.key.toLowerCase();
  if (/^f([1-9]|1[0-2])$/.test(key)) return true;
  if (input.alt && ['arrowleft', 'arrowright', 'f4', 'home'].includes(key)) return true;
  const mod = input.control || input.meta;
  if (
    mod &&
    ['r', 'w', 'q', 'n', 't', 'p', 's', 'o', 'f', 'g', 'h', 'j', 'u', 'l', '+', '-', '=', '0'].includes(key)
  )
    return true;
  if (mod && input.shift && ['i', 'j', 'c', 'r', 'delete'].includes(key)) return true;
  return key === 'browserback' || key === 'browserforward' || key === 'browserrefresh';
}

/** Backoff for reloading a crashed renderer; after `maxCrashes` in `windowMs` show the out-of-service page. */
export class CrashPolicy {
  readonly #crashes: number[] = [];
  constructor(
    private readonly maxCrashes = 3,
    private readonly windowMs = 5 * 60_000,
  ) {}
  /** Records a crash at `now`; returns the action to take. */
  record(now: number): { action: 'reload'; delayMs: number } | { action: 'outOfService' } {
    this.#crashes.push(now);
    while (this.#crashes.length && now - this.#crashes[0]! > this.windowMs) this.#crashes.shift();
    const n = this.#crashes.length;
    return n > this.maxCrashes
      ? { action: 'outOfService' }
      : { action: 'reload', delayMs: 500 * 2 ** (n - 1) };
  }
}
