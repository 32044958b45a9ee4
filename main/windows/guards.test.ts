import { describe, expect, it } from 'vitest';
import { CrashPolicy, isAppUrl, isBlockedShortcut, originOf } from './guards';

const key = (
  k: string,
  mods: Partial<{ control: boolean; alt: boolean; meta: boolean; shift: boolean }> = {},
) => ({
  type: 'keyDown',
  key: k,
  control: false,
  alt: false,
  meta: false,
  shift: false,
  ...mods,
});

describe('kiosk window guards', () => {
  it('allows only the app origin', () => {
    expect(isAppUrl('http://127.0.0.1:5174/#/home', 'http://127.0.0.1:5174')).toBe(true);
    expect(isAppUrl('https://example.com/', 'http://127.0.0.1:5174')).toBe(false);
    expect(isAppUrl('file:///etc/passwd', 'http://127.0.0.1:5174')).toBe(false);
    expect(isAppUrl('not a url', 'http://127.0.0.1:5174')).toBe(false);
  });

  it('gives the app scheme a real origin and never matches opaque ones', () => {
    // Node's URL.origin is "null" for app:, file: and data: alike; comparing those let any of them pass.
    expect(originOf('app://kiosk/index.html')).toBe('app://kiosk');
    expect(originOf('app://KIOSK/assets/x.js')).toBe('app://kiosk');
    expect(originOf('http://127.0.0.1:5174/#/home')).toBe('http://127.0.0.1:5174');
    for (const url of [
      'file:///etc/passwd',
      'data:text/html,<p>x',
      'about:blank',
      'javascript:alert(1)',
      'x',
    ])
      expect(originOf(url), url).toBeNull();
    const app = originOf('app://kiosk/index.html')!;
    expect(isAppUrl('app://kiosk/out-of-service.html', app)).toBe(true);
    for (const url of [
      'file:///etc/passwd',
      'data:text/html,<script>x</script>',
      'about:blank',
      'app://other/index.html',
      'app://kiosk:8080/index.html',
      'chrome://settings',
      'devtools://devtools/bundled/inspector.html',
    ])
      expect(isAppUrl(url, app), url).toBe(false);
    expect(isAppUrl('file:///etc/passwd', 'null')).toBe(false);
  });

  it('blocks escape shortcuts and lets typing through', () => {
    for (const k of [
      key('r', { control: true }),
      key('F5'),
      key('F12'),
      key('i', { control: true, shift: true }),
      key('ArrowLeft', { alt: true }),
      key('F4', { alt: true }),
    ]) {
      expect(isBlockedShortcut(k)).toBe(true);
    }
    for (const k of [key('a'), key('张'), key('Enter'), key('Backspace'), key('r', { shift: true })]) {
      expect(isBlockedShortcut(k)).toBe(false);
    }
  });

  it('reloads a crashed page with growing delays, then gives up to the out-of-service page', () => {
    const p = new CrashPolicy(3, 60_000);
    expect(p.record(0)).toEqual({ action: 'reload', delayMs: 500 });
    expect(p.record(1000)).toEqual({ action: 'reload', delayMs: 1000 });
    expect(p.record(2000)).toEqual({ action: 'reload', delayMs: 2000 });
    expect(p.record(3000)).toEqual({ action: 'outOfService' });
    expect(p.record(200_000)).toEqual({ action: 'reload', delayMs: 500 });
  });
});
