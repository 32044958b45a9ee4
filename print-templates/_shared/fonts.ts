/**
 * Font registry: finds the CJK faces templates draw with, through an injected loader (templates never
 * touch the file system), and keeps the parsed fontkit objects so later documents skip parsing.
 * pdfkit embeds only the glyphs used (CID subset with a ToUnicode map).
 *
 * Two tiers. The shipped subset (fonts/*.subset.otf: GB 2312, symbols and the templates' wording,
 * 3.5 MB a weight) is read and parsed in a fraction of the time of the 19.5 MB Debian collection,
 * which is what makes the first document of a process fast. A document with any character outside
 * it (a 生僻字 name) is drawn entirely with the full collection, so it never shows an empty box.
 */
import { fileURLToPath } from 'node:url';
import { create, type Font } from 'fontkit';

/** Reads an asset; `undefined` when it does not exist. Supplied by the caller (CLI, main/printing, tests). */
export type AssetLoader = (path: string) => Uint8Array | undefined;

export type FontWeight = 'regular' | 'bold';

/** Which set of faces a document is drawn with. */
export type FontTier = 'subset' | 'full';

/** The tier of each weight for one document. */
export type FontPlan = Readonly<Record<FontWeight, FontTier>>;

export interface FontCandidate {
  file: string;
  /** PostScript name selecting the face inside a .ttc collection; omit for a single-face file. */
  postscriptName?: string;
}

export type FontCatalog = Readonly<Record<FontWeight, readonly FontCandidate[]>>;

