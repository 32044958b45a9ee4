// The app's own URL scheme: `app://kiosk/<path>` names a file of the built renderer. Pure string
// handling (no fs, no Electron), so every refusal below is unit-tested under plain Node.

export const APP_SCHEME = 'app';
export const APP_HOST = 'kiosk';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/**
 * Path segments, relative to the renderer directory, that `url` names; null when the URL is not
 * ours or could name anything outside that directory. Chromium canonicalises a standard scheme's
 * URL before the handler sees it, but this does not rely on that: every segment is decoded once
 * and refused if it is empty (`//`, an absolute path), a dot segment, or holds a separator, a
 * drive letter or a control character. `/` is the start page; the query and fragment are ignored.
 */
export function rendererPathFor(url: string): string[] | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return null;
  }
  // Node keeps a non-special scheme's host as written; Chromium lowercases it. Anything else
  // (another host, a port, credentials) is not the app.
  if (u.protocol !== `${APP_SCHEME}:` || u.host.toLowerCase() !== APP_HOST) return null;
  if (u.username || u.password) return null;
  if (u.pathname === '/' || u.pathname === '') return ['index.html'];
  if (!u.pathname.startsWith('/')) return null;
  const segments: string[] = [];
  for (const raw of u.pathname.slice(1).split('/')) {
    let seg: string;
    try {
      seg = decodeURIComponent(raw);
    } catch {
      return null; // malformed percent-encoding
    }
    if (!isPlainSegment(seg)) return null;
    segments.push(seg);
  }
  return segments;
}

function isPlainSegment(seg: string): boolean {
  if (seg === '' || seg === '.' || seg === '..') return false;
  // Separators of any OS, a Windows drive or stream (`C:`, `file:stream`), NUL and control characters.
  // eslint-disable-next-line no-control-regex
  return !/[/\\:\u0000-\u001f\u007f]/.test(seg);
}
