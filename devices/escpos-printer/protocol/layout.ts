import type {
  Align,
  Bitmap,
  ColumnCell,
  QrErrorLevel,
  ReceiptDocument,
  TextRun,
  TextStyle,
} from './document';
import { alignOffset, charCells, normalizeText } from './width';

/** A fully resolved style: what the printer mode registers hold while a segment prints. */
export interface SegmentStyle {
  bold: boolean;
  underline: 0 | 1 | 2;
  doubleWidth: boolean;
  doubleHeight: boolean;
}

export interface Segment {
  text: string;
  style: SegmentStyle;
}

/** One printed line: segments left to right, `cells` = width used (double-width counted twice). */
export interface LayoutLine {
  align: Align;
  segments: Segment[];
  cells: number;
}

/**
 * The document resolved against a paper width: wrapped and padded lines plus the graphic items.
 * Both the ESC/POS encoder and the raster renderer consume this, so preview and paper agree.
 */
export type LayoutItem =
  | { kind: 'lines'; lines: LayoutLine[] }
  | { kind: 'qr'; data: string; moduleSize: number; errorLevel: QrErrorLevel; align: Align }
  | {
      kind: 'barcode';
      data: string;
      heightDots: number;
      moduleWidth: number;
      hri: 'none' | 'above' | 'below' | 'both';
      align: Align;
    }
  | { kind: 'image'; bitmap: Bitmap; align: Align }
  | { kind: 'feed'; lines: number }
  | { kind: 'cut'; mode: 'full' | 'partial' | undefined };

export const PLAIN: SegmentStyle = { bold: false, underline: 0, doubleWidth: false, doubleHeight: false };

const resolveStyle = (s: TextStyle): SegmentStyle => ({
  bold: s.bold ?? false,
  underline: s.underline ?? 0,
  doubleWidth: s.doubleWidth ?? false,
  doubleHeight: s.doubleHeight ?? false,
});

const sameStyle = (a: SegmentStyle, b: SegmentStyle): boolean =>
  a.bold === b.bold &&
  a.underline === b.underline &&
  a.doubleWidth === b.doubleWidth &&
  a.doubleHeight === b.doubleHeight;

interface Atom {
  ch: string;
  style: SegmentStyle;
  cells: number;
}

/** Words: runs of ASCII non-space characters stay together; each CJK glyph and each space stands alone. */
function toWords(runs: TextRun[]): (Atom[] | 'break')[] {
  const words: (Atom[] | 'break')[] = [];
  let word: Atom[] = [];
  const flush = () => {
    if (word.length) words.push(word);
    word = [];
  };
  for (const run of runs) {
    const style = resolveStyle(run);
    for (const ch of normalizeText(run.text)) {
      if (ch === '\n') {
        flush();
        words.push('break');
        continue;
      }
      const atom = { ch, style, cells: charCells(ch) * (style.doubleWidth ? 2 : 1) };
      if (ch === ' ' || atom.cells > 1 * (style.doubleWidth ? 2 : 1)) {
        flush();
        words.push([atom]);
      } else word.push(atom);
    }
  }
  flush();
  return words;
}

function toLine(atoms: Atom[], align: Align): LayoutLine {
  while (atoms.length && atoms[atoms.length - 1]!.ch === ' ') atoms.pop();
  const segments: Segment[] = [];
  let cells = 0;
  for (const a of atoms) {
    cells += a.cells;
    const last = segments[segments.length - 1];
    if (last && sameStyle(last.style, a.style)) last.text += a.ch;
    else segments.push({ text: a.ch, style: a.style });
  }
  return { align, segments, cells };
}

/** Greedy word wrap to `width` cells; words longer than a line are split by character. */
export function wrapRuns(runs: TextRun[], width: number, align: Align = 'left'): LayoutLine[] {
  const lines: LayoutLine[] = [];
  let current: Atom[] = [];
  let used = 0;
  const newLine = () => {
    lines.push(toLine(current, align));
    current = [];
    used = 0;
  };
  for (const word of toWords(runs)) {
    if (word === 'break') {
      newLine();
      continue;
    }
    const cells = word.reduce((n, a) => n + a.cells, 0);
    if (used === 0 && word.length === 1 && word[0]!.ch === ' ') continue;
    if (used + cells <= width) {
      current.push(...word);
      used += cells;
      continue;
    }
    if (used > 0 && cells <= width) {
      newLine();
      if (word[0]!.ch === ' ') continue;
      current.push(...word);
      used = cells;
      continue;
    }
    for (const a of word) {
      if (used + a.cells > width && used > 0) newLine();
      if (used === 0 && a.ch === ' ') continue;
      current.push(a);
      used += a.cells;
    }
  }
  if (current.length || lines.length === 0) newLine();
  return lines;
}

