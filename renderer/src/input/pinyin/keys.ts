// How typed keys name syllables: letters (full keyboard) or digits (9-key pad), initials for
// abbreviations (sfz → 身份证), and the spellings a citizen may type for ü.

/** The 9-key pad: letters on digits 2–9 (ü is typed as v, on 8). */
export const T9_LETTERS: Readonly<Record<string, string>> = {
  '2': 'abc',
  '3': 'def',
  '4': 'ghi',
  '5': 'jkl',
  '6': 'mno',
  '7': 'pqrs',
  '8': 'tuv',
  '9': 'wxyz',
};

const DIGIT_OF: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries(T9_LETTERS).flatMap(([digit, letters]) => [...letters].map((l) => [l, digit])),
);

/** The digits a spelling is typed with on the 9-key pad. */
export function t9Code(spelling: string): string {
  let code = '';
  for (const ch of spelling) code += DIGIT_OF[ch] ?? '';
  return code;
}

/** Initials that stand for a whole syllable in an abbreviation: `z` also covers `zh…`. */
export const INITIALS: readonly string[] = [
  'b',
  'p',
  'm',
  'f',
  'd',
  't',
  'n',
  'l',
  'g',
  'k',
  'h',
  'j',
  'q',
  'x',
  'zh',
  'ch',
  'sh',
  'r',
  'z',
  'c',
  's',
  'y',
  'w',
];

/** Spellings typed for a dictionary syllable other than itself (the dictionary writes lüe as lue). */
export const SPELLING_ALIASES: Readonly<Record<string, string>> = { lve: 'lue', nve: 'nue' };

/** Normalises typed pinyin: lower case, ü → v; keeps letters, the 9-key digits and the syllable break. */
export function normaliseComposition(raw: string): string {
  return raw
    .toLowerCase()
    .replace(/ü/g, 'v')
    .replace(/[^a-z2-9']/g, '')
    .replace(/'{2,}/g, "'");
}
