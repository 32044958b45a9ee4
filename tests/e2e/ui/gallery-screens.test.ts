// Screenshots of every gallery screen in every mode, language and orientation, compared with the
// images kept in tests/e2e/__screenshots__/ui-gallery/ (UPDATE_SCREENSHOTS=1 rewrites them; look at
// them before committing). Chromium renders the same pixels run after run on one machine image; the
// tolerance absorbs anti-aliasing differences, not a changed word.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { checkScreenshot, comparePng } from '../../helpers/png-diff';
import {
  closePage,
  COMBINATIONS,
  nameOf,
  openSection,
  startGallery,
  type Combination,
  type Gallery,
} from './gallery';

/** Pixels allowed to differ per screenshot: far fewer than one changed character (≈ 150 at 24 px). */
const MAX_DIFF_PIXELS = 40;

let gallery: Gallery;
beforeAll(async () => {
  gallery = await startGallery();
}, 180_000);
afterAll(() => gallery?.close());

async function shoot(c: Combination): Promise<Buffer> {
  const page = await openSection(gallery, c);
  try {
    return await page.screenshot({ animations: 'disabled', caret: 'initial' });
  } finally {
    await closePage(page);
  }
}

describe('gallery screenshots', { timeout: 60_000 }, () => {
  test.each(COMBINATIONS.map((c) => [nameOf(c), c] as const))('%s', async (name, c) => {
    const verdict = checkScreenshot(`ui-gallery/${name}.png`, await shoot(c), MAX_DIFF_PIXELS);
    expect(verdict.problem).toBeUndefined();
  });

  test('a changed word is beyond the tolerance', async () => {
    const base: Combination = {
      section: 'progress',
      mode: 'standard',
      locale: 'zh-CN',
      orientation: 'portrait',
    };
    const page = await openSection(gallery, base);
    try {
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
    } finally {
      await closePage(page);
    }
  });
});
