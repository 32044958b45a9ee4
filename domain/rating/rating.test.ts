import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  LEVEL_LABELS,
  RATING_LEVELS,
  RATING_OPTIONS,
  RatingSubmission,
  isPoorRating,
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

  it('any subset of a level’s options is a valid submission', () => {
    const arb = fc
      .constantFrom(...RATING_LEVELS)
      .chain((level) =>
        fc
          .subarray([...optionsFor(level)], { minLength: isPoorRating(level) ? 1 : 0 })
          .map((options) => ({ level, options })),
      );
    fc.assert(
      fc.property(arb, (r) => {
        expect(RatingSubmission.safeParse(r).success).toBe(true);
      }),
    );
  });
});
