// The on-screen keyboards in Debian's Chromium, tapped key by key as a citizen would: pinyin
// phrases and names, 9-key pinyin, the ID-number, phone and digit pads, English letters, and a
// language or mode switch in the middle of typing.
//
// One page serves the file (a fresh load of the gallery per test: nothing is kept between loads); the
// touch-screen test has a page of its own, as a touch screen is a property of the browser context.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  closePage,
  combination,
  newGalleryPage,
  openSection,
  showSection,
  startGallery,
  tapKey,
  tapKeys,
  type Combination,
  type Gallery,
} from './gallery';

let gallery: Gallery;
let shared: Page;
beforeAll(async () => {
  gallery = await startGallery();
  shared = await newGalleryPage(gallery);
}, 180_000);
afterAll(() => gallery?.close());

const at = combination;

const field = (page: Page, input = 'input-pinyin') => page.getByTestId(input).getByTestId('field');
const candidates = async (page: Page) =>
  (await page.locator('.ui-candidate').allTextContents()).map((s) => s.trim());
const composition = (page: Page) => page.locator('.ui-field-composition').textContent();
const pick = (page: Page, word: string) =>
  page.locator('.ui-candidate', { hasText: new RegExp(`^${word}$`) }).click();

async function withPage(c: Combination, run: (page: Page) => Promise<void>, value?: string): Promise<void> {
  await showSection(gallery, shared, c, value === undefined ? { typed: false } : { value, typed: false });
  await run(shared);
}

describe('pinyin keyboard', { timeout: 60_000 }, () => {
  test('shenfenzheng and sfz give 身份证 first; choosing it fills the field', async () => {
    await withPage(at('pinyin'), async (page) => {
      await tapKeys(page, 'shenfenzheng');
      await expect.poll(() => candidates(page)).toEqual(expect.arrayContaining(['身份证']));
      expect((await candidates(page))[0]).toBe('身份证');
      await pick(page, '身份证');
      expect(await field(page).textContent()).toContain('身份证');
      await tapKeys(page, 'sfz');
      await expect.poll(async () => (await candidates(page))[0]).toBe('身份证');
      await tapKey(page, '{space}'); // space takes the first candidate
      expect(await field(page).textContent()).toContain('身份证身份证');
    });
  });

  test('a name character by character: xiao → 晓, ming → 明', async () => {
    await withPage(at('pinyin'), async (page) => {
      await tapKeys(page, 'zhang');
      await pick(page, '张');
      await tapKeys(page, 'xiao');
      await expect.poll(() => candidates(page)).toContain('晓');
      await pick(page, '晓');
      await tapKeys(page, 'ming');
      await expect.poll(() => candidates(page)).toContain('明');
      await pick(page, '明');
      expect((await field(page).textContent())?.startsWith('张晓明')).toBe(true);
      expect(await page.locator('.ui-field-composition').count()).toBe(0);
    });
  });

  test('a phrase picked from a longer composition leaves the rest to choose', async () => {
    await withPage(at('pinyin'), async (page) => {
      await tapKeys(page, 'woyaodayin');
      await expect.poll(() => candidates(page)).toContain('我要');
      await pick(page, '我要');
      expect(await composition(page)).toBe('dayin');
      await expect.poll(async () => (await candidates(page))[0]).toBe('打印');
    });
  });

  test('delete removes pinyin first, then characters; digits wait until the pinyin is chosen', async () => {
    await withPage(at('pinyin'), async (page) => {
      await tapKeys(page, 'ni');
      await pick(page, '你');
      await tapKeys(page, 'ha');
      const seven = page.locator('.ui-keys [data-skbtn="7"]');
      expect(await seven.getAttribute('aria-disabled')).toBe('true');
      await seven.click({ force: true });
      expect(await composition(page)).toBe('ha');
      await tapKey(page, '{bksp}');
      await tapKey(page, '{bksp}');
      expect(await page.locator('.ui-field-composition').count()).toBe(0);
      await tapKey(page, '7');
      expect(await field(page).textContent()).toContain('你7');
      await tapKey(page, '{bksp}');
      await tapKey(page, '{bksp}');
      expect(await page.locator('.ui-field-value').count()).toBe(0);
    });
  });

  test('candidates page forward and back; elder mode shows fewer, larger ones', async () => {
    await withPage(at('pinyin'), async (page) => {
      await tapKeys(page, 'shi');
      await expect.poll(async () => (await candidates(page)).length).toBe(6);
      const first = await candidates(page);
      await page.getByTestId('candidates-next').click();
      const second = await candidates(page);
      expect(second).toHaveLength(6);
      expect(second.some((w) => first.includes(w))).toBe(false);
      await page.getByTestId('candidates-prev').click();
      expect(await candidates(page)).toEqual(first);
      await page.getByTestId('switch-elder').click();
      await expect.poll(async () => (await candidates(page)).length).toBe(4);
      expect(await composition(page)).toBe('shi');
    });
  });

  test('switching language in the middle of typing keeps the composition and the text', async () => {
    await withPage(at('pinyin'), async (page) => {
      await tapKeys(page, 'zhang');
      await pick(page, '张');
      await tapKeys(page, 'san');
      await page.getByTestId('switch-language').click();
      expect(await page.locator('.ui-keys [data-skbtn="{bksp}"]').textContent()).toBe('Delete');
      expect(await page.getByTestId('step-count').textContent()).toBe('Step 2 of 5');
      expect(await composition(page)).toBe('san');
      expect(await field(page).textContent()).toContain('张');
      await pick(page, '三');
      expect(await field(page).textContent()).toContain('张三');
    });
  });

  test('on a touch screen one tap is one letter (no double taps from touch + mouse events)', async () => {
    const page = await openSection(gallery, at('pinyin'), { typed: false, touch: true });
    try {
      expect(await page.evaluate('navigator.maxTouchPoints > 0')).toBe(true);
      for (const k of 'nihao') await page.locator(`.ui-keys [data-skbtn="${k}"]`).tap();
      expect(await composition(page)).toBe('nihao');
      await expect.poll(async () => (await candidates(page))[0]).toBe('你好');
      await page.locator('.ui-candidate').first().tap();
      expect(await field(page).textContent()).toContain('你好');
    } finally {
      await closePage(page);
    }
  });

  test('English letters from the same keyboard, in capitals', async () => {
    await withPage(at('pinyin'), async (page) => {
      await page.getByTestId('layout-letters').click();
      await tapKeys(page, 'li');
      await tapKey(page, '{space}');
      await tapKeys(page, 'na');
      expect(await field(page).textContent()).toContain('LI NA');
    });
  });
});

