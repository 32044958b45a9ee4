import { describe, expect, test } from 'vitest';
import { isConvexClockwise } from './geometry';
import { convexHull, largestInscribedQuad, orderCorners } from './hull';

describe('convexHull', () => {
  test('keeps the extreme points, clockwise on screen, without interior or collinear points', () => {
    const pts = [
      { x: 0, y: 0 },
      { x: 5, y: 0 },
      { x: 10, y: 0 },
      { x: 10, y: 10 },
      { x: 0, y: 10 },
      { x: 4, y: 6 },
      { x: 7, y: 2 },
    ];
    const hull = convexHull(pts);
    expect(hull).toHaveLength(4);
    const [a, b, c, d] = hull;
    expect(isConvexClockwise(orderCorners([a!, b!, c!, d!]))).toBe(true);
  });
});

describe('largestInscribedQuad', () => {
  test('picks the four corners of a rotated rectangle among many outline points', () => {
    const a = (30 * Math.PI) / 180;
    const corners = [
      [-80, -50],
      [80, -50],
      [80, 50],
      [-80, 50],
    ].map(([x, y]) => ({
      x: 200 + x! * Math.cos(a) - y! * Math.sin(a),
      y: 200 + x! * Math.sin(a) + y! * Math.cos(a),
    }));
    // Dense points along every side, slightly rounded at the corners like a blurred mask.
    const outline = corners.flatMap((p, i) => {
      const q = corners[(i + 1) % 4]!;
      return Array.from({ length: 40 }, (_, k) => {
        const t = 0.02 + (0.96 * k) / 39;
        return { x: p.x + (q.x - p.x) * t, y: p.y + (q.y - p.y) * t };
      });
    });
    const quad = largestInscribedQuad(convexHull(outline));
    expect(quad).not.toBeNull();
    for (const c of corners) {
      const nearest = Math.min(...quad!.map((p) => Math.hypot(p.x - c.x, p.y - c.y)));
      expect(nearest).toBeLessThan(5);
    }
  });

  test('needs at least four hull points', () => {
    expect(
      largestInscribedQuad([
        { x: 0, y: 0 },
        { x: 1, y: 0 },
        { x: 0, y: 1 },
      ]),
    ).toBeNull();
  });
});
