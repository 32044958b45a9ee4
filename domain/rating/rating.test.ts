import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  INDICATOR_LABELS,
  INDICATOR_OF,
  LEVEL_LABELS,
  RATING_INDICATORS,
  RATING_LEVELS,
  RATING_OPTIONS,
  RatingSubmission,
  isPoorRating,
  levelNameZh,
  optionLabelZh,
  optionsFor,
  type RatingLevel,
} from './index';

describe('好差评 (GB/T 39734-2020)', () => {
  it('has the five levels of the standard, 5 to 1, with their names', () => {
    expect(RATING_LEVELS.map((l) => LEVEL_LABELS[l].zh)).toEqual([
      '非常满意',
      '满意',
      '基本满意',
      '不满意',
      '非常不满意',
    ]);
    expect(RATING_LEVELS.filter(isPoorRating)).toEqual([2, 1]);
  });

  it('offers 差评 reasons for the two lowest levels only, with zh and en labels', () => {
    const poor = new Set(optionsFor(1));
    expect(optionsFor(2)).toEqual(optionsFor(1));
    for (const level of [5, 4] as RatingLevel[])
      for (const o of optionsFor(level)) expect(poor.has(o)).toBe(false);
    for (const o of Object.values(RATING_OPTIONS)) expect(o.zh && o.en).toBeTruthy();
  });

  it('accepts options of the chosen level and a text of up to 200 characters', () => {
    expect(RatingSubmission.parse({ level: 5, options: ['fast', 'doneInOneVisit'] })).toEqual({
      level: 5,
      options: ['fast', 'doneInOneVisit'],
    });
    expect(
      RatingSubmission.safeParse({ level: 1, options: ['slow'], text: '等了很久'.repeat(50) }).success,
    ).toBe(true);
    expect(RatingSubmission.safeParse({ level: 1, options: ['slow'], text: 'x'.repeat(201) }).success).toBe(
      false,
    );
  });

  it('refuses an option of another level, a duplicate, an unknown level, and a reasonless 差评', () => {
    const refused = (v: unknown) => RatingSubmission.safeParse(v).error?.issues.map((i) => i.path.join('.'));
    expect(refused({ level: 5, options: ['slow'] })).toEqual(['options.0']);
    expect(refused({ level: 4, options: ['fast', 'fast'] })).toEqual(['options.1']);
    expect(refused({ level: 6, options: [] })).toEqual(['level']);
    expect(refused({ level: 2, options: [] })).toEqual(['options']);
    expect(RatingSubmission.safeParse({ level: 2, options: [], text: '指南与现场要求不一致' }).success).toBe(
      true,
    );
  });

  it('any subset of a level’s options is a valid submission (with the text "other" asks for)', () => {
    const arb = fc
      .constantFrom(...RATING_LEVELS)
      .chain((level) =>
        fc
          .subarray([...optionsFor(level)], { minLength: isPoorRating(level) ? 1 : 0 })
          .map((options) => ({ level, options, ...(options.includes('other') ? { text: '窗口太少' } : {}) })),
      );
    fc.assert(
      fc.property(arb, (r) => {
        expect(RatingSubmission.safeParse(r).success).toBe(true);
      }),
    );
  });
});

describe('好差评 options grouped under the standard’s four on-site indicators', () => {
  it('files every option under 整体满意度, 服务效率, 服务水平 or 服务态度, and shows them in that order', () => {
    expect(RATING_INDICATORS.map((i) => INDICATOR_LABELS[i].zh)).toEqual([
      '整体满意度',
      '服务效率',
      '服务水平',
      '服务态度',
    ]);
    expect(Object.keys(INDICATOR_OF).sort()).toEqual(Object.keys(RATING_OPTIONS).sort());
    for (const level of RATING_LEVELS) {
      const order = optionsFor(level).map((o) => RATING_INDICATORS.indexOf(INDICATOR_OF[o]));
      expect(order, `level ${level}`).toEqual([...order].sort((a, b) => a - b));
    }
    // Praise and 差评 reasons both cover every indicator.
    for (const level of [5, 1] as RatingLevel[])
      expect(new Set(optionsFor(level).map((o) => INDICATOR_OF[o]))).toEqual(new Set(RATING_INDICATORS));
  });

  it('asks the text of "other", and names levels and options in Chinese for records', () => {
    const refused = (v: unknown) => RatingSubmission.safeParse(v).error?.issues.map((i) => i.path.join('.'));
    expect(refused({ level: 1, options: ['other'] })).toEqual(['text']);
    expect(refused({ level: 1, options: ['longWait', 'other'], text: '窗口太少' })).toBeUndefined();
    expect(refused({ level: 4, text: '好'.repeat(201) })).toEqual(['text']);
    expect(RatingSubmission.parse({ level: 5 })).toEqual({ level: 5, options: [] });
    expect(levelNameZh(3)).toBe('基本满意');
    expect(levelNameZh(9)).toBe('9');
    expect(optionLabelZh('terminalFault')).toBe('终端故障或操作困难');
    expect(optionLabelZh('retired-id')).toBe('retired-id');
  });

  it('refuses a text that no database could store as it is (lone surrogate, NUL)', () => {
    const refused = (text: string) => RatingSubmission.safeParse({ level: 5, text }).success === false;
    expect(refused('好\ud800')).toBe(true);
    expect(refused('a\u0000b')).toBe(true);
    expect(refused('生僻字𠀀')).toBe(false);
  });
});
