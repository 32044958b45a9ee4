/**
 * The character set of the fonts shipped in this folder: what a typical certificate, receipt or form
 * needs, so that most documents never touch the 19.5 MB Noto CJK collection. A document with any
 * other character (a 生僻字 name such as 䶮 or 燊) is drawn with the full Debian font instead.
 */
import iconv from 'iconv-lite';

/** Symbol blocks official documents use: punctuation, №/℃, Ⅰ, ①, box drawing, ■□○●★, 〔〕, ㈠, full-width forms. */
const SYMBOL_RANGES: readonly (readonly [number, number])[] = [
  [0x20, 0x7e],
  [0xa0, 0xff],
  [0x2000, 0x206f],
  [0x20a0, 0x20bf],
  [0x2100, 0x218f],
  [0x2190, 0x21ff],
  [0x2200, 0x22ff],
  [0x2460, 0x24ff],
  [0x2500, 0x257f],
  [0x25a0, 0x25ff],
  [0x2600, 0x26ff],
  [0x3000, 0x303f],
  [0x3200, 0x32ff],
  [0xfe30, 0xfe4f],
  [0xff01, 0xffef],
];

/**
 * GB 2312-80: the 6,763 hanzi and 682 symbols of the national standard, read from its byte area in
 * GBK (rows 0xA1–0xF7, cells 0xA1–0xFE); cells that are unassigned decode to U+FFFD and are skipped.
 */
export function gb2312CodePoints(): number[] {
  const out: number[] = [];
  for (let row = 0xa1; row <= 0xf7; row++)
    for (let cell = 0xa1; cell <= 0xfe; cell++) {
      const ch = iconv.decode(Buffer.from([row, cell]), 'gbk');
      const cp = ch.codePointAt(0)!;
      if ([...ch].length === 1 && cp !== 0xfffd && cp > 0x7f) out.push(cp);
    }
  return out;
}

/** Every non-ASCII character written in the templates' sources (their fixed wording). */
export function wordingCodePoints(sources: readonly string[]): number[] {
  const out = new Set<number>();
  for (const src of sources) for (const ch of src) if (ch.codePointAt(0)! > 0x7e) out.add(ch.codePointAt(0)!);
  return [...out];
}

/** The shipped set: symbol blocks, GB 2312 and the templates' wording, ascending and unique. */
export function subsetCodePoints(templateSources: readonly string[]): number[] {
  const set = new Set<number>();
  for (const [from, to] of SYMBOL_RANGES) for (let cp = from; cp <= to; cp++) set.add(cp);
  for (const cp of gb2312CodePoints()) set.add(cp);
  for (const cp of wordingCodePoints(templateSources)) set.add(cp);
  return [...set].sort((a, b) => a - b);
}
