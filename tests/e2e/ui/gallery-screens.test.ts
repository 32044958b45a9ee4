// Every gallery screen, in both modes, both languages and both orientations, loaded once and put
// through three checks:
// - its screenshot, compared with the image kept in tests/e2e/__screenshots__/ui-gallery/
//   (UPDATE_SCREENSHOTS=1 rewrites them; look at them before committing). Chromium renders the same
//   pixels run after run on one machine image; the tolerance absorbs anti-aliasing differences, not a
//   changed word;
// - axe-core, with target-size switched on and the 7:1 enhanced contrast rule in elder mode;
// - our own check of the touch-target, text-size and contrast numbers of the mode.
//
// One browser and one page serve the whole file: each screen is a fresh navigation of that page (the
// gallery keeps no state between loads), with axe-core's source installed once as an init script.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { comparePng } from '../../helpers/png-diff';
import {
  COMBINATIONS,
  nameOf,
  newGalleryPage,
  showSection,
  startGallery,
  type Combination,
  type Gallery,
} from './gallery';
import { checkShot, installAxe, runAxe } from './page-checks';
import { breaches, collectFacts } from './touch-rules';

/** Pixels allowed to differ per screenshot: far fewer than one changed character (≈ 150 at 24 px). */
const MAX_DIFF_PIXELS = 40;

let gallery: Gallery;
let page: Page;
beforeAll(async () => {
  gallery = await startGallery();
  page = await newGalleryPage(gallery);
  await installAxe(page);
}, 180_000);
afterAll(() => gallery?.close());

const shoot = (p: Page) => p.screenshot({ animations: 'disabled', caret: 'initial' });

describe('every gallery screen: its picture, axe and the touch rules', { timeout: 30_000 }, () => {
  test.each(COMBINATIONS.map((c) => [nameOf(c), c] as const))('%s', async (name, c) => {
    await showSection(gallery, page, c);
    // Soft: a changed picture still lets axe and the touch rules report on the same screen.
    const verdict = checkShot(`ui-gallery/${name}.png`, await shoot(page), MAX_DIFF_PIXELS);
    expect.soft(verdict.problem).toBeUndefined();

    const axe = await runAxe(page, { enhancedContrast: c.mode === 'elder' });
    expect.soft(axe.grave).toEqual([]);
    // target-size really ran (it is off by default), and the 7:1 rule in elder mode.
    expect(axe.ran).toContain('target-size');
    if (c.mode === 'elder') expect(axe.ran).toContain('color-contrast-enhanced');

    const facts = await collectFacts(page);
    expect(facts.targets.length).toBeGreaterThan(0);
    expect(facts.texts.length).toBeGreaterThan(3);
    expect(breaches(facts, c.mode)).toEqual([]);
  });
});

describe('the checks can fail', { timeout: 30_000 }, () => {
  test('a changed word is beyond the screenshot tolerance', async () => {
    const base: Combination = {
      section: 'progress',
      mode: 'standard',
      locale: 'zh-CN',
      orientation: 'portrait',
    };
    await showSection(gallery, page, base);
    const before = await page.screenshot({ animations: 'disabled' });
    // One character of the step count changes: 第 2 步 → 第 3 步.
    await page.evaluate(`(() => {
      const el = document.querySelector('[data-testid="step-count"]');
      el.textContent = el.textContent.replace('2', '3');
    })()`);
    const after = await page.screenshot({ animations: 'disabled' });
    const diff = comparePng(after, before);
    expect(diff.differing).toBeGreaterThan(MAX_DIFF_PIXELS);
    // …and the same screen shot twice is identical.
    expect(comparePng(await page.screenshot({ animations: 'disabled' }), after).differing).toBe(0);
  });

  test('tiny crowded buttons, one without a name, and faint text are grave axe violations', async () => {
    await showSection(gallery, page, {
      section: 'choices',
      mode: 'elder',
      locale: 'zh-CN',
      orientation: 'portrait',
    });
    expect((await runAxe(page, { enhancedContrast: true })).grave).toEqual([]);
    // Three 10 px buttons side by side, the first without a name; on top of the screen (nothing
    // covering them), a text below 4.5:1 and one below 7:1 but above 4.5:1.
    await page.evaluate(`(() => {
      const row = document.createElement('div');
      for (const label of ['', '甲', '乙']) {
        const button = document.createElement('button');
        button.textContent = label;
        button.style.cssText = 'width:10px;height:10px;padding:0;margin:0;font-size:8px';
        row.append(button);
      }
      document.querySelector('.ui-screen-main').prepend(row);
      const text = (id, color, top) => {
        const p = document.createElement('p');
        p.id = id;
        p.textContent = '浅色字';
        p.style.cssText = 'position:fixed;left:0;z-index:9999;margin:0;background:#fff;color:' + color + ';top:' + top;
        document.body.append(p);
      };
      text('faint', '#b8b8b8', '0');
      text('greyish', '#707070', '40px');
    })()`);
    const { grave } = await runAxe(page, { enhancedContrast: true });
    expect(grave).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^button-name: /),
        expect.stringMatching(/^target-size: /),
        expect.stringMatching(/^color-contrast: .*#faint/),
        expect.stringMatching(/^color-contrast-enhanced: .*#greyish/),
      ]),
    );
    // The 7:1 rule only runs when asked (elder mode).
    const standard = await runAxe(page, { enhancedContrast: false });
    expect(standard.grave.some((g) => g.startsWith('color-contrast-enhanced'))).toBe(false);
    expect(standard.grave.some((g) => g.startsWith('color-contrast: '))).toBe(true);
  });

  test('a small button, small text and faint text are reported by the touch checks', async () => {
    await showSection(gallery, page, {
      section: 'choices',
      mode: 'elder',
      locale: 'zh-CN',
      orientation: 'portrait',
    });
    expect(breaches(await collectFacts(page), 'elder')).toEqual([]);
    // A button too small for elder mode, text too small, text too faint.
    await page.evaluate(`(() => {
      const main = document.querySelector('.ui-screen-main');
      const button = document.createElement('button');
      button.textContent = '小按钮';
      button.style.cssText = 'width:70px;height:70px;font-size:30px;padding:0';
      const note = document.createElement('p');
      note.textContent = '小字';
      note.style.fontSize = '22px';
      const faint = document.createElement('p');
      faint.textContent = '浅色字';
      faint.style.color = '#5a6b85';
      main.append(button, note, faint);
    })()`);
    const found = breaches(await collectFacts(page), 'elder');
    expect(found).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^target "小按钮" is 70×70 px \(min 80\)$/),
        expect.stringMatching(/^text "小字" is 22 px \(min 30\)$/),
        expect.stringMatching(/^text "浅色字" has contrast [\d.]+:1 \(min 7:1\)$/),
      ]),
    );
    // The same page in standard numbers: the 70 px button is large enough there.
    expect(breaches(await collectFacts(page), 'standard').some((b) => b.startsWith('target "小按钮"'))).toBe(
      false,
    );
  });
});
