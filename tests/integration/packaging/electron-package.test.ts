// Packaging, offline: runs the real build (node scripts/build-electron.mjs) and the real
// `electron-builder --linux --dir` with the project's electron-builder.yml, around a stub Electron
// binary (the real one cannot be downloaded here), then inspects the app.asar it wrote. Slow by
// nature (two Vite builds, esbuild, electron-builder): kept in its own file.
import * as asar from '@electron/asar';
import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerConsole } from '../../../backoffice/console/index';
import { silentLogger } from '../../../devices/core';
import { CSP } from '../../../main/chromium-shell/csp';
import { startEmbeddedBackoffice } from '../../../main/chromium-shell/embedded-backoffice';
import { createRendererFileHandler } from '../../../main/app/renderer-files';
import { writeStubElectron } from './stub-electron';

const ROOT = path.resolve(import.meta.dirname, '../../..');
let work = '';
let appDir = '';
let archive = '';
let entries: string[] = [];
const timings: Record<string, number> = {};

/** Runs a command in the repository; resolves with its output, rejects with the tail of it on failure. */
function run(label: string, args: string[]): Promise<string> {
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      timings[label] = Math.round(performance.now() - t0);
      if (code === 0) resolve(out);
      else reject(new Error(`${label} exited ${code}:\n${out.slice(-4000)}`));
    });
  });
}

/** Copies the archive's files under `prefix` (e.g. out/renderer) to `dest`, as Electron would read them. */
function extractTree(prefix: string, dest: string): string {
  for (const entry of entries.filter((e) => e.startsWith(`/${prefix}/`))) {
    const rel = entry.slice(1);
    const stat = asar.statFile(archive, rel);
    if ('files' in stat) continue; // a directory
    const out = path.join(dest, path.relative(prefix, rel));
    mkdirSync(path.dirname(out), { recursive: true });
    writeFileSync(out, asar.extractFile(archive, rel));
  }
  return dest;
}

/** The packaged staff console, extracted once. */
function packagedConsole(): string {
  const dir = path.join(work, 'x', 'console');
  return existsSync(dir) ? dir : extractTree('out/console', dir);
}

/** The local URLs a built HTML page loads (its scripts, styles, icons). */
const assetRefs = (html: string) =>
  [...html.matchAll(/\s(?:src|href)="([^"]+)"/g)].map((m) => m[1]!).filter((u) => !/^[a-z]+:/i.test(u));