/** Column widths: fixed widths first; an unset first column of two takes its natural width up to half. */
export function columnWidths(cells: ColumnCell[], columns: number): number[] {
  const gaps = cells.length - 1;
  const fixed = cells.reduce((n, c) => n + (c.width ?? 0), 0);
  const free = cells.filter((c) => c.width === undefined);
  let rest = Math.max(free.length, columns - gaps - fixed);
  const natural = (c: ColumnCell) =>
    wrapRuns([c], Number.MAX_SAFE_INTEGER).reduce((n, l) => Math.max(n, l.cells), 0);
  return cells.map((c, i) => {
    if (c.width !== undefined) return c.width;
    const remaining = free.indexOf(c);
    const left = free.length - remaining;
    if (left === 1) return rest;
    const share = Math.floor(rest / left);
    const w = cells.length === 2 && i === 0 ? Math.max(1, Math.min(natural(c), Math.floor(rest / 2))) : share;
    rest -= w;
    return w;
  });
}

function columnRows(cells: ColumnCell[], columns: number): LayoutLine[] {
  const widths = columnWidths(cells, columns);
  const wrapped = cells.map((c, i) => wrapRuns([c], widths[i]!, c.align ?? 'left'));
  const rows = Math.max(...wrapped.map((w) => w.length));
  const out: LayoutLine[] = [];
  for (let r = 0; r < rows; r++) {
    const segments: Segment[] = [];
    const pad = (n: number) => n > 0 && segments.push({ text: ' '.repeat(n), style: PLAIN });
    wrapped.forEach((lines, i) => {
      const width = widths[i]!;
      const line = lines[r];
      const used = line?.cells ?? 0;
      const lead = line ? alignOffset(used, width, line.align) : 0;
      if (i > 0) pad(1);
      pad(lead);
      if (line) segments.push(...line.segments);
      pad(width - lead - used);
    });
    const merged = toLine(
      segments.flatMap((s) => [...s.text].map((ch) => ({ ch, style: s.style, cells: 0 }))),
      'left',
    );
    out.push({ ...merged, cells: cellsOf(merged.segments) });
  }
  return out;
}

export function cellsOf(segments: Segment[]): number {
  let n = 0;
  for (const s of segments) for (const ch of s.text) n += charCells(ch) * (s.style.doubleWidth ? 2 : 1);
  return n;
}

/** Resolves a document against a paper width (in Font A columns). Pure. */
export function layoutDocument(doc: ReceiptDocument, columns: number): LayoutItem[] {
  const items: LayoutItem[] = [];
  const pushLines = (lines: LayoutLine[]) => {
    const last = items[items.length - 1];
    if (last?.kind === 'lines') last.lines.push(...lines);
    else items.push({ kind: 'lines', lines });
  };
  for (const block of doc.blocks) {
    switch (block.kind) {
      case 'text':
        pushLines(wrapRuns(block.runs, columns, block.align ?? 'left'));
        break;
      case 'rule': {
        const ch = block.style === 'double' ? '=' : '-';
        pushLines([
          { align: 'left', segments: [{ text: ch.repeat(columns), style: PLAIN }], cells: columns },
        ]);
        break;
      }
      case 'columns':
        pushLines(columnRows(block.cells, columns));
        break;
      case 'qr':
        items.push({
          kind: 'qr',
          data: block.data,
          moduleSize: Math.min(16, Math.max(1, block.moduleSize ?? 6)),
          errorLevel: block.errorLevel ?? 'M',
          align: block.align ?? 'center',
        });
        break;
      case 'barcode':
        items.push({
          kind: 'barcode',
          data: block.data,
          heightDots: Math.min(255, Math.max(1, block.heightDots ?? 80)),
          moduleWidth: Math.min(6, Math.max(2, block.moduleWidth ?? 2)),
          hri: block.hri ?? 'below',
          align: block.align ?? 'center',
        });
        break;
      case 'image':
        items.push({ kind: 'image', bitmap: block.bitmap, align: block.align ?? 'center' });
        break;
      case 'feed':
        items.push({ kind: 'feed', lines: Math.min(255, Math.max(0, block.lines)) });
        break;
      case 'cut':
        items.push({ kind: 'cut', mode: block.mode });
        break;
    }
  }
  return items;
}

/** The plain text a reader sees on the paper: one string per printed text line, aligned with spaces. */
export function lineToText(line: LayoutLine, columns: number): string {
  const lead = alignOffset(line.cells, columns, line.align);
  return (' '.repeat(lead) + line.segments.map((s) => s.text).join('')).trimEnd();
}
