import { describe, expect, test } from 'vitest';
import { PinyinEngine, pageOf } from './engine';
import { decodeIndex, encodeIndex, parseRimeDict } from './index-format';
import { t9Code } from './keys';

// A hand-written dictionary in Rime's format, so each ranking rule is checked on known weights.
const DICT = `# Rime dictionary
---
name: test
...

身\tshen\t500
深\tshen\t400
是\tshi\t9000
十\tshi\t800
西\txi\t300
先\txian\t700
安\tan\t200
小\txiao\t900
晓\txiao\t50
明\tming\t600
名\tming\t800
中\tzhong\t1000
种\tzhong\t300
分\tfen\t600
份\tfen\t100
证\tzheng\t500
略\tlue\t40
身份\tshen fen\t200
身份证\tshen fen zheng\t300
十分钟\tshi fen zhong\t400
西安\txi an\t100
小明\txiao ming\t70
`;

const engine = () => new PinyinEngine(decodeIndex(encodeIndex(parseRimeDict(DICT))));
const words = (e: PinyinEngine, input: string) => e.candidates(input).map((c) => c.word);
/** Candidates that cover the whole input. */
const whole = (e: PinyinEngine, input: string) =>
  e
    .candidates(input)
    .filter((c) => c.consumed === input.length)
    .map((c) => c.word);

describe('index format', () => {
  test('round-trips every entry with its syllables and weight', () => {
    const entries = parseRimeDict(DICT);
    const ix = decodeIndex(encodeIndex(entries));
    expect(ix.words).toHaveLength(entries.length);
    const got = ix.words.map((w, e) => ({
      word: w,
      syllables: [...ix.seqIds.subarray(ix.seqStart[e], ix.seqStart[e + 1])].map((id) => ix.syllables[id]),
      weight: ix.weights[e],
    }));
    const sortKey = (x: { word: string; syllables: ReadonlyArray<string | undefined> }) =>
      `${x.syllables.join(' ')}|${x.word}`;
    expect(got.map(sortKey).sort()).toEqual(entries.map(sortKey).sort());
    expect(got.find((g) => g.word === '身份证')).toEqual({
      word: '身份证',
      syllables: ['shen', 'fen', 'zheng'],
      weight: 300,
    });
  });

  test('keeps a word once per reading, with its highest weight', () => {
    const text = encodeIndex([
      { word: '社保卡', syllables: ['she', 'bao', 'ka'], weight: 10 },
      { word: '社保卡', syllables: ['she', 'bao', 'ka'], weight: 2000 },
    ]);
    const ix = decodeIndex(text);
    expect([...ix.weights]).toEqual([2000]);
  });

  test('rejects what is not a Rime dictionary or another index version', () => {
    expect(() => parseRimeDict('身\tshen\t1')).toThrow(/Rime/);
    expect(() => decodeIndex('yizhan-pinyin-0\na')).toThrow(/expected/);
  });

  test('skips lines whose reading does not give every character a syllable', () => {
    const entries = parseRimeDict('---\n...\n身份\tshen\t3\n身\tshen\t1\n');
    expect(entries.map((e) => e.word)).toEqual(['身']);
  });
});

describe('candidates', () => {
  test('full pinyin gives the phrase first, then shorter words that leave the rest to type', () => {
    const c = engine().candidates('shenfenzheng');
    expect(c[0]).toEqual({ word: '身份证', consumed: 12, spelling: ['shen', 'fen', 'zheng'] });
    expect(c.find((x) => x.word === '身份')?.consumed).toBe(7);
    expect(c.find((x) => x.word === '身')?.consumed).toBe(4);
  });

  test('initials abbreviate syllables, and zh/ch/sh count as one initial', () => {
    const e = engine();
    // 十分钟 weighs more, but 身份证 … both are abbreviations: weight decides.
    expect(words(e, 'sfz').slice(0, 2)).toEqual(['十分钟', '身份证']);
    expect(words(e, 'shfzh')).toContain('身份证');
    // "zh" is never z + h: no two-syllable word is read from it.
    expect(e.candidates('zh').every((c) => c.spelling.length === 1)).toBe(true);
  });

  test('exact spelling ranks before a completed last syllable, which ranks before abbreviations', () => {
    const e = engine();
    // "xi" spells 西 exactly; 先 and 小 only complete "xi…" although they weigh more.
    expect(words(e, 'xi')).toEqual(['西', '小', '先', '晓']);
    // "xian" reads as 先 and as 西安, both exact: weight decides.
    expect(words(e, 'xian').slice(0, 2)).toEqual(['先', '西安']);
    // A syllable break forces the reading.
    expect(words(e, "xi'an")[0]).toBe('西安');
    expect(e.candidates("xi'an").find((c) => c.word === '西')?.consumed).toBe(3);
  });

  test('a name is entered character by character: each syllable offers its characters by weight', () => {
    const e = engine();
    expect(whole(e, 'xiao')).toEqual(['小', '晓']);
    expect(whole(e, 'ming')).toEqual(['名', '明']);
    expect(words(e, 'xiaoming')[0]).toBe('小明');
    expect(words(e, 'xiaoming')).toContain('小');
  });

  test('ü is typed as v, and lve is accepted for the dictionary spelling lue', () => {
    const e = engine();
    expect(words(e, 'lue')).toEqual(['略']);
    expect(words(e, 'lve')).toEqual(['略']);
  });

  test('nothing readable gives no candidates', () => {
    expect(engine().candidates('iii')).toEqual([]);
    expect(engine().candidates('')).toEqual([]);
  });

  test('9-key digits read like letters', () => {
    const e = engine();
    expect(t9Code('shenfenzheng')).toBe('743633694364');
    expect(words(e, '743633694364')[0]).toBe('身份证');
    expect(words(e, '9426')).toEqual(expect.arrayContaining(['先', '小']));
    // Letters fixed from a spelling, then digits.
    expect(words(e, "shen'336")[0]).toBe('身份');
  });

  test('9-key spellings: whole syllables longest first, then initials; choosing one fixes the letters', () => {
    const s = engine().spellings('7436');
    expect(s[0]).toEqual({ text: 'shen', composition: 'shen' });
    expect(s.map((x) => x.text)).toEqual(['shen', 'p', 'q', 'sh', 'r', 's']);
    expect(s.find((x) => x.text === 'sh')?.composition).toBe("sh'36");
    expect(engine().spellings('7443')[0]).toEqual({ text: 'shi', composition: "shi'3" });
    expect(engine().spellings("shen'336")[0]?.composition).toBe("shen'fen");
    expect(engine().spellings('abc')).toEqual([]);
  });
});

describe('paging', () => {
  test('pages a ranked list and clamps the page number', () => {
    const list = [1, 2, 3, 4, 5, 6, 7];
    expect(pageOf(list, 0, 3)).toEqual({ items: [1, 2, 3], page: 0, pages: 3 });
    expect(pageOf(list, 2, 3)).toEqual({ items: [7], page: 2, pages: 3 });
    expect(pageOf(list, 9, 3).page).toBe(2);
    expect(pageOf([], 0, 3)).toEqual({ items: [], page: 0, pages: 1 });
  });
});
