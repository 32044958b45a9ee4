// The base components in Debian's Chromium: the choice list's pages across a mode switch, the
// idle countdown on a clock the test moves, the overlay taking the screen under it out of reach,
// and elder mode's voice (the real rendered prompts, played after a tap).
//
// One page serves the screens (a fresh load of the gallery each); the voice test has a page of its
// own, as it records every play() from the first load on and counts on a first tap to allow sound.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { closePage, combination, newGalleryPage, showSection, startGallery, type Gallery } from './gallery';

let gallery: Gallery;
let shared: Page;
beforeAll(async () => {
  gallery = await startGallery();
  shared = await newGalleryPage(gallery);
}, 180_000);
afterAll(() => gallery?.close());

const at = combination;
const choiceIds = (page: Page) =>
  page.evaluate<string[]>('[...document.querySelectorAll("[data-choice]")].map((e) => e.dataset.choice)');

describe('choice list', { timeout: 60_000 }, () => {
  test('pages through the services; an unavailable one says why and can still be tapped', async () => {
    const page = await showSection(gallery, shared, at('choices'));
    expect(await choiceIds(page)).toEqual(['insured', 'fund', 'sole', 'residence', 'estate', 'progress']);
    expect(await page.getByTestId('choices-page').textContent()).toBe('第 1 页，共 2 页');
    const residence = page.locator('[data-choice="residence"]');
    expect(await residence.textContent()).toContain('暂不可用 · 打印机暂时无法使用');
    await residence.click();
    expect(await page.getByTestId('chosen').textContent()).toBe('residence');
    await page.getByTestId('choices-next').click();
    expect(await choiceIds(page)).toEqual(['deposit', 'ticket']);
    // Elder mode shows 4 a page and keeps the first choice on screen in view.
    await page.getByTestId('switch-elder').click();
    expect(await choiceIds(page)).toEqual(['estate', 'progress', 'deposit', 'ticket']);
    expect(await page.getByTestId('choices-page').textContent()).toBe('第 2 页，共 2 页');
    expect(await page.getByTestId('choices-next').isDisabled()).toBe(true);
  });
});

describe('idle countdown', { timeout: 60_000 }, () => {
  test('counts down on the page clock, in either language, over a screen that cannot be used', async () => {
    const page = await showSection(gallery, shared, at('idle'), { now: 'manual' });
    const setClock = (ms: number) => page.evaluate(`window.__galleryClock.set(${ms})`);
    const dialog = page.getByTestId('idle-countdown');
    expect(await dialog.getAttribute('role')).toBe('alertdialog');
    expect(await dialog.textContent()).toContain('18 秒后将结束办理');
    await setClock(5_000);
    await expect.poll(() => dialog.textContent()).toContain('13 秒后将结束办理');
    // The language switch stays usable over the warning.
    await page.getByTestId('switch-language').click();
    await setClock(17_200);
    await expect
      .poll(() => dialog.textContent())
      .toContain('In 1 second this session ends and your details are cleared');
    await setClock(25_000);
    await expect.poll(() => dialog.textContent()).toContain('In 0 seconds');
    // What is under the warning is inert: not tappable, not read out.
    expect(await page.locator('.ui-screen-main').getAttribute('inert')).not.toBeNull();
    const key = page.locator('.ui-keys [data-skbtn="a"]');
    await expect(key.click({ timeout: 1_000 })).rejects.toThrow();
    expect(await page.getByTestId('idle-more-time').isEnabled()).toBe(true);
  });
});

/** Records every play() of a media element in the page and whether the browser allowed it. */
const RECORD_PLAYS = `
  window.__plays = [];
  const play = HTMLMediaElement.prototype.play;
  HTMLMediaElement.prototype.play = function () {
    const entry = { src: this.src, ok: null };
    window.__plays.push(entry);
    const p = play.call(this);
    p.then(() => { entry.ok = true; }, (e) => { entry.ok = e.name; });
    return p;
  };
`;
type Play = { src: string; ok: true | string | null };
const plays = (page: Page) => page.evaluate<Play[]>('window.__plays');
const played = async (page: Page) =>
  (await plays(page)).map((p) => p.src.replace(/^.*\/voice\//, '').replace(/\.[0-9a-f]{10}\.ogg$/, ''));

describe('elder mode voice', { timeout: 90_000 }, () => {
  test('a tap on elder mode speaks, then the screen prompt; the other language and "hear again" too', async () => {
    const page = await newGalleryPage(gallery);
    await page.addInitScript(RECORD_PLAYS);
    await showSection(gallery, page, at('progress'));
    try {
      // Standard mode is silent.
      expect(await plays(page)).toEqual([]);
      await page.getByTestId('switch-elder').click();
      await expect.poll(() => played(page)).toEqual(['zh-CN/elder.on']);
      // The browser really played the rendered file (no autoplay refusal after a tap).
      await expect.poll(async () => (await plays(page))[0]?.ok).toBe(true);
      // When it ends, the screen's own prompt follows.
      await expect
        .poll(() => played(page), { timeout: 30_000 })
        .toEqual(['zh-CN/elder.on', 'zh-CN/busy.printing']);
      await page.getByTestId('switch-language').click();
      await expect.poll(async () => (await played(page)).at(-1)).toBe('en/busy.printing');
      await page.getByTestId('voice-replay').click();
      await expect.poll(async () => (await played(page)).length).toBe(4);
      expect((await played(page)).at(-1)).toBe('en/busy.printing');
      // Turning elder mode off silences it.
      await page.getByTestId('switch-elder').click();
      expect(await page.evaluate('[...document.querySelectorAll("audio")].every((a) => a.paused)')).toBe(
        true,
      );
    } finally {
      await closePage(page);
    }
  });
});