/** Debian `fonts-noto-cjk` (SIL OFL 1.1): full Noto Sans CJK SC incl. Ext-A/Ext-B (䶮, 𠮷). */
export const DEFAULT_FONT_CATALOG: FontCatalog = {
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

/** Where a file of print-templates/fonts/ is; undefined when bundled without an ESM module URL (no subset then). */
function shippedFont(name: string): FontCandidate[] {
  try {
    return [{ file: fileURLToPath(new URL(`../fonts/${name}`, import.meta.url)) }];
  } catch {
    return [];
  }
}

/** The subset shipped with the templates (see fonts/README.md); same outlines and layout as the full faces. */
export const SUBSET_FONT_CATALOG: FontCatalog = {
  regular: shippedFont('NotoSansCJKsc-Regular.subset.otf'),
  bold: shippedFont('NotoSansCJKsc-Bold.subset.otf'),
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

/** The parts of a fontkit font we rely on. */
export interface FontkitFont {
  postscriptName: string;
  layout(text: string): unknown;
  glyphForCodePoint(codePoint: number): { id: number };
  hasGlyphForCodePoint(codePoint: number): boolean;
}

type LayoutCache = Record<string, unknown>;

interface ResolvedFace {
  candidate: FontCandidate;
  parsed: Font;
  /** pdfkit's per-font text layout cache, shared across documents (see open). */
  layoutCache: LayoutCache;
}

/**
 * fontkit shaping of Noto CJK (large GSUB/GPOS tables) dominates render time: ~150 ms per page of
 * text. pdfkit caches layouts per document; sharing that cache between documents makes the fixed
 * wording of a template free after the first document. Bounded: cleared past this many entries.
 */
const LAYOUT_CACHE_LIMIT = 20_000;

/** A laid-out word as pdfkit caches it: glyphs with fontkit ids. */
interface CachedRun {
  glyphs?: { id: number }[];
}

/** The fonts of one document; `finish` tells which subset face drew .notdef (an empty box), if any. */
export interface FontSession {
  plan: FontPlan;
  finish(): { missingGlyphs: Record<FontWeight, boolean> };
}

const WHITESPACE = /^\s$/u;

export class FontRegistry {
  readonly #faces = new Map<string, ResolvedFace | null>();

  constructor(
    private readonly load: AssetLoader,
    private readonly catalog: FontCatalog = DEFAULT_FONT_CATALOG,
    /** The fast tier; pass null to always draw with `catalog`. */
    private readonly subsetCatalog: FontCatalog | null = SUBSET_FONT_CATALOG,
  ) {}

  /** The tier that draws every character of `texts`: the subset when it has them all, else the full faces. */
  tierFor(texts: Iterable<string>): FontTier {
    const faces = (['regular', 'bold'] as const).map((w) => this.#subset(w));
    if (faces.some((f) => !f)) return 'full';
    for (const text of texts)
      for (const ch of text) {
        const cp = ch.codePointAt(0)!;
        if (cp < 0x20 || WHITESPACE.test(ch)) continue;
        if (faces.some((f) => !f!.parsed.hasGlyphForCodePoint(cp))) return 'full';
      }
    return 'subset';
  }

  /**
   * The plan for a document whose data is `texts`. Data is drawn in the regular face (names,
   * values, paragraphs), so a 生僻字 sends only the regular face to the full collection; bold
   * (titles, labels) starts on the subset and renderPdf upgrades it if it drew .notdef. Loading one
   * 19.5 MB face instead of two halves the cost of such a document.
   */
  planFor(texts: Iterable<string>): FontPlan {
    return { regular: this.tierFor(texts), bold: this.#subset('bold') ? 'subset' : 'full' };
  }

  /** Registers the faces of `plan` on a document under FONT.regular / FONT.bold and selects the regular face. */
  open(doc: PDFKit.PDFDocument, plan: FontPlan | FontTier): FontSession {
    const tiers: FontPlan = typeof plan === 'string' ? { regular: plan, bold: plan } : plan;
    const perDocument: { weight: FontWeight; face: ResolvedFace; subset: boolean; cache: LayoutCache }[] = [];
    for (const weight of ['regular', 'bold'] as const) {
      const subset = tiers[weight] === 'subset' ? this.#subset(weight) : undefined;
      const face = subset ?? this.#full(weight);
      // pdfkit accepts a fontkit object (anything with layout()) as a font source.
      doc.registerFont(FONT[weight], face.parsed as unknown as Uint8Array);
      doc.font(FONT[weight]);
      if (Object.keys(face.layoutCache).length > LAYOUT_CACHE_LIMIT)
        face.layoutCache = Object.create(null) as LayoutCache;
      // Layout results hold glyphs and scaled positions only; subsetting and widths stay per document.
      // The document reads through to the shared cache and writes its new words to its own layer.
      const embedded = (doc as unknown as { _font?: { layoutCache?: LayoutCache } })._font;
      if (embedded?.layoutCache) {
        const cache = Object.create(face.layoutCache) as LayoutCache;
        embedded.layoutCache = cache;
        perDocument.push({ weight, face, subset: subset !== undefined, cache });
      }
    }
    doc.font(FONT.regular);
    return {
      plan: tiers,
      finish: () => {
        const missingGlyphs = { regular: false, bold: false };
        for (const { weight, face, subset, cache } of perDocument)
          for (const word of Object.keys(cache)) {
            if (drawsNotdef(word, cache[word] as CachedRun)) missingGlyphs[weight] ||= subset;
            else face.layoutCache[word] = cache[word];
          }
        return { missingGlyphs };
      },
    };
  }

  /** The parsed font of a weight and tier (parsing it if needed), for glyph coverage checks. */
  parsed(weight: FontWeight, tier: FontTier = 'full'): FontkitFont | undefined {
    try {
      const face = tier === 'subset' ? this.#subset(weight) : this.#full(weight);
      return face?.parsed as unknown as FontkitFont | undefined;
    } catch {
      return undefined;
    }
  }

  #full(weight: FontWeight): ResolvedFace {
    const face = this.#find(`full:${weight}`, this.catalog[weight]);
    if (!face)
      throw new FontMissingError(
        weight,
        this.catalog[weight].map((c) => c.file),
      );
    return face;
  }

  #subset(weight: FontWeight): ResolvedFace | undefined {
    return this.subsetCatalog ? this.#find(`subset:${weight}`, this.subsetCatalog[weight]) : undefined;
  }

  #find(key: string, candidates: readonly FontCandidate[]): ResolvedFace | undefined {
    const cached = this.#faces.get(key);
    if (cached !== undefined) return cached ?? undefined;
    for (const candidate of candidates) {
      const bytes = this.load(candidate.file);
      if (!bytes) continue;
      const face = {
        candidate,
        parsed: parseFace(bytes, candidate),
        layoutCache: Object.create(null) as LayoutCache,
      };
      this.#faces.set(key, face);
      return face;
    }
    this.#faces.set(key, null);
    return undefined;
  }
}

function parseFace(bytes: Uint8Array, candidate: FontCandidate): Font {
  const loaded = create(bytes);
  if (!('fonts' in loaded)) return loaded;
  const face = candidate.postscriptName ? loaded.getFont(candidate.postscriptName) : loaded.fonts[0];
  if (!face) throw new Error(`${candidate.file} has no face ${candidate.postscriptName ?? ''}`);
  return face;
}

/**
 * True when a laid-out word drew glyph 0 (.notdef) for a visible character. fontkit gives .notdef
 * no code points, so the word's own text tells whether anything visible was in it.
 */
function drawsNotdef(word: string, run: CachedRun | undefined): boolean {
  return (
    (run?.glyphs ?? []).some((g) => g.id === 0) && [...word].some((ch) => ch >= ' ' && !WHITESPACE.test(ch))
  );
}

/** Code points of `text` that the font has no glyph for (glyph id 0 is .notdef, an empty box). */
export function missingGlyphs(font: FontkitFont, text: string): string[] {
  return [...new Set(text)].filter(
    (ch) => /\S/u.test(ch) && font.glyphForCodePoint(ch.codePointAt(0)!).id === 0,
  );
}
