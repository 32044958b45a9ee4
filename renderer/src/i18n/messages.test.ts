import { describe, expect, test } from 'vitest';
import { textOf } from '../ui/text';
import { catalogues, format, LOCALES } from './messages';

describe('message catalogues', () => {
  test('every key has a non-empty text in both languages, with the same placeholders', () => {
    const zh = catalogues['zh-CN'] as Record<string, string>;
    const en = catalogues.en as Record<string, string>;
    const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const key of Object.keys(zh)) {
      for (const locale of LOCALES)
        expect((catalogues[locale] as Record<string, string>)[key], key).toBeTruthy();
      expect(placeholders(en[key]!), key).toEqual(placeholders(zh[key]!));
    }
    // English plural variants belong to a real key and use its placeholders minus the count.
    for (const key of Object.keys(en).filter((k) => k.includes('#'))) {
      const base = key.split('#')[0]!;
      expect(zh[base], key).toBeDefined();
    }
  });

  test('Chinese texts are Chinese and English texts carry no hanzi', () => {
    const zh = catalogues['zh-CN'] as Record<string, string>;
    const en = catalogues.en as Record<string, string>;
    const hanzi = /[\u3400-\u9fff]/;
    // The language switch names the other language on purpose.
    const crossLanguage = new Set(['toggle.language']);
    for (const key of Object.keys(zh).filter((k) => !crossLanguage.has(k) && !k.startsWith('family.'))) {
      expect(hanzi.test(zh[key]!) || /^[A-Z0-9 ·]+$/.test(zh[key]!), `${key}: ${zh[key]}`).toBe(true);
      expect(hanzi.test(en[key]!), `${key}: ${en[key]}`).toBe(false);
    }
  });

  test('fills placeholders and picks the English singular', () => {
    expect(format('zh-CN', 'step.progress', { n: 2, m: 5 })).toBe('第 2 步，共 5 步');
    expect(format('en', 'step.progress', { n: 2, m: 5 })).toBe('Step 2 of 5');
    expect(format('en', 'idle.countdown', { n: 1 })).toBe(
      'In 1 second this session ends and your details are cleared',
    );
    expect(format('en', 'idle.countdown', { n: 20 })).toMatch(/^In 20 seconds/);
    expect(format('zh-CN', 'idle.countdown', { n: 1 })).toMatch(/^1 秒后/);
    // A missing parameter stays visible rather than disappearing.
    expect(format('en', 'step.progress', { n: 2 })).toBe('Step 2 of {m}');
  });

  test('resolves data texts and bilingual parameters in the current locale', () => {
    const counter = { zh: '3 号窗口', en: 'counter 3' };
    const text = { key: 'failure.goToCounter' as const, params: { counter } };
    expect(textOf('zh-CN', text)).toBe('请到3 号窗口办理');
    expect(textOf('en', text)).toBe('Please go to counter 3');
    expect(textOf('en', { zh: '社保', en: 'Social security' })).toBe('Social security');
    expect(textOf('zh-CN', { zh: '社保', en: 'Social security' })).toBe('社保');
    expect(textOf('zh-CN', 'action.back')).toBe('返回上一步');
  });
});
