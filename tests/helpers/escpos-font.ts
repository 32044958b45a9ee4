import { existsSync, readFileSync } from 'node:fs';
import { createCjkRasterizer, NOTO_CJK_FONT_PATHS, type GlyphRasterizer } from '../../devices/escpos-printer';

let cached: GlyphRasterizer | undefined;

/** The Noto CJK rasteriser the simulator and the raster fallback use; fails clearly without fonts-noto-cjk. */
export function testGlyphs(): GlyphRasterizer {
  if (cached) return cached;
  const path = NOTO_CJK_FONT_PATHS.find((p) => existsSync(p));
  if (!path)
    throw new Error(
      `Noto CJK font not found (${NOTO_CJK_FONT_PATHS.join(', ')}): install the Debian package fonts-noto-cjk`,
    );
  cached = createCjkRasterizer(readFileSync(path));
  return cached;
}
