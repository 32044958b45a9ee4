import { gaussianBlur5 } from './blur';
import { boundaryPoints, fillHoles, largestComponent } from './components';
import { refineCorners } from './corners';
import type { Quad } from './geometry';
import { insetQuad, isConvexClockwise, quadArea, scaleQuad } from './geometry';
import { binarize, histogram, otsuThreshold } from './otsu';
import type { RgbaImage } from './raster';
import { detectionFactor, toGrayDownscaled } from './raster';
import { convexHull, largestInscribedQuad, orderCorners, rowExtremes } from './hull';

/** Why an outline is only a suggestion the user should check. */
export type DetectionIssue =
  | 'noPage' // nothing bright enough and large enough
  | 'tooSmall' // the bright region covers too little of the frame
  | 'touchesBorder' // the page runs off the frame: part of it may be missing
  | 'notQuadrilateral'; // the region is not a clean four-sided shape (folded page, hand in view)

export interface Detection {
  /** Page outline in source pixel coordinates; always present so the corner editor has a start. */
  quad: Quad;
  /** True when the outline was found cleanly; otherwise `issue` says why. */
  found: boolean;
  issue?: DetectionIssue;
  threshold: number;
}

export interface DetectOptions {
  /** Longer side of the working image; detection cost grows with its square. */
  maxSide?: number;
  /** Smallest page, as a fraction of the frame area. */
  minAreaFraction?: number;
}

/**
 * Find the page on a document-camera frame: grayscale (downscaled) → 5×5 Gaussian → Otsu →
 * largest bright connected region → largest quadrilateral inscribed in its convex hull (works at
 * any rotation, e.g. an ID card dropped askew) → line-fit refinement of each side.
 * The page must be brighter than the base plate, which is how 高拍仪 bases are made.
 */
export function detectPage(src: RgbaImage, options: DetectOptions = {}): Detection {
  const factor = detectionFactor(src.width, src.height, options.maxSide ?? 800);
  const gray = gaussianBlur5(toGrayDownscaled(src, factor));
  const threshold = otsuThreshold(histogram(gray));
  const mask = binarize(gray, threshold);
  const fallback = (issue: DetectionIssue): Detection => ({
    quad: insetQuad(src.width, src.height, 0.1),
    found: false,
    issue,
    threshold,
  });
  const component = largestComponent(mask, gray.width, gray.height);
  if (!component) return fallback('noPage');
  if (component.area < (options.minAreaFraction ?? 0.05) * gray.width * gray.height)
    return fallback('tooSmall');

  const filled = fillHoles(component.mask, gray.width, gray.height);
  const { xs, ys } = boundaryPoints(filled, gray.width, gray.height);
  let area = 0;
  for (const v of filled) area += v;
  const corners = largestInscribedQuad(convexHull(rowExtremes(xs, ys)));
  if (!corners) return fallback('notQuadrilateral');
  const coarse = orderCorners(corners);
  // Two passes: the second assigns outline points to sides using the better corners of the first.
  const refined = refineCorners(xs, ys, refineCorners(xs, ys, coarse));
  const quad = scaleQuad(refined, factor);
  if (!isConvexClockwise(refined))
    return { ...fallback('notQuadrilateral'), quad: scaleQuad(coarse, factor) };

  // A clean page fills its outline; a hand or a fold makes the region differ from the quad.
  const fill = area / quadArea(refined);
  const base: Detection = { quad, found: true, threshold };
  if (fill < 0.9 || fill > 1.1) return { ...base, found: false, issue: 'notQuadrilateral' };
  if (component.touchesBorder) return { ...base, found: false, issue: 'touchesBorder' };
  return base;
}
