// Every gallery screen, in both modes, both languages and both orientations, through axe-core
// (target-size switched on, and the 7:1 enhanced contrast rule in elder mode) and through our own
// check of the touch-target, text-size and contrast numbers of the mode.
import AxeBuilder from '@axe-core/playwright';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { closePage, COMBINATIONS, nameOf, openSection, startGallery, type Gallery } from './gallery';
import { breaches, collectFacts } from './touch-rules';

let gallery: Gallery;
beforeAll(async () => {
  gallery = await startGallery();
}, 180_000);
afterAll(() => gallery?.close());

describe('accessibility of every gallery screen', { timeout: 60_000 }, () => {
  test.each(COMBINATIONS.map((c) => [nameOf(c), c] as const))('%s', async (_name, c) => {
    const page = await openSection(gallery, c);
    try {
      const results = await new AxeBuilder({ page })
        .options({
          rules: {
            'target-size': { enabled: true },
            'color-contrast-enhanced': { enabled: c.mode === 'elder' },
          },
        })
        .analyze();
      const grave = results.violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
      expect(grave).toEqual([]);
      // target-size really ran (it is off by default).
      expect([...results.passes, ...results.violations, ...results.inapplicable].map((r) => r.id)).toContain(
        'target-size',
      );
      const facts = await collectFacts(page);
      expect(facts.targets.length).toBeGreaterThan(0);
      expect(facts.texts.length).toBeGreaterThan(3);
      expect(breaches(facts, c.mode)).toEqual([]);
    } finally {
      await closePage(page);
    }
  });
});

describe('the touch checks find what breaks the numbers', { timeout: 60_000 }, () => {
  test('a small button, small text and faint text are reported', async () => {
    const page = await openSection(gallery, {
      section: 'choices',
      mode: 'elder',
      locale: 'zh-CN',
      orientation: 'portrait',
    });
    try {
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
      expect(
        breaches(await collectFacts(page), 'standard').some((b) => b.startsWith('target "小按钮"')),
      ).toBe(false);
    } finally {
      await closePage(page);
    }
  });
});
