import type { Point } from './geometry';

/** Row-major 3×3 matrix with h[8] = 1. */
export type Homography = Float64Array;

/**
 * The projective map taking each `from[i]` to `to[i]` (exactly, up to rounding), solved as the
 * standard 8×8 linear system with h33 = 1. Returns null for degenerate input (three collinear points).
 */
export function solveHomography(from: readonly Point[], to: readonly Point[]): Homography | null {
  if (from.length !== 4 || to.length !== 4) throw new RangeError('a homography needs exactly 4 point pairs');
  const a: number[][] = [];
  for (let i = 0; i < 4; i++) {
    const { x, y } = from[i]!;
    const { x: u, y: v } = to[i]!;
    a.push([x, y, 1, 0, 0, 0, -x * u, -y * u, u]);
    a.push([0, 0, 0, x, y, 1, -x * v, -y * v, v]);
  }
  const h = solveLinear(a, 8);
  if (!h) return null;
  return Float64Array.from([...h, 1]);
}

/** Gaussian elimination with partial pivoting on an n×(n+1) augmented matrix. */
function solveLinear(m: number[][], n: number): number[] | null {
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(m[r]![col]!) > Math.abs(m[pivot]![col]!)) pivot = r;
    if (Math.abs(m[pivot]![col]!) < 1e-12) return null;
    [m[col], m[pivot]] = [m[pivot]!, m[col]!];
    const row = m[col]!;
    for (let r = 0; r < n; r++) {
      if (r === col) continue;
      const other = m[r]!;
      const f = other[col]! / row[col]!;
      if (f === 0) continue;
      for (let c = col; c <= n; c++) other[c]! -= f * row[c]!;
    }
  }
  return m.map((row, i) => row[n]! / row[i]!);
}

export function applyHomography(h: Homography, p: Point): Point {
  const w = h[6]! * p.x + h[7]! * p.y + h[8]!;
  return { x: (h[0]! * p.x + h[1]! * p.y + h[2]!) / w, y: (h[3]! * p.x + h[4]! * p.y + h[5]!) / w };
}
