// Words of the service hall that Debian's pinyin_simp dictionary lacks (社保卡, 秒批, 取件码 …), so a
// citizen typing them gets the whole word. Our own list, merged into the index at build time with
// a weight comparable to common phrases of the dictionary (身份证 has 3572). The readings are
// checked against pinyin-pro in tests/ui/pinyin-dictionary.test.ts.
import type { DictEntry } from './index-format';

export const SUPPLEMENT_WEIGHT = 2000;

/** word → space-separated pinyin syllables (ü written v, as in the dictionary). */
export const HALL_WORDS: ReadonlyArray<readonly [string, string]> = [
  ['社保卡', 'she bao ka'],
  ['医保卡', 'yi bao ka'],
  ['社保缴费', 'she bao jiao fei'],
  ['参保缴费', 'can bao jiao fei'],
  ['参保证明', 'can bao zheng ming'],
  ['医保账户', 'yi bao zhang hu'],
  ['异地就医', 'yi di jiu yi'],
  ['灵活就业', 'ling huo jiu ye'],
  ['住房公积金', 'zhu fang gong ji jin'],
  ['公积金缴存', 'gong ji jin jiao cun'],
  ['缴存证明', 'jiao cun zheng ming'],
  ['个体工商户', 'ge ti gong shang hu'],
  ['工商户', 'gong shang hu'],
  ['统一社会信用代码', 'tong yi she hui xin yong dai ma'],
  ['信用代码', 'xin yong dai ma'],
  ['电子营业执照', 'dian zi ying ye zhi zhao'],
  ['电子证照', 'dian zi zheng zhao'],
  ['不动产权证', 'bu dong chan quan zheng'],
  ['居民身份证', 'ju min shen fen zheng'],
  ['临时身份证', 'lin shi shen fen zheng'],
  ['身份证号码', 'shen fen zheng hao ma'],
  ['签发机关', 'qian fa ji guan'],
  ['港澳通行证', 'gang ao tong xing zheng'],
  ['出生证明', 'chu sheng zheng ming'],
  ['户籍所在地', 'hu ji suo zai di'],
  ['办件', 'ban jian'],
  ['办件编号', 'ban jian bian hao'],
  ['取号', 'qu hao'],
  ['取件码', 'qu jian ma'],
  ['快递单号', 'kuai di dan hao'],
  ['手机号', 'shou ji hao'],
  ['好差评', 'hao cha ping'],
  ['秒批', 'miao pi'],
  ['预约签到', 'yu yue qian dao'],
  ['一网通办', 'yi wang tong ban'],
  ['一码办', 'yi ma ban'],
  ['政务服务', 'zheng wu fu wu'],
  ['自助服务', 'zi zhu fu wu'],
];

/** The hall words as dictionary entries. */
export function supplementEntries(): DictEntry[] {
  return HALL_WORDS.map(([word, pinyin]) => ({
    word,
    syllables: pinyin.split(' '),
    weight: SUPPLEMENT_WEIGHT,
  }));
}
