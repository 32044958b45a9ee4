import { describe, expect, test } from 'vitest';
import { applyHomography, solveHomography } from './homography';

describe('solveHomography', () => {
  test('maps the four source points exactly onto the targets', () => {
    const from = [
      { x: 0, y: 0 },
      { x: 1240, y: 0 },
      { x: 1240, y: 1754 },
      { x: 0, y: 1754 },
    ];
    const to = [
      { x: 312.4, y: 88.1 },
      { x: 1830.9, y: 140.7 },
      { x: 1902.2, y: 2301.5 },
      { x: 221.6, y: 2250.3 },
    ];
    const h = solveHomography(from, to);
    expect(h).not.toBeNull();
    from.forEach((p, i) => {
      const q = applyHomography(h!, p);
      expect(q.x).toBeCloseTo(to[i]!.x, 6);
      expect(q.y).toBeCloseTo(to[i]!.y, 6);
    });
    // A projective map sends the rectangle's centre to the intersection of the quad's diagonals.
    const centre = applyHomography(h!, { x: 620, y: 877 });
    const d = diagonalsIntersection(to);
    expect(centre.x).toBeCloseTo(d.x, 6);
    expect(centre.y).toBeCloseTo(d.y, 6);
  });

  test('returns null when three points are collinear', () => {
    const from = [
      { x: 0, y: 0 },
      { x: 1, y: 0 },
      { x: 2, y: 0 },
      { x: 0, y: 1 },
    ];
    expect(solveHomography(from, from)).toBeNull();
  });
});

function diagonalsIntersection(q: { x: number; y: number }[]): { x: number; y: number } {
  const [a, b, c, d] = q as [(typeof q)[0], (typeof q)[0], (typeof q)[0], (typeof q)[0]];
  // a + t (c - a) = b + s (d - b)
  const den = (c.x - a.x) * (d.y - b.y) - (c.y - a.y) * (d.x - b.x);
  const t = ((b.x - a.x) * (d.y - b.y) - (b.y - a.y) * (d.x - b.x)) / den;
  return { x: a.x + t * (c.x - a.x), y: a.y + t * (c.y - a.y) };
}
