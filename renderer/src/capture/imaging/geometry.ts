export interface Point {
  x: number;
  y: number;
}

/** A page outline in image coordinates (pixel edges, y down), clockwise from top-left. */
export interface Quad {
  tl: Point;
  tr: Point;
  br: Point;
  bl: Point;
}

export const QUAD_CORNERS = ['tl', 'tr', 'br', 'bl'] as const;
export type QuadCorner = (typeof QUAD_CORNERS)[number];

export const quadPoints = (q: Quad): [Point, Point, Point, Point] => [q.tl, q.tr, q.br, q.bl];

export const distance = (a: Point, b: Point): number => Math.hypot(a.x - b.x, a.y - b.y);

export function scaleQuad(q: Quad, s: number): Quad {
  const f = (p: Point): Point => ({ x: p.x * s, y: p.y * s });
  return { tl: f(q.tl), tr: f(q.tr), br: f(q.br), bl: f(q.bl) };
}

/** Shoelace area; positive for a clockwise quad in y-down coordinates. */
export function quadArea(q: Quad): number {
  const p = quadPoints(q);
  let a = 0;
  for (let i = 0; i < 4; i++) {
    const u = p[i]!;
    const v = p[(i + 1) % 4]!;
    a += u.x * v.y - v.x * u.y;
  }
  return a / 2;
}

/** True when the quad is strictly convex and clockwise (a usable page outline). */
export function isConvexClockwise(q: Quad): boolean {
  const p = quadPoints(q);
  for (let i = 0; i < 4; i++) {
    const a = p[i]!;
    const b = p[(i + 1) % 4]!;
    const c = p[(i + 2) % 4]!;
    const cross = (b.x - a.x) * (c.y - b.y) - (b.y - a.y) * (c.x - b.x);
    if (cross <= 0) return false;
  }
  return true;
}

/** Mean lengths of the two horizontal and the two vertical sides. */
export function quadSideLengths(q: Quad): { width: number; height: number } {
  return {
    width: (distance(q.tl, q.tr) + distance(q.bl, q.br)) / 2,
    height: (distance(q.tl, q.bl) + distance(q.tr, q.br)) / 2,
  };
}

/** A quad inset by `fraction` of each side: the starting outline when nothing was detected. */
export function insetQuad(width: number, height: number, fraction: number): Quad {
  const dx = width * fraction;
  const dy = height * fraction;
  return {
    tl: { x: dx, y: dy },
    tr: { x: width - dx, y: dy },
    br: { x: width - dx, y: height - dy },
    bl: { x: dx, y: height - dy },
  };
}

export function clampQuad(q: Quad, width: number, height: number): Quad {
  const f = (p: Point): Point => ({
    x: Math.min(width, Math.max(0, p.x)),
    y: Math.min(height, Math.max(0, p.y)),
  });
  return { tl: f(q.tl), tr: f(q.tr), br: f(q.br), bl: f(q.bl) };
}

/** `q` with every side moved `d` pixels inwards (exactly, by intersecting the offset side lines). */
export function shrinkQuad(q: Quad, d: number): Quad {
  const p = quadPoints(q);
  const lines = p.map((a, i) => {
    const b = p[(i + 1) % 4]!;
    const len = distance(a, b) || 1;
    // For a clockwise quad in y-down coordinates the inward normal is (-dy, dx) / len.
    const nx = -(b.y - a.y) / len;
    const ny = (b.x - a.x) / len;
    return { x: a.x + nx * d, y: a.y + ny * d, dx: b.x - a.x, dy: b.y - a.y };
  });
  const corner = (i: number): Point => {
    const l1 = lines[(i + 3) % 4]!;
    const l2 = lines[i]!;
    const den = l1.dx * l2.dy - l1.dy * l2.dx;
    if (Math.abs(den) < 1e-9) return p[i]!;
    const t = ((l2.x - l1.x) * l2.dy - (l2.y - l1.y) * l2.dx) / den;
    return { x: l1.x + t * l1.dx, y: l1.y + t * l1.dy };
  };
  return { tl: corner(0), tr: corner(1), br: corner(2), bl: corner(3) };
}
