import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CSP } from '../chromium-shell/csp';
import { createRendererFileHandler, type RendererFileHandler } from './renderer-files';

// A renderer build beside files it must never expose: the app's main bundle, a secret next to the
// build, and symlinks inside the build that point out of it.
let base = '';
let handle: RendererFileHandler;

beforeAll(() => {
  base = mkdtempSync(path.join(tmpdir(), 'yizhan-renderer-files-'));
  const root = path.join(base, 'out', 'renderer');
  mkdirSync(path.join(root, 'assets'), { recursive: true });
  mkdirSync(path.join(base, 'out', 'main'), { recursive: true });
  writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>一站</title>');
  writeFileSync(path.join(root, 'out-of-service.html'), '<!doctype html><title>暂停服务</title>');
  writeFileSync(path.join(root, 'assets', 'index-abc.js'), 'console.log(1)');
  writeFileSync(path.join(root, 'assets', 'index-abc.css'), 'body{}');
  writeFileSync(path.join(root, 'assets', 'worker.wasm'), Buffer.from([0, 0x61, 0x73, 0x6d]));
  writeFileSync(path.join(root, 'assets', 'notes.xyz'), 'not an asset type');
  writeFileSync(path.join(base, 'out', 'main', 'index.cjs'), 'require("electron")');
  writeFileSync(path.join(base, 'secret.json'), '{"key":"s3cret"}');
  // Same-prefix sibling: a naive startsWith(root) check would let /out/renderer-private through.
  mkdirSync(path.join(base, 'out', 'renderer-private'));
  writeFileSync(path.join(base, 'out', 'renderer-private', 'x.js'), 'private');
  symlinkSync(path.join(base, 'secret.json'), path.join(root, 'assets', 'linked.json'));
  symlinkSync(path.join(base, 'out', 'main'), path.join(root, 'main-dir'));
  symlinkSync('../renderer-private/x.js', path.join(root, 'sibling.js'));
  symlinkSync('index-abc.js', path.join(root, 'assets', 'alias.js'));
  handle = createRendererFileHandler(root);
});

afterAll(() => rmSync(base, { recursive: true, force: true }));

const get = (url: string, method = 'GET') => handle(new Request(url, { method }));

describe('renderer files over the app scheme', () => {
  it('serves pages and assets with their MIME type, the kiosk CSP and nosniff', async () => {
    const cases: [string, string, string][] = [
      ['app://kiosk/', 'text/html; charset=utf-8', '<!doctype html><title>一站</title>'],
      ['app://kiosk/index.html', 'text/html; charset=utf-8', '<!doctype html><title>一站</title>'],
      [
        'app://kiosk/out-of-service.html',
        'text/html; charset=utf-8',
        '<!doctype html><title>暂停服务</title>',
      ],
      ['app://kiosk/assets/index-abc.js', 'text/javascript; charset=utf-8', 'console.log(1)'],
      ['app://kiosk/assets/index-abc.css', 'text/css; charset=utf-8', 'body{}'],
      ['app://kiosk/assets/alias.js', 'text/javascript; charset=utf-8', 'console.log(1)'],
    ];
    for (const [url, type, body] of cases) {
      const res = await get(url);
      expect(res.status, url).toBe(200);
      expect(res.headers.get('content-type'), url).toBe(type);
      expect(res.headers.get('content-security-policy'), url).toBe(CSP);
      expect(res.headers.get('x-content-type-options'), url).toBe('nosniff');
      expect(res.headers.get('content-length'), url).toBe(String(Buffer.byteLength(body)));
      expect(await res.text(), url).toBe(body);
    }
    const wasm = await get('app://kiosk/assets/worker.wasm');
    expect(wasm.headers.get('content-type')).toBe('application/wasm');
    expect(new Uint8Array(await wasm.arrayBuffer())).toEqual(new Uint8Array([0, 0x61, 0x73, 0x6d]));
  });

  it('answers HEAD without a body and refuses other methods', async () => {
    const head = await get('app://kiosk/assets/index-abc.js', 'HEAD');
    expect(head.status).toBe(200);
    expect(head.headers.get('content-length')).toBe('14');
    expect(await head.text()).toBe('');
    const post = await get('app://kiosk/index.html', 'POST');
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
  });

  it('answers 404 for missing files, directories, unknown types and other hosts', async () => {
    for (const url of [
      'app://kiosk/missing.html',
      'app://kiosk/assets',
      'app://kiosk/assets/',
      'app://kiosk/assets/notes.xyz',
      'app://other/index.html',
      'app://kiosk:1/index.html',
    ]) {
      const res = await get(url);
      expect(res.status, url).toBe(404);
      expect(await res.text(), url).toBe('');
    }
  });

  it('never serves a file outside the renderer directory', async () => {
    for (const url of [
      'app://kiosk/../main/index.cjs',
      'app://kiosk/../../secret.json',
      'app://kiosk/%2e%2e/main/index.cjs',
      'app://kiosk/%2e%2e%2fmain%2findex.cjs',
      'app://kiosk/..%2f..%2fsecret.json',
      'app://kiosk/..%5cmain%5cindex.cjs',
      'app://kiosk/assets%5c..%5c..%5csecret.json',
      `app://kiosk/${encodeURIComponent(path.join(base, 'secret.json'))}`,
      `app://kiosk/${path.join(base, 'secret.json')}`,
      'app://kiosk/%2e%2e/renderer-private/x.js',
      // Symlinks inside the build that resolve outside it: to a file, through a directory, to a sibling.
      'app://kiosk/assets/linked.json',
      'app://kiosk/main-dir/index.cjs',
      'app://kiosk/sibling.js',
    ]) {
      const res = await get(url);
      expect(res.status, url).toBe(404);
      const text = await res.text();
      expect(text, url).not.toContain('s3cret');
      expect(text, url).not.toContain('electron');
      expect(text, url).not.toContain('private');
    }
  });

  it('answers 404, not an exception, when the renderer directory is missing', async () => {
    const missing = createRendererFileHandler(path.join(base, 'no-such-build'));
    expect((await missing(new Request('app://kiosk/index.html'))).status).toBe(404);
  });
});
