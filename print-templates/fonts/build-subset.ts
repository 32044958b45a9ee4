/**
 * Regenerates the shipped font subsets from Debian's fonts-noto-cjk:
 *   npx tsx print-templates/fonts/build-subset.ts
 * Run it after changing template wording (a test fails until you do) or the character set. It
 * fetches HarfBuzz's subsetter (npm harfbuzzjs, MIT, a WebAssembly build) into .tmp/font-tools,
 * keeps every OpenType layout feature fontkit applies, checks that each covered character and each
 * template string lays out exactly as with the full font, and writes the fonts and manifest.json.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { create, type Font, type FontCollection } from 'fontkit';
import { subsetCodePoints } from './charset';
import { templateWording } from './wording';

const HARFBUZZJS = '0.10.3';
const ROOT = join(import.meta.dirname, '..', '..');
const TOOLS = join(ROOT, '.tmp', 'font-tools', `harfbuzzjs-${HARFBUZZJS}`);
const OUT = import.meta.dirname;

const SOURCES = [
  {
    weight: 'regular',
    file: '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc',
    face: 'NotoSansCJKsc-Regular',
  },
  { weight: 'bold', file: '/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc', face: 'NotoSansCJKsc-Bold' },
] as const;

/** The features fontkit's default shaper applies to horizontal text (fontkit/src/opentype/shapers/DefaultShaper.js). */
const FEATURES = 'rvrn ltra ltrm frac numr dnom ccmp locl rlig mark mkmk calt clig liga rclt curs kern'.split(
  ' ',
);
/** name IDs kept: copyright … PostScript name (0–6), licence description and URL (13, 14). */
const NAME_IDS = [0, 1, 2, 3, 4, 5, 6, 13, 14];
const HB_SUBSET_FLAGS_NOTDEF_OUTLINE = 0x40;
/** Inline subroutines: fontkit then re-subsets no subroutine INDEX per document, the main cost of embedding. */
const HB_SUBSET_FLAGS_DESUBROUTINIZE = 0x04;
const HB_SUBSET_SETS_NAME_ID = 4;
const HB_SUBSET_SETS_LAYOUT_FEATURE_TAG = 6;
/** 64 KiB pages; see withMemoryPages. */
const WASM_PAGES = 16_000;

const log = (line: string) => process.stdout.write(`${line}\n`);
const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const tag = (s: string) => [...s].reduce((n, c) => n * 256 + c.charCodeAt(0), 0);

function subsetterWasm(): Uint8Array {
  const wasm = join(TOOLS, 'node_modules', 'harfbuzzjs', 'hb-subset.wasm');
  if (!existsSync(wasm)) {
    mkdirSync(TOOLS, { recursive: true });
    execFileSync(
      'npm',
      ['install', '--prefix', TOOLS, '--no-save', '--no-audit', '--no-fund', `harfbuzzjs@${HARFBUZZJS}`],
      {
        stdio: 'inherit',
      },
    );
  }
  return withMemoryPages(readFileSync(wasm), WASM_PAGES);
}

const uleb = (n: number): number[] => {
  const out: number[] = [];
  do {
    let b = n & 0x7f;
    n >>>= 7;
    if (n) b |= 0x80;
    out.push(b);
  } while (n);
  return out;
};

/**
 * The wasm build declares a fixed 65 MiB memory (initial = maximum, no growth), too small to subset
 * a 19.5 MB collection to thousands of glyphs: hb_subset then silently drops the CFF table. Its
 * allocator sizes the heap from the memory it is given, so rewriting the memory section's limits
 * (section 5: count, flags, initial, maximum) gives it room.
 */
function withMemoryPages(wasm: Uint8Array, pages: number): Uint8Array {
  let off = 8;
  const readUleb = () => {
    let n = 0;
    let shift = 0;
    let b: number;
    do {
      b = wasm[off++]!;
      n += (b & 0x7f) * 2 ** shift;
      shift += 7;
    } while (b & 0x80);
    return n;
  };
  while (off < wasm.length) {
    const id = wasm[off++]!;
    const sizeAt = off;
    const size = readUleb();
    const body = off;
    if (id === 5) {
      const section = [1, 1, ...uleb(pages), ...uleb(pages)];
      return Uint8Array.from([
        ...wasm.subarray(0, sizeAt - 1),
        5,
        ...uleb(section.length),
        ...section,
        ...wasm.subarray(body + size),
      ]);
    }
    off = body + size;
  }
  throw new Error('hb-subset.wasm has no memory section');
}

interface WasmApi {
  instantiate(bytes: Uint8Array): Promise<{ instance: { exports: unknown } }>;
}

interface HbSubset {
  memory: { buffer: ArrayBuffer };
  malloc(n: number): number;
  free(p: number): void;
  hb_blob_create(data: number, length: number, mode: number, user: number, destroy: number): number;
  hb_blob_destroy(b: number): void;
  hb_blob_get_data(b: number, length: number): number;
  hb_blob_get_length(b: number): number;
  hb_face_create(blob: number, index: number): number;
  hb_face_destroy(f: number): void;
  hb_face_reference_blob(f: number): number;
  hb_set_add(s: number, v: number): void;
  hb_set_clear(s: number): void;
  hb_subset_input_create_or_fail(): number;
  hb_subset_input_destroy(i: number): void;
  hb_subset_input_unicode_set(i: number): number;
  hb_subset_input_set(i: number, which: number): number;
  hb_subset_input_set_flags(i: number, flags: number): void;
  hb_subset_or_fail(face: number, input: number): number;
}