beforeAll(async () => {
  work = mkdtempSync(path.join(tmpdir(), 'yizhan-package-'));
  const stub = writeStubElectron(path.join(work, 'electron-dist'));
  const build = await run('build-electron', ['scripts/build-electron.mjs']);
  expect(build).toMatch(/out\/ ready/);
  // The project's own electron-builder.yml, with only what this machine cannot do overridden: no
  // Electron download (stub electronDist), no native rebuild (it fetches Electron's headers).
  await run('electron-builder --dir', [
    'node_modules/electron-builder/cli.js',
    '--linux',
    '--dir',
    '--publish',
    'never',
    `-c.electronDist=${stub}`,
    '-c.npmRebuild=false',
    `-c.directories.output=${path.join(work, 'release')}`,
  ]);
  appDir = path.join(work, 'release', 'linux-unpacked');
  archive = path.join(appDir, 'resources', 'app.asar');
  entries = asar.listPackage(archive, { isPack: false });
  console.log(`packaging timings (ms): ${JSON.stringify(timings)}; app.asar entries: ${entries.length}`);
}, 180_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('electron-builder --dir, offline, with the project config', () => {
  it('packs the bundles, both renderer pages, the staff console and the font subset', () => {
    for (const file of [
      '/package.json',
      '/out/main/index.cjs',
      '/out/main/host.mjs',
      '/out/preload/index.cjs',
      '/out/renderer/index.html',
      '/out/renderer/out-of-service.html',
      '/out/console/index.html',
      '/out/fonts/NotoSansCJKsc-Regular.subset.otf',
      '/out/fonts/NotoSansCJKsc-Bold.subset.otf',
      '/out/fonts/OFL.txt',
    ])
      expect(entries, file).toContain(file);
    expect(entries.filter((e) => /^\/out\/fonts\/[^/]+\.otf$/.test(e)).length).toBeGreaterThanOrEqual(2);
  });

  it('ships no source maps and no test harness pages', () => {
    expect(entries.filter((e) => e.endsWith('.map'))).toEqual([]);
    expect(entries.filter((e) => /-harness\.html$/.test(e))).toEqual([]);
    // The citizen's page, the technician's mode (diagnostics) and the out-of-service page.
    expect(entries.filter((e) => /^\/out\/renderer\/[^/]+\.html$/.test(e)).sort()).toEqual([
      '/out/renderer/diagnostics.html',
      '/out/renderer/index.html',
      '/out/renderer/out-of-service.html',
    ]);
  });

  it('starts Electron at the CommonJS shell bundle', () => {
    const pkg = JSON.parse(asar.extractFile(archive, 'package.json').toString('utf8')) as { main: string };
    expect(pkg.main).toBe('out/main/index.cjs');
    expect(entries).toContain(`/${pkg.main}`);
  });

  it('holds every asset the renderer pages and the console load', () => {
    for (const [dir, page] of [
      ['out/renderer', 'index.html'],
      ['out/renderer', 'out-of-service.html'],
      ['out/console', 'index.html'],
    ] as const) {
      const html = asar.extractFile(archive, `${dir}/${page}`).toString('utf8');
      const refs = assetRefs(html);
      if (page === 'index.html') expect(refs.length, `${dir}/${page}`).toBeGreaterThan(0);
      for (const ref of refs) {
        // The renderer is relative (base './'); the console lives under /console/ of the back office.
        const rel = dir === 'out/console' ? ref.replace(/^\/console\//, '') : ref.replace(/^\.\//, '');
        expect(entries, `${dir}/${page} → ${ref}`).toContain(`/${dir}/${rel}`);
      }
    }
  });

  it('unpacks every native addon beside the archive', () => {
    const natives = entries.filter((e) => e.endsWith('.node'));
    for (const name of [
      'better_sqlite3.node',
      'pcsclite.node',
      '@serialport+bindings-cpp.glibc.node',
      'node-napi-v4.node',
    ])
      expect(
        natives.some((e) => e.endsWith(`/${name}`)),
        name,
      ).toBe(true);
    for (const e of natives) {
      expect(asar.statFile(archive, e.slice(1)), e).toMatchObject({ unpacked: true });
      expect(existsSync(path.join(`${archive}.unpacked`, e)), e).toBe(true);
    }
  });

  it('flips the fuses electron-builder.yml asks for in the packaged binary', async () => {
    const wire = await getCurrentFuseWire(path.join(appDir, 'yizhan'));
    const ON = 0x31;
    const OFF = 0x30;
    expect(wire[FuseV1Options.RunAsNode]).toBe(OFF);
    expect(wire[FuseV1Options.EnableCookieEncryption]).toBe(ON);
    expect(wire[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(OFF);
    expect(wire[FuseV1Options.EnableNodeCliInspectArguments]).toBe(OFF);
    expect(wire[FuseV1Options.EnableEmbeddedAsarIntegrityValidation]).toBe(ON);
    expect(wire[FuseV1Options.OnlyLoadAppFromAsar]).toBe(ON);
    expect(wire[FuseV1Options.GrantFileProtocolExtraPrivileges]).toBe(OFF);
  });
});

describe('the packaged files, served as the product serves them', () => {
  it('app://kiosk/ answers the packaged renderer with its types and the kiosk CSP', async () => {
    const handle = createRendererFileHandler(extractTree('out/renderer', path.join(work, 'x', 'renderer')));
    const index = await handle(new Request('app://kiosk/'));
    expect(index.status).toBe(200);
    expect(index.headers.get('content-security-policy')).toBe(CSP);
    const html = await index.text();
    expect(html).toContain('一站');
    const types = new Set<string>();
    for (const ref of assetRefs(html)) {
      const res = await handle(new Request(new URL(ref, 'app://kiosk/index.html').href));
      expect(res.status, ref).toBe(200);
      types.add(res.headers.get('content-type') ?? '');
    }
    expect(types).toContain('text/javascript; charset=utf-8');
    expect(types).toContain('text/css; charset=utf-8');
    expect((await handle(new Request('app://kiosk/out-of-service.html'))).status).toBe(200);
    expect((await handle(new Request('app://kiosk/%2e%2e%2fconsole%2findex.html'))).status).toBe(404);
  });

  it('the embedded back office serves the packaged console as distDir, without Vite', async () => {
    const consoleDir = packagedConsole();
    const dataDir = path.join(work, 'x', 'data');
    mkdirSync(dataDir);
    const bo = await startEmbeddedBackoffice({
      dataDir,
      kioskId: 'kiosk-pack-01',
      log: silentLogger,
      consoleDistDir: consoleDir,
    });
    try {
      const page = await fetch(`${bo.url}/console/`);
      expect(page.status).toBe(200);
      const html = await page.text();
      expect(html).toBe(readFileSync(path.join(consoleDir, 'index.html'), 'utf8'));
      for (const ref of assetRefs(html)) {
        const res = await fetch(`${bo.url}${ref}`);
        expect(res.status, ref).toBe(200);
      }
      // Nothing was built: the data dir has no console build cache.
      expect(existsSync(path.join(dataDir, 'console-build'))).toBe(false);
    } finally {
      await bo.stop();
    }
  });

  it('a relative distDir is served; a missing one answers 503, not an empty 404', async () => {
    const app = Fastify();
    const missing = Fastify();
    try {
      await registerConsole(app, { distDir: path.relative(process.cwd(), packagedConsole()) });
      expect((await app.inject({ url: '/console/' })).statusCode).toBe(200);
      await registerConsole(missing, { distDir: path.join(work, 'no-console') });
      const res = await missing.inject({ url: '/console/' });
      expect(res.statusCode).toBe(503);
      expect(res.json()).toMatchObject({ error: { code: 'consoleUnavailable' } });
    } finally {
      await app.close();
      await missing.close();
    }
  });
});
