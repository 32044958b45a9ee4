import { describe, expect, it } from 'vitest';
import { columnWidths, layoutDocument, lineToText, wrapRuns } from './layout';
import { padCells, textCells } from './width';

const texts = (lines: ReturnType<typeof wrapRuns>, columns: number) =>
  lines.map((l) => lineToText(l, columns));

describe('CJK column maths', () => {
  it('counts a Chinese glyph as two cells and ASCII as one', () => {
    expect(textCells('受理编号 AB12')).toBe(13);
    expect(padCells('中a', 6, 'right')).toBe('   中a');
  });

  it('wraps Chinese text by cells, not by characters', () => {
    const lines = wrapRuns([{ text: '一二三四五六七八九十' }], 8);
    expect(texts(lines, 8)).toEqual(['一二三四', '五六七八', '九十']);
    expect(lines.map((l) => l.cells)).toEqual([8, 8, 4]);
  });

  it('counts double width twice and keeps ASCII words whole', () => {
    expect(texts(wrapRuns([{ text: '中文AB', doubleWidth: true }], 8), 8)).toEqual(['中文', 'AB']);
    expect(texts(wrapRuns([{ text: 'hello world again' }], 11), 11)).toEqual(['hello world', 'again']);
    expect(texts(wrapRuns([{ text: 'abcdefghij' }], 4), 4)).toEqual(['abcd', 'efgh', 'ij']);
  });

  it('never splits a full-width glyph across the line end', () => {
    expect(texts(wrapRuns([{ text: 'abc中' }], 4), 4)).toEqual(['abc', '中']);
  });

  it('lays out key/value rows and three columns to the full width, wrapping long values', () => {
    expect(columnWidths([{ text: '办理事项' }, { text: 'x' }], 32)).toEqual([8, 23]);
    const [item] = layoutDocument(
      {
        blocks: [
          {
            kind: 'columns',
            cells: [{ text: '地址' }, { text: '北京市东城区某某街道一百二十三号院', align: 'right' }],
          },
          {
            kind: 'columns',
            cells: [{ text: '品名' }, { text: '数量', align: 'center' }, { text: '金额', align: 'right' }],
          },
        ],
      },
      32,
    );
    expect(item?.kind).toBe('lines');
    if (item?.kind !== 'lines') return;
    // widths 4 | 27 (one gap): 13 glyphs fit, right-aligned with one spare cell
    // three columns share 30 cells (two gaps) as 10 | 10 | 10
    expect(item.lines.map((l) => lineToText(l, 32))).toEqual([
      `地址${' '.repeat(2)}北京市东城区某某街道一百二`,
      `${' '.repeat(24)}十三号院`,
      `品名${' '.repeat(10)}数量${' '.repeat(10)}金额`,
    ]);
    for (const l of item.lines) expect(l.cells).toBeLessThanOrEqual(32);
  });
});
