import { match } from 'pinyin-pro';
import { describe, expect, test } from 'vitest';
import { createCatalogueSearch, type SearchEntry } from './catalogue-search';

const s = (id: string, zh: string, en: string, keywords?: string[]): SearchEntry => ({
  id,
  names: { zh, en },
  keywords,
});
const CATALOGUE = [
  s('insured', '参保证明打印', 'Proof of social insurance', ['社保']),
  s('fund', '公积金缴存证明打印', 'Housing fund contribution certificate', ['住房公积金']),
  s('sole', '个体工商户设立登记', 'Register a sole proprietorship', ['营业执照']),
  s('residence', '居住证申领', 'Apply for a residence permit'),
  s('estate', '不动产登记信息查询', 'Real estate registration lookup'),
  s('progress', '办件进度查询', 'Application progress'),
  s('ticket', '取号', 'Queue ticket'),
];
const search = createCatalogueSearch(CATALOGUE, match);

describe('catalogue search', () => {
  test('by hanzi, also in the keywords', () => {
    expect(search.find('证明')).toEqual(['insured', 'fund']);
    expect(search.find('社保')).toEqual(['insured']);
    expect(search.find('营业执照')).toEqual(['sole']);
  });

  test('by pinyin initials and by full pinyin', () => {
    expect(search.find('gjj')).toEqual(['fund']);
    expect(search.find('jzz')[0]).toBe('residence');
    expect(search.find('bdc')[0]).toBe('estate');
    expect(search.find('jindu')).toEqual(['progress']);
    expect(search.find('cbzm')).toEqual(['insured']);
    expect(search.find('GongJiJin')).toEqual(['fund']);
  });

  test('a match at the start of a name ranks first, a scattered one last', () => {
    // 取号 spells qh together; 社会… does not contain it.
    expect(search.find('qh')[0]).toBe('ticket');
    // jd: together in 办件进度 (进度), scattered in 公积金缴存证明.
    const jd = search.find('jd');
    expect(jd.indexOf('progress')).toBeLessThan(jd.indexOf('fund'));
  });

  test('English words by their beginnings', () => {
    expect(search.find('resid')).toEqual(['residence']);
    expect(search.find('queue')).toEqual(['ticket']);
  });

  test('an empty query lists everything in catalogue order; nothing matching gives nothing', () => {
    expect(search.find('  ')).toEqual(CATALOGUE.map((e) => e.id));
    expect(search.find('护照')).toEqual([]);
  });
});
