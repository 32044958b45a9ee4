import { describe, expect, it } from 'vitest';
import { rendererPathFor } from './app-url';

describe('app scheme URL → renderer path', () => {
  it('maps the start page, pages and nested assets; ignores query and fragment', () => {
    expect(rendererPathFor('app://kiosk/')).toEqual(['index.html']);
    expect(rendererPathFor('app://kiosk')).toEqual(['index.html']);
    expect(rendererPathFor('app://kiosk/index.html?token=x#/home')).toEqual(['index.html']);
    expect(rendererPathFor('app://kiosk/out-of-service.html')).toEqual(['out-of-service.html']);
    expect(rendererPathFor('app://kiosk/assets/index-14j-dX6i.js')).toEqual(['assets', 'index-14j-dX6i.js']);
    // One decoding: a file name with a space or hanzi is found; a double-encoded dot stays a name.
    expect(rendererPathFor('app://kiosk/assets/a%20b.png')).toEqual(['assets', 'a b.png']);
    expect(rendererPathFor('app://kiosk/%E5%9B%BE.png')).toEqual(['图.png']);
    expect(rendererPathFor('app://kiosk/%252e%252e/x')).toEqual(['%2e%2e', 'x']);
  });

  it('serves only the kiosk host of the app scheme', () => {
    for (const url of [
      'app://other/index.html',
      'app://kiosk.evil/index.html',
      'app://kiosk:8080/index.html',
      'app://user:pw@kiosk/index.html',
      'app:///index.html',
      'app:index.html',
      'http://kiosk/index.html',
      'file:///work/main/out/renderer/index.html',
      'not a url',
    ])
      expect(rendererPathFor(url), url).toBeNull();
    // Chromium lowercases a standard scheme's host; Node leaves it as written.
    expect(rendererPathFor('app://KIOSK/index.html')).toEqual(['index.html']);
  });

  it('refuses every way out of the renderer directory', () => {
    for (const url of [
      // Percent-encoded dot segments and separators survive URL parsing as single segments.
      'app://kiosk/%2e%2e%2f%2e%2e%2fetc%2fpasswd',
      'app://kiosk/..%2f..%2fetc%2fpasswd',
      'app://kiosk/assets/%2e%2e%2f%2e%2e%2fpackage.json',
      'app://kiosk/%2E%2E%2Fmain%2Findex.cjs',
      'app://kiosk/..%5c..%5cmain%5cindex.cjs',
      'app://kiosk/assets\\..\\..\\main\\index.cjs',
      'app://kiosk/%5cetc%5cpasswd',
      // Absolute paths: an empty first segment, an encoded leading slash, a Windows drive or UNC share.
      'app://kiosk//etc/passwd',
      'app://kiosk/%2fetc%2fpasswd',
      'app://kiosk/C:%5cWindows%5cwin.ini',
      'app://kiosk/c:/Windows/win.ini',
      'app://kiosk/%5c%5cserver%5cshare',
      // NUL and control characters, malformed escapes, empty segments, trailing slashes.
      'app://kiosk/index.html%00.png',
      'app://kiosk/index%0a.html',
      'app://kiosk/%E5%9B',
      'app://kiosk/assets//index.js',
      'app://kiosk/assets/',
      'app://kiosk/index.html:stream',
    ])
      expect(rendererPathFor(url), url).toBeNull();
  });

  it('lets URL parsing fold literal dot segments back inside the directory', () => {
    // `..` written literally is resolved against the root by the URL parser (Node and Chromium
    // alike), so it can never climb above it; what remains is an ordinary path under the root.
    expect(rendererPathFor('app://kiosk/../../etc/passwd')).toEqual(['etc', 'passwd']);
    expect(rendererPathFor('app://kiosk/assets/%2e%2e/index.html')).toEqual(['index.html']);
    expect(rendererPathFor('app://kiosk/./index.html')).toEqual(['index.html']);
  });
});
