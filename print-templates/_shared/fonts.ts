/**
 * Font registry: finds the CJK faces templates draw with, through an injected loader (templates never
 * touch the file system), and keeps the parsed fontkit object so later documents skip re-parsing the
 * 19 MB collection. pdfkit embeds only the glyphs used (CID subset with a ToUnicode map).
 */

/** Reads an asset; `undefined` when it does not exist. Supplied by the caller (CLI, main/printing, tests). */
export type AssetLoader = (path: string) => Uint8Array | undefined;

export type FontWeight = 'regular' | 'bold';

export interface FontCandidate {
  file: string;
  /** PostScript name selecting the face inside a .ttc collection. */
  postscriptName: string;
}

/** Debian `fonts-noto-cjk` (SIL OFL 1.1): full Noto Sans CJK SC incl. Ext-A/Ext-B (䶮, 𠮷). */
export const DEFAULT_FONT_CATALOG: Readonly<Record<FontWeight, readonly FontCandidate[]>> = {
  regular: [
    {
      file: '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc',
      postscriptName: 'NotoSansCJKsc-Regular',
    },
  ],
  bold: [
    { file: '/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc', postscriptName: 'NotoSansCJKsc-Bold' },
  ],
};

/** The font names a template passes to `doc.font()`. */
export const FONT = { regular: 'yz-regular', bold: 'yz-bold' } as const;

export class FontMissingError extends Error {
  override readonly name = 'FontMissingError';
  constructor(
    readonly weight: FontWeight,
    readonly tried: readonly string[],
  ) {
    super(
      `CJK font (${weight}) not found; tried ${tried.join(', ')}. ` +
        `Install the Debian package fonts-noto-cjk (apt-get install fonts-noto-cjk) / 未找到中文字体，请安装 fonts-noto-cjk`,
    );
  }
}

/** The parts of pdfkit's internal EmbeddedFont we rely on: its fontkit font. */
export interface FontkitFont {
  postscriptName: string;
  layout(text: string): unknown;
  glyphForCodePoint(codePoint: number): { id: number };
}

interface ResolvedFace {
  candidate: FontCandidate;
  bytes: Uint8Array;
  parsed?: FontkitFont;
  /** pdfkit's per-font text layout cache, shared across documents (see apply). */
  layoutCache: Record<string, unknown>;
}

/**
 * fontkit shaping of Noto CJK (large GSUB/GPOS tables) dominates render time: ~150 ms per page of
 * text. pdfkit caches layouts per document; sharing that cache between documents makes the fixed
 * wording of a template free after the first document. Bounded: cleared past this many entries.
 */
const LAYOUT_CACHE_LIMIT = 20_000;

export class FontRegistry {
  readonly #faces = new Map<FontWeight, ResolvedFace>();

  constructor(
    private readonly load: AssetLoader,
    private readonly catalog: Readonly<Record<FontWeight, readonly FontCandidate[]>> = DEFAULT_FONT_CATALOG,
  ) {}

  /** Finds the first available candidate for a weight; throws FontMissingError listing what was tried. */
  resolve(weight: FontWeight): FontCandidate {
    return this.#face(weight).candidate;
  }

  /** Registers both faces on a document under FONT.regular / FONT.bold and selects the regular face. */
  apply(doc: PDFKit.PDFDocument): void {
    for (const weight of ['regular', 'bold'] as const) {
      const face = this.#face(weight);
      if (face.parsed) {
        // pdfkit accepts a fontkit object (anything with layout()) as a font source.
        doc.registerFont(FONT[weight], face.parsed as unknown as Uint8Array);
      } else {
        doc.registerFont(FONT[weight], face.bytes, face.candidate.postscriptName);
        doc.font(FONT[weight]);
        face.parsed = fontkitOf(doc);
      }
      doc.font(FONT[weight]);
      if (Object.keys(face.layoutCache).length > LAYOUT_CACHE_LIMIT)
        face.layoutCache = Object.create(null) as Record<string, unknown>;
      // Layout results hold glyphs and scaled positions only; subsetting and widths stay per document.
      const embedded = (doc as unknown as { _font?: { layoutCache?: Record<string, unknown> } })._font;
      if (embedded?.layoutCache) embedded.layoutCache = face.layoutCache;
    }
    doc.font(FONT.regular);
  }

  /** The parsed font of a weight (after `apply` ran once), for glyph coverage checks. */
  parsed(weight: FontWeight): FontkitFont | undefined {
    return this.#faces.get(weight)?.parsed;
  }

  #face(weight: FontWeight): ResolvedFace {
    const cached = this.#faces.get(weight);
    if (cached) return cached;
    const tried: string[] = [];
    for (const candidate of this.catalog[weight]) {
      tried.push(candidate.file);
      const bytes = this.load(candidate.file);
      if (!bytes) continue;
      const face: ResolvedFace = {
        candidate,
        bytes,
        layoutCache: Object.create(null) as Record<string, unknown>,
      };
      this.#faces.set(weight, face);
      return face;
    }
    throw new FontMissingError(weight, tried);
  }
}

/** The fontkit font behind the document's current font (pdfkit keeps it as `_font.font`). */
export function fontkitOf(doc: PDFKit.PDFDocument): FontkitFont {
  const current = (doc as unknown as { _font?: { font?: FontkitFont } })._font?.font;
  if (!current || typeof current.glyphForCodePoint !== 'function') {
    throw new Error('the current pdfkit font is not an embedded fontkit font');
  }
  return current;
}

/** Code points of `text` that the font has no glyph for (glyph id 0 is .notdef, an empty box). */
export function missingGlyphs(font: FontkitFont, text: string): string[] {
  return [...new Set(text)].filter(
    (ch) => /\S/u.test(ch) && font.glyphForCodePoint(ch.codePointAt(0)!).id === 0,
  );
}
