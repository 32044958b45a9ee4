import type { Point, Quad } from './geometry';
import { quadPoints } from './geometry';

interface Line {
  /** A point on the line and its unit normal: the line is {p : n·(p - c) = 0}. */
  cx: number;
  cy: number;
  nx: number;
  ny: number;
}

/**
 * Sub-pixel refinement: fit a straight line (total least squares) to the outline points lying along
 * each side, away from the corners, then intersect neighbouring sides. This recovers the true
 * corners that blur and thresholding round off, and averages out ragged edges.
 * `edgeOffset` moves each fitted line outwards, compensating for outline points being pixel
 * centres half a pixel inside the real edge.
 */
export function refineCorners(xs: Float64Array, ys: Float64Array, coarse: Quad, edgeOffset = 0.5): Quad {
  const corners = quadPoints(coarse);
  const cx = corners.reduce((s, p) => s + p.x, 0) / 4;
  const cy = corners.reduce((s, p) => s + p.y, 0) / 4;
  const lines: (Line | null)[] = [];
  for (let side = 0; side < 4; side++) {
    const a = corners[side]!;
    const b = corners[(side + 1) % 4]!;
    const len = Math.hypot(b.x - a.x, b.y - a.y);
    if (len < 4) return coarse;
    const ux = (b.x - a.x) / len;
    const uy = (b.y - a.y) / len;
    const tolerance = Math.max(2, 0.03 * len);
    let n = 0;
    let sx = 0;
    let sy = 0;
    let sxx = 0;
    let syy = 0;
    let sxy = 0;
    for (let i = 0; i < xs.length; i++) {
      const px = xs[i]! - a.x;
      const py = ys[i]! - a.y;
      const t = (px * ux + py * uy) / len;
      if (t < 0.1 || t > 0.9) continue;
      if (Math.abs(px * -uy + py * ux) > tolerance) continue;
      n++;
      sx += xs[i]!;
      sy += ys[i]!;
      sxx += xs[i]! * xs[i]!;
      syy += ys[i]! * ys[i]!;
      sxy += xs[i]! * ys[i]!;
    }
    if (n < 8) {
      lines.push(null);
      continue;
    }
    const mx = sx / n;
    const my = sy / n;
    const cxx = sxx / n - mx * mx;
    const cyy = syy / n - my * my;
    const cxy = sxy / n - mx * my;
    // Direction of largest variance of the 2×2 covariance; the normal is perpendicular to it.
    const theta = 0.5 * Math.atan2(2 * cxy, cxx - cyy);
    let nx = -Math.sin(theta);
    let ny = Math.cos(theta);
    // Point the normal away from the quad centre, then push the line outwards.
    if (nx * (mx - cx) + ny * (my - cy) < 0) {
      nx = -nx;
      ny = -ny;
    }
    lines.push({ cx: mx + nx * edgeOffset, cy: my + ny * edgeOffset, nx, ny });
  }
  const refined = corners.map((corner, i) => {
    // Corner i joins side i-1 (ending at it) and side i (starting at it).
    const before = lines[(i + 3) % 4];
    const after = lines[i];
    if (!before || !after) return corner;
    return intersect(before, after) ?? corner;
  });
  return { tl: refined[0]!, tr: refined[1]!, br: refined[2]!, bl: refined[3]! };
}

function intersect(a: Line, b: Line): Point | null {
  // n_a·p = n_a·c_a and n_b·p = n_b·c_b
  const da = a.nx * a.cx + a.ny * a.cy;
  const db = b.nx * b.cx + b.ny * b.cy;
  const det = a.nx * b.ny - a.ny * b.nx;
  if (Math.abs(det) < 1e-6) return null;
  return { x: (da * b.ny - a.ny * db) / det, y: (a.nx * db - da * b.nx) / det };
}
