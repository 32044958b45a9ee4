import { describe, expect, it } from 'vitest';
import { RATING_LEVELS, isBadRating, levelName, ratingOptions, ratingSubmission } from './rating';

describe('好差评 levels and options (GB/T 39734)', () => {
  it('has five levels from 非常满意 (5) to 非常不满意 (1); the last two are 差评', () => {
    expect(RATING_LEVELS.map((l) => `${l.level}${l.zh}`)).toEqual([
      '5非常满意',
      '4满意',
      '3基本满意',
      '2不满意',
      '1非常不满意',
    ]);
    expect([5, 4, 3, 2, 1].map(isBadRating)).toEqual([false, false, false, true, true]);
    expect(levelName(3)).toBe('基本满意');
  });

  it('offers 差评 options only to the two lowest levels, each option once', () => {
    const good = new Set(ratingOptions(5).map((o) => o.code));
    const bad = new Set(ratingOptions(1).map((o) => o.code));
    expect([...good].filter((c) => bad.has(c))).toEqual([]);
    expect(ratingOptions(4)).toEqual(ratingOptions(3));
    expect(ratingOptions(2)).toEqual(ratingOptions(1));
  });

  it('accepts options of the level, and refuses others, repeats, a bare 差评 and long text', () => {
    const ok = (v: unknown) => ratingSubmission.safeParse(v).success;
    expect(ok({ level: 5 })).toBe(true);
    expect(ok({ level: 5, options: ['fastService'], comment: '很好' })).toBe(true);
    expect(ok({ level: 2, options: ['longWait'] })).toBe(true);
    expect(ok({ level: 5, options: ['longWait'] })).toBe(false);
    expect(ok({ level: 2, options: ['fastService'] })).toBe(false);
    expect(ok({ level: 2, options: [] })).toBe(false);
    expect(ok({ level: 1, options: ['longWait', 'longWait'] })).toBe(false);
    expect(ok({ level: 1, options: ['other'] })).toBe(false);
    expect(ok({ level: 1, options: ['other'], comment: '窗口太少' })).toBe(true);
    expect(ok({ level: 4, comment: '好'.repeat(201) })).toBe(false);
    expect(ok({ level: 0 })).toBe(false);
  });
});
