// The pinyin candidate index: built at build time from Debian's rime-data-pinyin-simp dictionary
// (Apache-2.0, /usr/share/rime-data/pinyin_simp.dict.yaml) plus the hall words of supplement.ts,
// shipped as one compact text chunk the page loads on demand, and decoded into typed arrays.
//
// Text format (version line, syllable line, then one line per distinct syllable sequence):
//   yizhan-pinyin-1
//   a ai an ang …                      syllable ids are positions in this line (sorted)
//   <ids>\t<word> <weight>\t<word> <weight>…
// where <ids> is each syllable id in base 36, two characters each, lines sorted by the id sequence
// (a sequence before its extensions) and words by weight, highest first; weights are base 36.

export const INDEX_VERSION = 'yizhan-pinyin-1';

export interface DictEntry {
  word: string;
  syllables: readonly string[];
  weight: number;
}

/** The decoded index: entries sorted by syllable-id sequence, then by weight (highest first). */
export interface PinyinIndex {
  syllables: readonly string[];
  /** Entry e spans seqIds[seqStart[e] .. seqStart[e + 1]). */
  seqStart: Uint32Array;
  seqIds: Uint16Array;
  words: readonly string[];
  weights: Uint32Array;
}

/** Entries of a Rime `.dict.yaml` (`word<TAB>pin yin<TAB>weight` after the `...` line). */
export function parseRimeDict(text: string): DictEntry[] {
  const start = text.search(/^\.\.\.\s*$/m);
  if (start < 0) throw new Error('not a Rime dictionary: no "..." line after the header');
  const entries: DictEntry[] = [];
  for (const line of text.slice(start).split('\n').slice(1)) {
    if (!line || line.startsWith('#')) continue;
    const [word, pinyin, weight] = line.split('\t');
    if (!word || !pinyin) continue;
    const syllables = pinyin.trim().split(/\s+/);
    if ([...word].length !== syllables.length) continue; // every character has its own syllable
    entries.push({ word, syllables, weight: Math.max(0, Math.round(Number(weight) || 0)) });
  }
  return entries;
}

/** Builds the shipped index text. A word listed twice under one reading keeps its highest weight. */
export function encodeIndex(entries: readonly DictEntry[]): string {
  const syllables = [...new Set(entries.flatMap((e) => e.syllables))].sort();
  if (syllables.length > 36 * 36) throw new Error('too many syllables for two base-36 digits');
  const id = new Map(syllables.map((s, i) => [s, i]));
  const groups = new Map<string, Map<string, number>>();
  for (const e of entries) {
    const key = e.syllables.map((s) => id.get(s)!.toString(36).padStart(2, '0')).join('');
    const words = groups.get(key) ?? new Map<string, number>();
    words.set(e.word, Math.max(words.get(e.word) ?? 0, e.weight));
    groups.set(key, words);
  }
  // Two-character ids compare correctly as strings, and a sequence sorts before its extensions.
  const keys = [...groups.keys()].sort();
  const lines = keys.map((key) => {
    const words = [...groups.get(key)!].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
    return [key, ...words.map(([w, weight]) => `${w} ${weight.toString(36)}`)].join('\t');
  });
  return [INDEX_VERSION, syllables.join(' '), ...lines].join('\n');
}

export function decodeIndex(text: string): PinyinIndex {
  const lines = text.split('\n');
  if (lines[0] !== INDEX_VERSION) throw new Error(`pinyin index: expected ${INDEX_VERSION}, got ${lines[0]}`);
  const syllables = lines[1]!.split(' ');
  let entryCount = 0;
  let idCount = 0;
  for (let i = 2; i < lines.length; i++) {
    const line = lines[i]!;
    const tab = line.indexOf('\t');
    const words = line.split('\t').length - 1;
    entryCount += words;
    idCount += (tab / 2) * words;
  }
  const seqStart = new Uint32Array(entryCount + 1);
  const seqIds = new Uint16Array(idCount);
  const words: string[] = new Array<string>(entryCount);
  const weights = new Uint32Array(entryCount);
  let e = 0;
  let at = 0;
  for (let i = 2; i < lines.length; i++) {
    const parts = lines[i]!.split('\t');
    const key = parts[0]!;
    const ids: number[] = [];
    for (let k = 0; k < key.length; k += 2) ids.push(parseInt(key.slice(k, k + 2), 36));
    for (let p = 1; p < parts.length; p++) {
      const item = parts[p]!;
      const space = item.lastIndexOf(' ');
      seqStart[e] = at;
      for (const s of ids) seqIds[at++] = s;
      words[e] = item.slice(0, space);
      weights[e] = parseInt(item.slice(space + 1), 36);
      e++;
    }
  }
  seqStart[entryCount] = at;
  return { syllables, seqStart, seqIds, words, weights };
}
