import type { Point, Quad } from './geometry';

const cross = (o: Point, a: Point, b: Point): number => (a.x - o.x) * (b.y - o.y) - (a.y - o.y) * (b.x - o.x);

/**
 * Convex hull (Andrew's monotone chain), clockwise in y-down image coordinates, without
 * collinear points.
 */
export function convexHull(points: readonly Point[]): Point[] {
  const p = [...points].sort((a, b) => a.x - b.x || a.y - b.y);
  if (p.length < 3) return p;
  const lower: Point[] = [];
  for (const q of p) {
    while (lower.length >= 2 && cross(lower[lower.length - 2]!, lower[lower.length - 1]!, q) <= 0)
      lower.pop();
    lower.push(q);
  }
  const upper: Point[] = [];
  for (let i = p.length - 1; i >= 0; i--) {
    const q = p[i]!;
    while (upper.length >= 2 && cross(upper[upper.length - 2]!, upper[upper.length - 1]!, q) <= 0)
      upper.pop();
    upper.push(q);
  }
  // Counter-clockwise in y-up terms is clockwise on screen (y down).
  return lower.slice(0, -1).concat(upper.slice(0, -1));
}

const triangle = (a: Point, b: Point, c: Point): number => Math.abs(cross(a, b, c)) / 2;

/**
 * The largest-area quadrilateral with vertices on the convex polygon `hull`: for a page this is
 * the page's four corners at any rotation. O(n²) with monotone pointers (areas are unimodal along
 * a convex chain).
 */
export function largestInscribedQuad(hull: readonly Point[]): [Point, Point, Point, Point] | null {
  const n = hull.length;
  if (n < 4) return null;
  const at = (i: number): Point => hull[i % n]!;
  let best = -1;
  let result: [number, number, number, number] = [0, 1, 2, 3];
  for (let i = 0; i < n; i++) {
    let k = i + 1;
    let l = i + 3;
    for (let j = i + 2; j < i + n - 1; j++) {
      if (k <= i || k >= j) k = i + 1;
      while (k + 1 < j && triangle(at(i), at(k + 1), at(j)) >= triangle(at(i), at(k), at(j))) k++;
      if (l <= j) l = j + 1;
      while (l + 1 < i + n && triangle(at(j), at(l + 1), at(i)) >= triangle(at(j), at(l), at(i))) l++;
      const area = triangle(at(i), at(k), at(j)) + triangle(at(j), at(l), at(i));
      if (area > best) {
        best = area;
        result = [i, k, j, l];
      }
    }
  }
  return result.map((idx) => at(idx)) as [Point, Point, Point, Point];
}

/**
 * Name four clockwise corners: top-left is the one nearest the frame's top-left (smallest x + y),
 * which is right for pages rotated up to 45°; beyond that the page is sideways and either naming works.
 */
export function orderCorners(pts: readonly [Point, Point, Point, Point]): Quad {
  let start = 0;
  for (let i = 1; i < 4; i++) if (pts[i]!.x + pts[i]!.y < pts[start]!.x + pts[start]!.y) start = i;
  const q = (i: number): Point => pts[(start + i) % 4]!;
  return { tl: q(0), tr: q(1), br: q(2), bl: q(3) };
}

/** Leftmost and rightmost outline point of every row: enough for the hull, far fewer points. */
export function rowExtremes(xs: Float64Array, ys: Float64Array): Point[] {
  const left = new Map<number, number>();
  const right = new Map<number, number>();
  for (let i = 0; i < xs.length; i++) {
    const y = ys[i]!;
    const x = xs[i]!;
    const l = left.get(y);
    const r = right.get(y);
    if (l === undefined || x < l) left.set(y, x);
    if (r === undefined || x > r) right.set(y, x);
  }
  const out: Point[] = [];
  for (const [y, x] of left) out.push({ x, y });
  for (const [y, x] of right) out.push({ x, y });
  return out;
}
