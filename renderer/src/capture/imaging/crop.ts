import type { Quad } from './geometry';
import { shrinkQuad } from './geometry';
import type { PageTarget, PaperChoice, PaperKind } from './paper';
import { DEFAULT_DPI, chooseTarget } from './paper';
import type { RgbaImage } from './raster';
import { warpPerspective } from './warp';

export interface CropOptions {
  paper?: PaperChoice;
  dpi?: Record<PaperKind, number>;
  /**
   * Source pixels trimmed inside the outline. The edge pixels are a blend of page and base; without
   * the trim every output page would carry a thin dark frame.
   */
  trim?: number;
}

export interface CroppedPage {
  image: RgbaImage;
  target: PageTarget;
}

/** Deskew and crop the page inside `quad` to its paper's exact aspect ratio. */
export function cropPage(src: RgbaImage, quad: Quad, options: CropOptions = {}): CroppedPage {
  const target = chooseTarget(quad, options.paper ?? 'auto', options.dpi ?? DEFAULT_DPI);
  const image = warpPerspective(src, shrinkQuad(quad, options.trim ?? 1.5), target.width, target.height);
  return { image, target };
}
