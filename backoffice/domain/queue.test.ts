import { describe, expect, it } from 'vitest';
import { DEFAULT_QUEUE_THEMES, queueThemes, themesOf, ticketLabel } from './queue';

const theme = (themeId: string, prefix: string) => ({ themeId, prefix, nameZh: '综合', nameEn: 'General' });

describe('queue themes', () => {
  it('gives ticket labels of a letter and at least three digits', () => {
    expect(ticketLabel('A', 1)).toBe('A001');
    expect(ticketLabel('C', 42)).toBe('C042');
    expect(ticketLabel('B', 1234)).toBe('B1234');
  });
  it('ships five valid default themes with prefixes A to E', () => {
    expect(queueThemes.safeParse(DEFAULT_QUEUE_THEMES).success).toBe(true);
    expect(DEFAULT_QUEUE_THEMES.map((t) => t.prefix)).toEqual(['A', 'B', 'C', 'D', 'E']);
  });
  it('takes a site configuration’s own themes', () => {
    const own = [theme('passports', 'P'), theme('tax-2', 'T')];
    expect(themesOf({ queueThemes: own })).toEqual(own);
  });
  it.each([
    ['no themes', undefined],
    ['an empty list', []],
    ['an id with capitals', [theme('Tax', 'T')]],
    ['an id starting with a digit', [theme('2tax', 'T')]],
    ['an id with a capital inside', [theme('taX', 'T')]],
    ['an id of 41 characters', [theme('a'.repeat(41), 'T')]],
    ['a lower-case prefix', [theme('tax', 't')]],
    ['a two-letter prefix', [theme('tax', 'TX')]],
    ['an empty Chinese name', [{ ...theme('tax', 'T'), nameZh: '' }]],
    ['a Chinese name of 41 characters', [{ ...theme('tax', 'T'), nameZh: '税'.repeat(41) }]],
    ['an empty English name', [{ ...theme('tax', 'T'), nameEn: '' }]],
    ['an English name of 81 characters', [{ ...theme('tax', 'T'), nameEn: 'x'.repeat(81) }]],
    ['a repeated id', [theme('tax', 'T'), theme('tax', 'U')]],
    ['a repeated prefix', [theme('tax', 'T'), theme('toll', 'T')]],
    ['27 themes', Array.from({ length: 27 }, (_, i) => theme(`t${i}`, String.fromCharCode(65 + (i % 26))))],
  ])('falls back to the defaults on %s', (_label, queueThemesValue) => {
    expect(themesOf({ queueThemes: queueThemesValue })).toBe(DEFAULT_QUEUE_THEMES);
  });
  it('says why a list of themes is refused', () => {
    const message = (t: unknown) => queueThemes.safeParse(t).error?.issues.map((i) => i.message);
    expect(message([theme('tax', 'T'), theme('tax', 'U')])).toEqual(['theme ids must be unique']);
    expect(message([theme('tax', 'T'), theme('toll', 'T')])).toEqual(['prefixes must be unique']);
  });
  it('accepts the limits: 26 themes, a 40-character id, 40 and 80-character names', () => {
    const all = Array.from({ length: 26 }, (_, i) => theme(`t${i}`, String.fromCharCode(65 + i)));
    expect(themesOf({ queueThemes: all })).toEqual(all);
    const long = [{ themeId: 'a'.repeat(40), prefix: 'Z', nameZh: '税'.repeat(40), nameEn: 'x'.repeat(80) }];
    expect(themesOf({ queueThemes: long })).toEqual(long);
  });
});
