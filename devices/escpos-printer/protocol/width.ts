/**
 * Column maths for a Chinese-mode printer. In FS & mode every multi-byte (GBK/GB18030) character is
 * printed as a full-width 24-dot glyph, i.e. two 12-dot cells; printable ASCII is one cell. Counting
 * by code point or by string length misaligns columns (peers.md §4: KevinGong2013/Printer notes).
 */

/** Characters that GBK-only ROMs print wrongly, mapped to full-width forms they have (node-escpos #332). */
const SUBSTITUTES: Record<string, string> = {
  '¥': '￥',
  '\u00a0': ' ',
  '\t': ' ',
};

/** Normalises text for the printer: known substitutions, and control characters other than \n dropped. */
export function normalizeText(text: string): string {
  let out = '';
  for (const ch of text) {
    const sub = SUBSTITUTES[ch];
    if (sub !== undefined) out += sub;
    else if (ch === '\n' || ch.codePointAt(0)! >= 0x20) out += ch;
  }
  return out.replace(/\u007f/g, '');
}

export const isAscii = (ch: string): boolean => {
  const c = ch.codePointAt(0)!;
  return c >= 0x20 && c < 0x7f;
};

/** Cells one character occupies at normal width: 1 for ASCII, 2 for anything printed from the CJK ROM. */
export const charCells = (ch: string): 1 | 2 => (isAscii(ch) ? 1 : 2);

/** Cells a string occupies at normal width. */
export function textCells(text: string): number {
  let n = 0;
  for (const ch of text) n += charCells(ch);
  return n;
}

/** Pads `text` with spaces to exactly `width` cells (assumes it fits). */
export function padCells(text: string, width: number, align: 'left' | 'center' | 'right'): string {
  const gap = Math.max(0, width - textCells(text));
  const left = align === 'right' ? gap : align === 'center' ? Math.floor(gap / 2) : 0;
  return ' '.repeat(left) + text + ' '.repeat(gap - left);
}

/** Leading cells that `ESC a n` alignment produces for a line of `used` cells on a `columns`-wide line. */
export function alignOffset(used: number, columns: number, align: 'left' | 'center' | 'right'): number {
  const gap = Math.max(0, columns - used);
  return align === 'right' ? gap : align === 'center' ? Math.floor(gap / 2) : 0;
}