function subset(hb: HbSubset, font: Uint8Array, faceIndex: number, codePoints: number[]): Uint8Array {
  const ptr = hb.malloc(font.byteLength);
  new Uint8Array(hb.memory.buffer).set(font, ptr);
  const blob = hb.hb_blob_create(ptr, font.byteLength, 2 /* HB_MEMORY_MODE_WRITABLE */, 0, 0);
  const face = hb.hb_face_create(blob, faceIndex);
  hb.hb_blob_destroy(blob);
  const input = hb.hb_subset_input_create_or_fail();
  try {
    const unicodes = hb.hb_subset_input_unicode_set(input);
    for (const cp of codePoints) hb.hb_set_add(unicodes, cp);
    const features = hb.hb_subset_input_set(input, HB_SUBSET_SETS_LAYOUT_FEATURE_TAG);
    hb.hb_set_clear(features);
    for (const f of FEATURES) hb.hb_set_add(features, tag(f));
    const names = hb.hb_subset_input_set(input, HB_SUBSET_SETS_NAME_ID);
    hb.hb_set_clear(names);
    for (const id of NAME_IDS) hb.hb_set_add(names, id);
    hb.hb_subset_input_set_flags(input, HB_SUBSET_FLAGS_NOTDEF_OUTLINE | HB_SUBSET_FLAGS_DESUBROUTINIZE);
    const result = hb.hb_subset_or_fail(face, input);
    if (!result) throw new Error('hb_subset_or_fail failed');
    const out = hb.hb_face_reference_blob(result);
    const data = hb.hb_blob_get_data(out, 0);
    const bytes = new Uint8Array(hb.memory.buffer).slice(data, data + hb.hb_blob_get_length(out));
    hb.hb_blob_destroy(out);
    hb.hb_face_destroy(result);
    return bytes;
  } finally {
    hb.hb_subset_input_destroy(input);
    hb.hb_face_destroy(face);
    hb.free(ptr);
  }
}

const shape = (font: Font, text: string): string => {
  const run = (font as unknown as { layout(t: string): unknown }).layout(text) as {
    glyphs: { path: { toSVG(): string } }[];
    positions: { xAdvance: number; xOffset: number; yOffset: number }[];
  };
  return run.glyphs.map((g, i) => `${g.path.toSVG()}@${JSON.stringify(run.positions[i])}`).join(' ');
};

/** Every covered character and template string must shape to the same outlines and advances. */
function verify(full: Font, sub: Font, codePoints: number[], strings: string[]): void {
  const bad: string[] = [];
  for (const cp of codePoints) {
    const ch = String.fromCodePoint(cp);
    if (shape(full, ch) !== shape(sub, ch)) bad.push(ch);
  }
  for (const s of strings) if (s.trim() && shape(full, s) !== shape(sub, s)) bad.push(JSON.stringify(s));
  if (bad.length)
    throw new Error(
      `${sub.postscriptName}: ${bad.length} differ from the full font: ${bad.slice(0, 20).join(' ')}`,
    );
}

async function main(): Promise<void> {
  const wording = templateWording();
  const strings = wording.flatMap((w) => w.texts);
  const wanted = subsetCodePoints(strings);
  // Node's WebAssembly global; this project's TypeScript lib (ES2023, no DOM) does not declare it.
  const wasm = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;
  const { instance } = await wasm.instantiate(subsetterWasm());
  const hb = instance.exports as HbSubset;
  const manifest: Record<string, unknown> = {
    generatedBy: 'print-templates/fonts/build-subset.ts',
    subsetter: `harfbuzzjs@${HARFBUZZJS}`,
    licence: 'SIL Open Font License 1.1 (OFL.txt)',
    features: FEATURES,
    fonts: {},
  };
  for (const src of SOURCES) {
    const bytes = new Uint8Array(readFileSync(src.file));
    const collection = create(bytes) as FontCollection;
    const index = collection.fonts.findIndex((f) => f.postscriptName === src.face);
    const full = collection.fonts[index];
    if (!full) throw new Error(`${src.face} not in ${src.file}`);
    const codePoints = wanted.filter((cp) => full.hasGlyphForCodePoint(cp));
    const out = subset(hb, bytes, index, codePoints);
    const sub = create(out) as Font;
    if (!('CFF ' in (sub as unknown as { directory: { tables: object } }).directory.tables))
      throw new Error(`${src.face}: the subset lost its CFF table (subsetter out of memory?)`);
    verify(full, sub, codePoints, strings);
    const name = `${src.face}.subset.otf`;
    writeFileSync(join(OUT, name), out);
    (manifest.fonts as Record<string, unknown>)[src.weight] = {
      file: name,
      postscriptName: sub.postscriptName,
      from: { file: src.file, face: src.face, sha256: sha256(bytes) },
      codePoints: codePoints.length,
      glyphs: (sub as unknown as { numGlyphs: number }).numGlyphs,
      bytes: out.length,
      sha256: sha256(out),
    };
    log(`${name}: ${codePoints.length} characters, ${out.length} bytes, layout identical to ${src.face}`);
  }
  writeFileSync(join(OUT, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
}

await main();
