// Screenshots of the screens a citizen meets, drawn by the kiosk shell on fixed views
// (renderer/screens-harness.html, renderer/src/shell/harness/fixtures.ts): every screen in Chinese on
// the 1080×1920 portrait terminal, a few in English, in elder mode and on the 1920×1080 landscape one.
// Compared with tests/e2e/__screenshots__/screens/ (UPDATE_SCREENSHOTS=1 rewrites them; look at them
// before committing); the tolerance absorbs anti-aliasing, not a changed word.
//
// One browser and one page serve the whole file: each screen is a fresh navigation of that page (the
// harness keeps no state between loads), resized to the terminal's screen when the orientation changes.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { SCREEN_NAMES, type ScreenName } from '../../../renderer/src/shell/harness/fixtures';
import { LAYOUTS, type Orientation, type UiMode } from '../../../renderer/src/ui/tokens';
import { launchChromium } from '../../helpers/chromium';
import { buildRendererPages, serveStatic, type StaticServer } from '../../helpers/chromium-harness';
import { checkShot, installAxe, runAxe } from '../ui/page-checks';
import { breaches, collectFacts } from '../ui/touch-rules';

const MAX_DIFF_PIXELS = 40;

/**
 * Screens reached by a tap on a fixed view: the catalogue's service whose A4 printer is down
 * (fixtures.ts) opens its "unavailable here" panel.
 */
const TAPPED = {
  unavailable: { from: 'catalogue', tap: /参保证明打印|Social insurance certificate/ },
} satisfies Record<string, { from: ScreenName; tap: RegExp }>;
type ShotName = ScreenName | keyof typeof TAPPED;

interface Shot {
  screen: ShotName;
  mode: UiMode;
  locale: 'zh-CN' | 'en';
  orientation: Orientation;
  /** The terminal in a technician's hands: 暂停服务 over the page (diagnostics/out-of-service.tsx). */
  outOfService?: true;
}

const VARIANTS: ReadonlyArray<Omit<Shot, 'screen'>> = [
  { mode: 'standard', locale: 'zh-CN', orientation: 'portrait' },
];
const FEW: readonly ShotName[] = [
  'attract',
  'catalogue',
  'form',
  'confirm',
  'print',
  'done',
  'lockerDeposit',
  'queueTicket',
  'rate',
  'unavailable',
];
/**
 * Also put through axe-core (target-size on, 7:1 in elder mode): the step screens no journey e2e
 * reaches yet (the journeys run axe on the screens they pass through).
 */
const AXE: ReadonlySet<ShotName> = new Set<ShotName>([
  'lockerDeposit',
  'lockerPickup',
  'queueTicket',
  'rate',
  'enterCode',
  'lookup',
  'unavailable',
]);
const ALL: readonly ShotName[] = [...SCREEN_NAMES, ...(Object.keys(TAPPED) as (keyof typeof TAPPED)[])];
const SHOTS: Shot[] = [
  ...ALL.flatMap((screen) => VARIANTS.map((v) => ({ screen, ...v }))),
  ...FEW.map((screen) => ({
    screen,
    mode: 'standard' as const,
    locale: 'en' as const,
    orientation: 'portrait' as const,
  })),
  ...FEW.map((screen) => ({
    screen,
    mode: 'elder' as const,
    locale: 'zh-CN' as const,
    orientation: 'portrait' as const,
  })),
  ...FEW.map((screen) => ({
    screen,
    mode: 'standard' as const,
    locale: 'zh-CN' as const,
    orientation: 'landscape' as const,
  })),
  ...(
    [
      ['standard', 'zh-CN', 'portrait'],
      ['elder', 'zh-CN', 'portrait'],
      ['elder', 'en', 'portrait'],
      ['standard', 'zh-CN', 'landscape'],
    ] as const
  ).map(([mode, locale, orientation]) => ({
    screen: 'attract' as const,
    mode,
    locale,
    orientation,
    outOfService: true as const,
  })),
];
const nameOf = (s: Shot) =>
  `${s.outOfService ? 'out-of-service' : s.screen}.${s.mode}.${s.locale}.${s.orientation}`;

let dir = '';
let server: StaticServer;
let browser: Browser;
let page: Page;
beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'yizhan-screens-'));
  await buildRendererPages(['screens-harness'], dir);
  server = await serveStatic(dir);
  browser = await launchChromium();
  page = await (await browser.newContext({ viewport: LAYOUTS.portrait })).newPage();
  await installAxe(page);
}, 180_000);
afterAll(async () => {
  await browser?.close().catch(() => undefined);
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the screens a citizen meets', { timeout: 30_000 }, () => {
  test.each(SHOTS.map((s) => [nameOf(s), s] as const))('%s', async (name, s) => {
    const { width, height } = LAYOUTS[s.orientation];
    const viewport = page.viewportSize();
    if (viewport?.width !== width || viewport.height !== height)
      await page.setViewportSize({ width, height });
    const tapped = s.screen in TAPPED ? TAPPED[s.screen as keyof typeof TAPPED] : undefined;
    const q = new URLSearchParams({
      screen: tapped?.from ?? s.screen,
      mode: s.mode,
      locale: s.locale,
      orientation: s.orientation,
      ...(s.outOfService ? { diag: 'oos' } : {}),
    });
    await page.goto(`${server.url}/screens-harness.html?${q.toString()}`);
    await page.locator(s.outOfService ? '[data-testid="out-of-service"]' : '.shell').waitFor();
    if (tapped) {
      await page.getByRole('button', { name: tapped.tap }).first().click();
      await page.getByTestId('catalogue-back').waitFor();
    }
    await page.evaluate('document.fonts.ready.then(() => true)');
    expect(breaches(await collectFacts(page), s.mode), `touch rules on ${name}`).toEqual([]);
    if (AXE.has(s.screen))
      expect((await runAxe(page, { enhancedContrast: s.mode === 'elder' })).grave, `axe on ${name}`).toEqual(
        [],
      );
    const png = await page.screenshot({ animations: 'disabled', caret: 'initial' });
    expect(checkShot(`screens/${name}.png`, png, MAX_DIFF_PIXELS).problem).toBeUndefined();
  });
});
