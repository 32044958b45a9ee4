// The shipped pinyin index: built by the same build step as the page (scripts/renderer-assets)
// from Debian's rime-data-pinyin-simp, then asked what a citizen at a service hall types.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pinyin } from 'pinyin-pro';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { PinyinEngine, pageOf } from '../../renderer/src/input/pinyin/engine';
import { decodeIndex } from '../../renderer/src/input/pinyin/index-format';
import { t9Code } from '../../renderer/src/input/pinyin/keys';
import { HALL_WORDS } from '../../renderer/src/input/pinyin/supplement';
import { MODES } from '../../renderer/src/ui/tokens';
import { RIME_DICT, buildPinyinIndexText } from '../../scripts/renderer-assets/pinyin-index';

let engine: PinyinEngine;
let cacheDir: string;
let indexText: string;

beforeAll(async () => {
  cacheDir = mkdtempSync(path.join(tmpdir(), 'yizhan-pinyin-'));
  indexText = await buildPinyinIndexText(RIME_DICT, cacheDir);
  engine = new PinyinEngine(decodeIndex(indexText));
});
afterAll(() => rmSync(cacheDir, { recursive: true, force: true }));

const words = (input: string) => engine.candidates(input).map((c) => c.word);
/** What the first candidate page shows at the smallest page size (elder mode, portrait). */
const firstPage = (input: string) =>
  pageOf(
    engine.candidates(input).filter((c) => c.consumed === input.length),
    0,
    MODES.elder.candidatesPerPage.portrait,
  ).items.map((c) => c.word);

describe('pinyin index from rime-data-pinyin-simp', () => {
  test('holds the whole dictionary and the hall words', () => {
    const ix = decodeIndex(indexText);
    expect(ix.words.length).toBeGreaterThan(65_000);
    expect(ix.syllables).toContain('zhuang');
    expect(ix.syllables.length).toBeGreaterThan(400);
  });

  test('a second build of the same dictionary comes from the cache, identical', async () => {
    const again = await buildPinyinIndexText(RIME_DICT, cacheDir);
    expect(again).toBe(indexText);
  });

  test('shenfenzheng and sfz give 身份证 first', () => {
    expect(words('shenfenzheng')[0]).toBe('身份证');
    expect(words('sfz')[0]).toBe('身份证');
    expect(words(t9Code('shenfenzheng'))[0]).toBe('身份证');
  });

  test('names character by character: 晓 and 明 on the first page, even at the elder page size', () => {
    expect(firstPage('xiao')).toContain('晓');
    expect(firstPage('ming')).toContain('明');
    expect(firstPage('zhang')[0]).toBe('张');
  });

  test('hall words come whole: 社保卡, 公积金, 取件码, 秒批', () => {
    expect(words('shebaoka')[0]).toBe('社保卡');
    expect(words('sbk')[0]).toBe('社保卡');
    expect(words('gongjijin')[0]).toBe('公积金');
    expect(words('qujianma')[0]).toBe('取件码');
    expect(words('miaopi')[0]).toBe('秒批');
  });

  test('everyday words of the journeys', () => {
    expect(words('banli')[0]).toBe('办理');
    expect(words('dayin')[0]).toBe('打印');
    expect(words('zhongguo')[0]).toBe('中国');
    expect(words('nv')[0]).toBe('女');
    expect(words('lv')).toContain('绿');
    // Unfinished last syllable: zhon… offers 中.
    expect(words('zhon')[0]).toBe('中');
  });

  test('the hall words are read as pinyin-pro reads them', () => {
    for (const [word, reading] of HALL_WORDS) {
      const expected = pinyin(word, { toneType: 'none', type: 'array', v: true }).join(' ');
      expect(reading, word).toBe(expected);
    }
  });
});
