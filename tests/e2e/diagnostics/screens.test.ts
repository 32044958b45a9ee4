// The diagnostics screens (renderer/diagnostics-harness.html, answered from fixtures) in Chinese and
// English, and in elder mode (长辈模式, Chinese: a citizen may have switched it on when 暂停服务
// appears, and the technician's screens must still fit with its larger type): screenshots compared with tests/e2e/__screenshots__/diagnostics/ (UPDATE_SCREENSHOTS=1
// rewrites them; look before committing), axe-core with target-size on, and our touch-rule check of
// the tokens (targets, text sizes, contrast). The screens driven as a technician would: the PIN on
// the digit pad, a self-test run, a configuration value changed with a one-tap choice.
//
// One browser and one page serve the whole file: each screen is a fresh navigation of that page (the
// harness keeps no state between loads), so the bundle and fonts come from the page's cache and each
// screen costs one load, one screenshot, one axe pass and one read of the laid-out facts.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Locale } from '../../../renderer/src/i18n/messages';
import { DEVICES } from '../../../renderer/src/diagnostics/harness/fixtures';
import { LAYOUTS, type UiMode } from '../../../renderer/src/ui/tokens';
import { launchChromium } from '../../helpers/chromium';
import { buildRendererPages, serveStatic, type StaticServer } from '../../helpers/chromium-harness';
import { checkScreenshot } from '../../helpers/png-diff';
import { breaches, collectFacts } from '../ui/touch-rules';

const SCREENS = [
  'start',
  'pin',
  'locked',
  'waiting',
  'oos',
  'devices',
  'health',
  'supplies',
  'config',
  'logs',
  'trace',
  'bundle',
] as const;
type Screen = (typeof SCREENS)[number] | 'device';
const LOCALES: readonly Locale[] = ['zh-CN', 'en'];
const MAX_DIFF_PIXELS = 40;

let dir = '';
let server: StaticServer;
let browser: Browser;
let page: Page;
beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'yizhan-diag-harness-'));
  await buildRendererPages(['diagnostics-harness'], dir);
  server = await serveStatic(dir);
  browser = await launchChromium();
  const { width, height } = LAYOUTS.portrait;
  page = await (await browser.newContext({ viewport: { width, height } })).newPage();
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Loads `screen` in `locale` and `mode` (portrait) and waits until its data is on screen. */
async function open(screen: Screen, locale: Locale, mode: UiMode = 'standard'): Promise<void> {
  const query = new URLSearchParams({
    screen: screen === 'device' ? 'devices' : screen,
    locale,
    mode,
    orientation: 'portrait',
  });
  await page.goto(`${server.url}/diagnostics-harness.html?${query.toString()}`);
  await page.locator('.ui-screen').waitFor();
  if (screen === 'device') {
    // The receipt printer's page, both of its self-tests run.
    await page.locator('[data-device="receipt-printer-1"]').click();
    await page.getByTestId('tests-run-all').click();
    await page.locator('[data-test="printer.testSlip"][data-outcome="pass"]').waitFor();
  } else if (SCREENS.indexOf(screen) >= SCREENS.indexOf('devices')) {
    await page.locator('.diag-section .ui-title').first().waitFor();
    await page.locator('.diag-section').getByText(/\S/).first().waitFor();
  }
  // Data arrives after the first paint: wait until nothing is loading, then for the fonts.
  await page.waitForFunction(
    '!document.body.innerText.includes("正在读取") && !document.body.innerText.includes("Loading")',
  );
  await page.evaluate('document.fonts.ready.then(() => true)');
}

const ALL: Screen[] = [...SCREENS, 'device'];

describe('every diagnostics screen: its picture, axe and the touch rules', { timeout: 30_000 }, () => {
  test.each([
    ...ALL.flatMap((s) => LOCALES.map((l) => [`${s}.${l}`, s, l, 'standard'] as const)),
    ...ALL.map((s) => [`${s}.elder.zh-CN`, s, 'zh-CN', 'elder'] as const),
  ])('%s', async (name, screen, locale, mode) => {
    await open(screen, locale, mode);
    const png = await page.screenshot({ animations: 'disabled', caret: 'initial' });
    expect(checkScreenshot(`diagnostics/${name}.png`, png, MAX_DIFF_PIXELS).problem).toBeUndefined();

    // Legacy mode runs axe in the page itself: no blank page opened per run (there are no frames).
    const results = await new AxeBuilder({ page })
      .setLegacyMode()
      .options({ rules: { 'target-size': { enabled: true } } })
      .analyze();
    const grave = results.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    expect(grave).toEqual([]);
    expect([...results.passes, ...results.violations].map((r) => r.id)).toContain('target-size');

    const facts = await collectFacts(page);
    // Every screen offers something to touch; each of those at least the target size.
    expect(facts.targets.length).toBeGreaterThan(0);
    expect(breaches(facts, mode)).toEqual([]);
  });
});

describe('driven as a technician would', { timeout: 30_000 }, () => {
  test('the PIN is typed on the digit pad, shown as dots, and a wrong one says how many tries are left', async () => {
    await open('pin', 'zh-CN');
    for (const d of '1024') await page.locator(`[data-testid="pin-number"] [data-skbtn="${d}"]`).click();
    await page.getByTestId('pin-next').click();
    for (const d of '135790') await page.locator(`[data-testid="pin-pad"] [data-skbtn="${d}"]`).click();
    await expect(page.locator('[data-testid="pin-pad"] [data-testid="field"]').innerText()).resolves.toBe(
      '●●●●●●',
    );
    // The digits typed appear nowhere on the page.
    await expect(page.locator('body').innerText()).resolves.not.toContain('135790');
    await page.getByTestId('pin-submit').click();
    await expect(page.getByTestId('pin-wrong').innerText()).resolves.toBe('工号或密码不正确，还可尝试 2 次');
  });

  test('a configuration value changed with a one-tap choice is marked, and the host refusal is shown at its path', async () => {
    await open('config', 'en');
    const field = page.locator('[data-path="devices[0].transport.baudRate"]');
    await field.click();
    await page.getByTestId('choose-9600').click();
    await expect(field.getAttribute('class')).resolves.toContain('is-changed');
    await page.getByTestId('config-validate').click();
    await expect(field.locator('.diag-field-issue').innerText()).resolves.toBe(
      'expected one of 9600, 115200',
    );
    // Secrets and identities cannot be edited from the screen.
    await expect(page.locator('[data-path="kioskId"]').isDisabled()).resolves.toBe(true);
  });

  test('the lockout says why and until when, counting down from the fixed clock', async () => {
    await open('locked', 'en');
    const locked = await page.getByTestId('pin-locked').innerText();
    expect(locked).toContain('Too many wrong PINs');
    expect(locked).toMatch(/Try again after .+ \(15:00 left\)/);
  });

  test('the device list shows every device the host reports', async () => {
    await open('devices', 'en');
    const shown: Array<string | null> = [];
    for (const card of await page.locator('.diag-card').all())
      shown.push(await card.getAttribute('data-device'));
    expect(shown).toEqual(DEVICES.map((d) => d.deviceId));
  });

  test('a self-test result names what to fix and the facts the driver reported', async () => {
    await open('device', 'zh-CN');
    const status = page.locator('[data-test="printer.status"]');
    await expect(status.getAttribute('data-outcome')).resolves.toBe('warn');
    await expect(status.innerText()).resolves.toContain('纸将尽：准备更换纸卷');
  });
});
