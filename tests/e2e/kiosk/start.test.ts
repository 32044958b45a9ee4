import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

let proc: ChildProcess | undefined;
let browser: Browser | undefined;
let dataDir = '';
let ready: { url: string; backoffice: string; console: string };

/** Runs the real `yizhan start` (host process, embedded back office, bridge) without its own browser. */
beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'yizhan-start-'));
  const config = path.join(dataDir, 'site.json');
  writeFileSync(
    config,
    JSON.stringify({
      kioskId: 'kiosk-e2e-01',
      // No roles required, one valid device that cannot come up here (no such cups-pdf queue), and a
      // simulated receipt printer whose paper `yizhan sim control` takes out.
      site: { requiredRoles: [] },
      devices: [
        { id: 'receipt-1', family: 'escpos-printer', transport: { kind: 'simulated' } },
        {
          id: 'mystery-1',
          family: 'a4-printer',
          transport: { kind: 'simulated' },
          options: { simulator: { spooler: 'cups-pdf', cupsPdfQueue: 'yizhan-no-such-queue' } },
        },
      ],
    }),
  );
  proc = spawn(
    process.execPath,
    ['bin/yizhan.mjs', 'start', '--no-browser', '--config', config, '--data-dir', dataDir],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, YIZHAN_LOG_LEVEL: 'warn' },
    },
  );
  ready = await new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    proc!.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    proc!.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const line = out.split('\n').find((l) => l.includes('kiosk.ready'));
      if (line) resolve(JSON.parse(line) as typeof ready);
    });
    proc!.once('exit', (code) => reject(new Error(`yizhan start exited with ${code}: ${err}`)));
  });
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_FLAGS });
}, 90_000);

afterAll(async () => {
  await browser?.close();
  if (proc && proc.exitCode === null) {
    const exited = new Promise((r) => proc!.once('exit', r));
    proc.kill('SIGTERM');
    await exited;
  }
  if (!process.env.KEEP_E2E) rmSync(dataDir, { recursive: true, force: true });
});

describe('yizhan start (Chromium product mode)', () => {
  // 60 s: beside the page, it runs `yizhan sim control` (a CLI start of its own, seconds when loaded).
  it(
    'serves the touch UI, which shows live device status from the host in Chinese and English',
    { timeout: 60_000 },
    async () => {
      const page = await browser!.newPage({ viewport: { width: 1280, height: 800 } });
      await page.goto(ready.url);
      await expect
        .poll(() => page.getByTestId('status-summary').textContent(), { timeout: 15_000 })
        .toBe('部分设备暂不可用，相关业务请到人工窗口办理');
      await expect(page.locator('[data-device="mystery-1"]').getAttribute('data-health')).resolves.toBe(
        'noDevice',
      );
      // A citizen sees what a device is and how it is, never its internal id.
      const footer = page.locator('footer.status');
      await expect(footer.innerText()).resolves.not.toContain('mystery-1');
      // …and the real condition: paper out is 缺纸, not the 离线 its health maps to.
      const paperOut = spawnSync(
        process.execPath,
        ['bin/yizhan.mjs', 'sim', 'control', 'paper', 'out', '--data-dir', dataDir],
        { encoding: 'utf8' },
      );
      expect(paperOut.status, paperOut.stderr).toBe(0);
      await expect.poll(() => footer.innerText(), { timeout: 15_000 }).toContain('凭条打印机: 缺纸');
      expect(await footer.innerText()).not.toContain('离线');
      // The tab and the task switcher show the product's icon.
      const icon = await page.locator('link[rel="icon"]').getAttribute('href');
      const res = await fetch(new URL(icon!, page.url()));
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('image/svg+xml');
      await page.getByRole('button', { name: 'English' }).click();
      await expect
        .poll(() => page.getByRole('heading', { level: 2 }).textContent())
        .toBe('Place your ID card on the reader');
      await page.screenshot({ path: path.join(dataDir, 'home-en.png') });
    },
  );

  it('refuses contract calls without the start token', async () => {
    const origin = new URL(ready.url).origin;
    const res = await fetch(`${origin}/ipc/devices:list`, { method: 'POST', body: '{}' });
    expect(res.status).toBe(403);
    const token = new URL(ready.url).searchParams.get('token')!;
    const ok = await fetch(`${origin}/ipc/devices:list`, {
      method: 'POST',
      body: '{}',
      headers: { 'x-kiosk-token': token },
    });
    await expect(ok.json()).resolves.toMatchObject({
      ok: true,
      value: [{ deviceId: 'receipt-1' }, { deviceId: 'mystery-1' }],
    });
  });

  it('runs an embedded back office the kiosk is registered with, and names its staff console', async () => {
    expect(ready.console).toBe(`${ready.backoffice}/console/`);
    const page = await fetch(ready.console);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<div id="root">');
    const res = await fetch(`${ready.backoffice}/api/v1/openapi.json`);
    expect(res.status).toBe(200);
    const doc = (await res.json()) as { openapi: string };
    expect(doc.openapi).toMatch(/^3\.1/);
  });
});
