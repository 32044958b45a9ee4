/**
 * A GlyphRasterizer over an OpenType/CFF outline font, used for the raster fallback and for the
 * simulator's PNG preview. The default font is Noto Sans Mono CJK SC from the Debian package
 * fonts-noto-cjk (SIL Open Font License 1.1): its half-width Latin and full-width Hanzi match the
 * printer's 12/24-dot cells. fontkit (MIT) parses the font; the scan conversion below is ours.
 * The font file's bytes are passed in, so this module does no I/O.
 */
import { create, type Font, type FontCollection, type PathCommand } from 'fontkit';
import type { Bitmap, GlyphRasterizer } from './protocol';

/** Where Debian and Ubuntu put the Noto CJK collection (package fonts-noto-cjk). */
export const NOTO_CJK_FONT_PATHS = [
  '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc',
  '/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc',
] as const;

export const DEFAULT_CJK_FACE = 'NotoSansMonoCJKsc-Regular';

type Edge = { x0: number; y0: number; x1: number; y1: number; dir: 1 | -1 };

/** Flattens outline commands (font units, y up) into edges in pixel space (y down). */
function toEdges(commands: PathCommand[], scale: number, dx: number, baseline: number): Edge[] {
  const edges: Edge[] = [];
  const px = (x: number) => dx + x * scale;
  const py = (y: number) => baseline - y * scale;
  let sx = 0;
  let sy = 0;
  let cx = 0;
  let cy = 0;
  const line = (x: number, y: number) => {
    if (cy !== y)
      edges.push(
        cy < y ? { x0: cx, y0: cy, x1: x, y1: y, dir: 1 } : { x0: x, y0: y, x1: cx, y1: cy, dir: -1 },
      );
    cx = x;
    cy = y;
  };
  const STEPS = 8;
  for (const { command, args: a } of commands) {
    if (command === 'moveTo') {
      if (cx !== sx || cy !== sy) line(sx, sy);
      cx = sx = px(a[0]!);
      cy = sy = py(a[1]!);
    } else if (command === 'lineTo') line(px(a[0]!), py(a[1]!));
    else if (command === 'quadraticCurveTo') {
      const [x0, y0, qx, qy, x2, y2] = [cx, cy, px(a[0]!), py(a[1]!), px(a[2]!), py(a[3]!)];
      for (let i = 1; i <= STEPS; i++) {
        const t = i / STEPS;
        const u = 1 - t;
        line(u * u * x0 + 2 * u * t * qx + t * t * x2, u * u * y0 + 2 * u * t * qy + t * t * y2);
      }
    } else if (command === 'bezierCurveTo') {
      const [x0, y0] = [cx, cy];
      const [x1, y1, x2, y2, x3, y3] = [px(a[0]!), py(a[1]!), px(a[2]!), py(a[3]!), px(a[4]!), py(a[5]!)];
      for (let i = 1; i <= STEPS; i++) {
        const t = i / STEPS;
        const u = 1 - t;
        line(
          u * u * u * x0 + 3 * u * u * t * x1 + 3 * u * t * t * x2 + t * t * t * x3,
          u * u * u * y0 + 3 * u * u * t * y1 + 3 * u * t * t * y2 + t * t * t * y3,
        );
      }
    } else line(sx, sy);
  }
  if (cx !== sx || cy !== sy) line(sx, sy);
  return edges;
}

const SUBROWS = 4;
const THRESHOLD = 0.42;

/** Non-zero winding scan conversion with 4 sub-rows and exact horizontal coverage; ink where coverage ≥ 42 %. */
function fill(edges: Edge[], width: number, height: number): Bitmap {
  const coverage = new Float32Array(width * height);
  for (let sr = 0; sr < height * SUBROWS; sr++) {
    const y = (sr + 0.5) / SUBROWS;
    const xs: { x: number; dir: number }[] = [];
    for (const e of edges)
      if (y >= e.y0 && y < e.y1)
        xs.push({ x: e.x0 + ((y - e.y0) / (e.y1 - e.y0)) * (e.x1 - e.x0), dir: e.dir });
    xs.sort((a, b) => a.x - b.x);
    const row = Math.floor(sr / SUBROWS) * width;
    let winding = 0;
    for (let i = 0; i < xs.length - 1; i++) {
      winding += xs[i]!.dir;
      if (winding === 0) continue;
      const a = Math.max(0, xs[i]!.x);
      const b = Math.min(width, xs[i + 1]!.x);
      for (let c = Math.floor(a); c < b; c++) {
        const covered = Math.min(b, c + 1) - Math.max(a, c);
        if (covered > 0) coverage[row + c] = coverage[row + c]! + covered / SUBROWS;
      }
    }
  }
  const bpr = Math.ceil(width / 8);
  const data = new Uint8Array(bpr * height);
  for (let r = 0; r < height; r++)
    for (let c = 0; c < width; c++)
      if (coverage[r * width + c]! >= THRESHOLD) data[r * bpr + (c >> 3)]! |= 0x80 >> (c & 7);
  return { width, height, data };
}

/** A hollow box for characters the font does not have, so a gap is never silent. */
function tofu(width: number, height: number): Bitmap {
  const bpr = Math.ceil(width / 8);
  const data = new Uint8Array(bpr * height);
  const set = (x: number, y: number) => (data[y * bpr + (x >> 3)]! |= 0x80 >> (x & 7));
  for (let x = 2; x < width - 2; x++) {
    set(x, 3);
    set(x, height - 3);
  }
  for (let y = 3; y <= height - 3; y++) {
    set(2, y);
    set(width - 3, y);
  }
  return { width, height, data };
}

export class OutlineGlyphRasterizer implements GlyphRasterizer {
  readonly #cache = new Map<string, Bitmap>();

  constructor(private readonly font: Font) {}

  glyph(ch: string, width: number, height: number): Bitmap {
    const key = `${ch}\u0000${width}x${height}`;
    let bitmap = this.#cache.get(key);
    if (!bitmap) {
      bitmap = this.#render(ch, width, height);
      this.#cache.set(key, bitmap);
    }
    return bitmap;
  }

  #render(ch: string, width: number, height: number): Bitmap {
    const cp = ch.codePointAt(0)!;
    if (cp === 0x20 || cp === 0x3000)
      return { width, height, data: new Uint8Array(Math.ceil(width / 8) * height) };
    if (!this.font.hasGlyphForCodePoint(cp)) return tofu(width, height);
    const g = this.font.glyphForCodePoint(cp);
    // CJK fonts draw the ideographic em box from −0.12 em to 0.88 em; fit it into the cell with 1 dot spare.
    const scale = (height - 2) / this.font.unitsPerEm;
    const baseline = 1 + 0.88 * this.font.unitsPerEm * scale;
    const dx = (width - g.advanceWidth * scale) / 2;
    return fill(toEdges(g.path.commands, scale, dx, baseline), width, height);
  }
}

/** Builds the rasteriser from a font file's bytes (.ttc collection or single .otf/.ttf). */
export function createCjkRasterizer(fontFile: Uint8Array, face: string = DEFAULT_CJK_FACE): GlyphRasterizer {
  const loaded = create(fontFile);
  const font = 'fonts' in loaded ? pickFace(loaded, face) : loaded;
  return new OutlineGlyphRasterizer(font);
}

function pickFace(collection: FontCollection, face: string): Font {
  const font = collection.getFont(face) ?? collection.fonts[0];
  if (!font) throw new Error('the font collection is empty');
  return font;
}