describe('9-key pinyin', { timeout: 60_000 }, () => {
  test('7436 336 94364 gives 身份证 first, shown as its pinyin', async () => {
    await withPage(at('t9'), async (page) => {
      await tapKeys(page, '743633694364');
      await expect.poll(async () => (await candidates(page))[0]).toBe('身份证');
      expect(await composition(page)).toBe("shen'fen'zheng");
      await pick(page, '身份证');
      expect(await field(page).textContent()).toContain('身份证');
    });
  });

  test('a spelling fixes the letters of the first syllable', async () => {
    await withPage(at('t9'), async (page) => {
      await tapKeys(page, '9426');
      await page.getByTestId('spellings').getByRole('button', { name: 'xiao', exact: true }).click();
      expect(await composition(page)).toBe('xiao');
      await expect.poll(() => candidates(page)).toContain('晓');
      await pick(page, '晓');
      expect(await field(page).textContent()).toContain('晓');
    });
  });
});

describe('number pads', { timeout: 60_000 }, () => {
  const hint = (page: Page) => page.getByTestId('field-hint').textContent();

  test('ID number: the check character is hinted after 17 digits, X only then, and checked', async () => {
    await withPage(
      at('idnumber'),
      async (page) => {
        expect(await hint(page)).toBe('还需输入 18 位');
        const x = page.locator('.ui-keys [data-skbtn="X"]');
        expect(await x.getAttribute('aria-disabled')).toBe('true');
        await tapKeys(page, '11010519491231002');
        expect(await hint(page)).toBe('最后一位应为 X');
        expect(await field(page, 'input-idnumber').textContent()).toContain('110105 19491231 002');
        expect(await x.getAttribute('aria-disabled')).toBeNull();
        await tapKey(page, 'X');
        expect(await hint(page)).toBe('号码校验通过');
        await tapKey(page, '5', { inert: true }); // nothing past 18
        expect(await field(page, 'input-idnumber').textContent()).toContain('110105 19491231 002X');
        await tapKey(page, '{bksp}');
        await tapKey(page, '1');
        expect(await hint(page)).toBe('最后一位校验不符，请核对号码');
        await tapKey(page, '{clear}');
        expect(await hint(page)).toBe('还需输入 18 位');
        await tapKeys(page, '11010519490230');
        expect(await hint(page)).toBe('出生日期不正确，请核对号码');
      },
      '',
    );
  });

  test('phone: grouped 3-4-4, prefix checked, nothing past 11 digits', async () => {
    await withPage(at('pads', { locale: 'en' }), async (page) => {
      const phone = page.getByTestId('input-phone');
      await phone.locator('[data-skbtn="{clear}"]').click();
      await phone.locator('[data-skbtn="2"]').click();
      expect(await phone.getByTestId('field-hint').textContent()).toBe('Mobile numbers start with 1');
      await phone.locator('[data-skbtn="{bksp}"]').click();
      for (const d of '13800138000') await phone.locator(`[data-skbtn="${d}"]`).click();
      await phone.locator('[data-skbtn="1"]').click({ force: true }); // a twelfth digit is refused
      expect(await phone.getByTestId('field').textContent()).toContain('138 0013 8000');
      expect(await phone.getByTestId('field-hint').textContent()).toBe('Mobile number looks right');
    });
  });

  test('digits: a 6-digit pickup code stops at 6', async () => {
    await withPage(at('pads'), async (page) => {
      const code = page.getByTestId('input-digits');
      for (const d of '081527') await code.locator(`[data-skbtn="${d}"]`).click();
      await code.locator('[data-skbtn="9"]').click({ force: true });
      expect(await code.getByTestId('field').textContent()).toContain('081527');
      expect(await code.locator('[data-skbtn="9"]').getAttribute('aria-disabled')).toBe('true');
    });
  });

  test('letters keyboard: capitals, hyphen and apostrophe', async () => {
    await withPage(at('letters'), async (page) => {
      await tapKey(page, '{clear}');
      await tapKeys(page, "o'neil-");
      await tapKeys(page, 'li');
      expect(await field(page, 'input-letters').textContent()).toContain("O'NEIL-LI");
    });
  });
});
