// The UI gallery (renderer/ui-gallery-harness.html) built with the project's Vite config and served
// to Debian's Chromium, in every combination of section, mode, language and orientation.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { GALLERY_SECTIONS, type GallerySection } from '../../../renderer/src/ui/gallery/sections';
import {
  LAYOUTS,
  ORIENTATIONS,
  UI_MODES,
  type Orientation,
  type UiMode,
} from '../../../renderer/src/ui/tokens';
import type { Locale } from '../../../renderer/src/i18n/messages';
import { launchChromium } from '../../helpers/chromium';
import { buildRendererPages, serveStatic, type StaticServer } from '../../helpers/chromium-harness';

export interface Combination {
  section: GallerySection;
  mode: UiMode;
  locale: Locale;
  orientation: Orientation;
}

export const LOCALES: readonly Locale[] = ['zh-CN', 'en'];

export const COMBINATIONS: readonly Combination[] = GALLERY_SECTIONS.flatMap((section) =>
  UI_MODES.flatMap((mode) =>
    LOCALES.flatMap((locale) => ORIENTATIONS.map((orientation) => ({ section, mode, locale, orientation }))),
  ),
);

/** A combination for behaviour tests: standard mode, Chinese, portrait unless said otherwise. */
export const combination = (section: GallerySection, extra: Partial<Combination> = {}): Combination => ({
  section,
  mode: 'standard',
  locale: 'zh-CN',
  orientation: 'portrait',
  ...extra,
});

export const nameOf = (c: Combination) => `${c.section}.${c.mode}.${c.locale}.${c.orientation}`;

/** A fixed clock for the idle countdown, so the seconds shown never change between runs. */
const FROZEN_NOW = 1_000_000;

/** What is typed before a section is looked at, so the candidate bar is on screen. */
const TYPED: Partial<Record<GallerySection, string>> = { pinyin: 'sfz', t9: '739' };

export interface Gallery {
  browser: Browser;
  server: StaticServer;
  close(): Promise<void>;
}

export async function startGallery(extraFlags: readonly string[] = []): Promise<Gallery> {
  const dir = mkdtempSync(path.join(tmpdir(), 'yizhan-gallery-'));
  await buildRendererPages(['ui-gallery-harness'], dir);
  const server = await serveStatic(dir);
  const browser = await launchChromium(extraFlags);
  return {
    browser,
    server,
    close: async () => {
      await browser.close().catch(() => undefined);
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Taps a key of the on-screen keyboard (simple-keyboard marks each with data-skbtn). `inert`: the
 * key is expected to be disabled; tap it anyway (Playwright would otherwise wait for it).
 */
export async function tapKey(page: Page, key: string, opts: { inert?: boolean } = {}): Promise<void> {
  await page
    .locator(`.ui-keys [data-skbtn="${key}"]`)
    .first()
    .click({ force: opts.inert === true });
}

export async function tapKeys(page: Page, keys: string): Promise<void> {
  for (const k of keys) await tapKey(page, k);
}

/**
 * A page of its own (its own context), at the screen size of `orientation`. One of these serves a
 * whole test file: each section is a fresh navigation of it (the gallery keeps nothing between loads),
 * so the browser is not asked for a new context and page per test. `touch`: a touch screen.
 */
export async function newGalleryPage(
  g: Gallery,
  opts: { orientation?: Orientation; touch?: boolean | undefined } = {},
): Promise<Page> {
  const context = await g.browser.newContext({
    viewport: LAYOUTS[opts.orientation ?? 'portrait'],
    hasTouch: opts.touch === true,
  });
  return context.newPage();
}

/**
 * Shows a section on `page` as a kiosk shows it (screen size of the orientation, a fresh load of the
 * gallery) and waits until it is drawn, its fonts are in and, for the keyboards, the typed candidates
 * are on screen.
 */
export async function showSection(
  g: Gallery,
  page: Page,
  c: Combination,
  opts: { now?: number | 'manual' | 'real'; value?: string; typed?: boolean } = {},
): Promise<Page> {
  const { width, height } = LAYOUTS[c.orientation];
  const viewport = page.viewportSize();
  if (viewport?.width !== width || viewport.height !== height) await page.setViewportSize({ width, height });
  const now = opts.now ?? FROZEN_NOW;
  const query = new URLSearchParams({
    section: c.section,
    mode: c.mode,
    locale: c.locale,
    orientation: c.orientation,
  });
  if (now !== 'real') query.set('now', String(now));
  if (opts.value !== undefined) query.set('value', opts.value);
  await page.goto(`${g.server.url}/ui-gallery-harness.html?${query.toString()}`);
  await page.locator('.ui-screen').waitFor();
  await page.evaluate('document.fonts.ready.then(() => true)');
  const typed = opts.typed === false ? undefined : TYPED[c.section];
  if (typed) {
    await tapKeys(page, typed);
    await page.locator('.ui-candidate').first().waitFor();
  }
  return page;
}

/** A section on a page of its own (see newGalleryPage); close it with closePage(). */
export async function openSection(
  g: Gallery,
  c: Combination,
  opts: { now?: number | 'manual' | 'real'; value?: string; typed?: boolean; touch?: boolean } = {},
): Promise<Page> {
  const page = await newGalleryPage(g, { orientation: c.orientation, touch: opts.touch });
  return showSection(g, page, c, opts);
}

export async function closePage(page: Page): Promise<void> {
  await page.context().close();
}
