import { describe, expect, test } from 'vitest';
import { clampQuad, isConvexClockwise, quadArea, shrinkQuad } from './geometry';

const rect = { tl: { x: 0, y: 0 }, tr: { x: 100, y: 0 }, br: { x: 100, y: 50 }, bl: { x: 0, y: 50 } };

describe('quad geometry', () => {
  test('shrinkQuad moves every side inwards by exactly d', () => {
    const s = shrinkQuad(rect, 2);
    expect(s.tl.x).toBeCloseTo(2, 9);
    expect(s.tl.y).toBeCloseTo(2, 9);
    expect(s.br.x).toBeCloseTo(98, 9);
    expect(s.br.y).toBeCloseTo(48, 9);
    expect(quadArea(s)).toBeCloseTo(96 * 46, 6);
  });

  test('isConvexClockwise accepts a page outline and rejects a crossed or reversed one', () => {
    expect(isConvexClockwise(rect)).toBe(true);
    expect(isConvexClockwise({ ...rect, tr: rect.br, br: rect.tr })).toBe(false);
    expect(isConvexClockwise({ tl: rect.tl, tr: rect.bl, br: rect.br, bl: rect.tr })).toBe(false);
  });

  test('clampQuad keeps dragged corners inside the frame', () => {
    const c = clampQuad({ ...rect, tl: { x: -30, y: 12 }, br: { x: 140, y: 70 } }, 120, 60);
    expect(c.tl).toEqual({ x: 0, y: 12 });
    expect(c.br).toEqual({ x: 120, y: 60 });
  });
});
